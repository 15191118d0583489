"""Carrying a plan out: every write of one post's sync, in the order that keeps a crash recoverable.

With a fingerprint column, properties go last, in one PATCH with the new stamp, once every block
operation succeeded; before the first block write an existing stamp is replaced by the unfinished
mark (fingerprint.py), so a run that dies half-way is diffed in full next time. Repository images
(icon, cover, image blocks) are uploaded once per run and swapped in for their local ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from recweekly.config import Config
from recweekly.publish.blockdiff import DeleteBlock, InsertBlocks, Op, UpdateBlock
from recweekly.publish.notion.client import count_blocks
from recweekly.publish.sync import fingerprint
from recweekly.publish.sync.chunks import take_chunk
from recweekly.publish.sync.databases import Database
from recweekly.publish.sync.jobs import Job
from recweekly.publish.sync.plan import Plan, Rendered
from recweekly.publish.sync.remote import ImageUploader, TreeWriter, local_image_paths, swap_local_ids


@dataclass
class PlanApplier:
    """The writes of a run, through one client; shares the publisher's rendered posts and databases."""

    config: Config
    client: Any
    rendered: dict[str, Rendered]
    databases: dict[str, Database]
    on_write: Callable[[], None]
    uploads: ImageUploader | None = None  # made on the first repository image, kept for the run

    def apply(self, plan: Plan) -> int:
        """Carry a plan out; returns the number of blocks created."""
        writer = TreeWriter(self.client, self.on_write)
        job = plan.job
        if plan.action == "create":
            self._create(plan, writer)
            self._finish(plan, {}, {})
            return writer.blocks_sent
        if plan.action == "unchanged":
            return 0
        assert plan.page_id is not None
        # with a fingerprint, properties go last, in one PATCH with the fingerprint, once every
        # block op succeeded (an exception on the way leaves the old fingerprint: next run diffs)
        properties_last = bool(plan.fingerprint_column) and job.kind == "publish"
        if plan.trash:
            self.client.update_page(plan.page_id, {"in_trash": True})
            self.on_write()
        elif (plan.properties or plan.page_fields) and not properties_last:
            self.client.update_page(plan.page_id, self._page_body(job, plan.properties, plan.page_fields))
            self.on_write()
        if plan.clear_fingerprint:
            # a run that dies among the block writes must not leave a fingerprint that a later
            # post (e.g. one reverted to its previous content) could match
            unfinished = fingerprint.stamp_property(fingerprint.UNFINISHED)
            self.client.update_page(plan.page_id, {"properties": {plan.fingerprint_column: unfinished}})
            self.on_write()
        rendered = self.rendered.get(job.display)
        for op in plan.ops:
            assert rendered is not None
            self._apply_op(op, writer, rendered)
        for extra in plan.duplicates:
            self.client.update_page(extra, {"in_trash": True})
            self.on_write()
        if properties_last:
            self._finish(plan, plan.properties, plan.page_fields)
        return writer.blocks_sent

    def _finish(self, plan: Plan, properties: dict[str, Any], page_fields: dict[str, Any]) -> None:
        """The last write of a sync: changed properties, icon, cover and the new fingerprint, in one PATCH."""
        assert plan.page_id is not None
        body = dict(properties)
        if plan.fingerprint is not None:
            body[plan.fingerprint_column] = fingerprint.stamp_property(plan.fingerprint)
        if body or page_fields:
            self.client.update_page(plan.page_id, self._page_body(plan.job, body, page_fields))
            self.on_write()

    def _page_body(self, job: Job, properties: dict[str, Any], page_fields: dict[str, Any]) -> dict[str, Any]:
        """PATCH /v1/pages body: properties plus icon / cover (repository images uploaded first)."""
        body: dict[str, Any] = {"properties": properties} if properties else {}
        if page_fields:
            body.update(self._uploads(self.rendered[job.display], page_fields))
        return body

    def _uploads(self, rendered: Rendered, value: Any) -> Any:
        paths = local_image_paths(value)
        if not paths:
            return value
        if self.uploads is None:
            self.uploads = ImageUploader(self.client, self.config.root, {})
        self.uploads.hashes = {**self.uploads.hashes, **rendered.hashes}
        ids = self.uploads.ensure(paths)
        return swap_local_ids(value, ids)

    def _apply_op(self, op: Op, writer: TreeWriter, rendered: Rendered) -> None:
        if isinstance(op, UpdateBlock):
            self.client.update_block(op.block_id, self._uploads(rendered, op.body))
            self.on_write()
        elif isinstance(op, DeleteBlock):
            self.client.delete_block(op.block_id)
            self.on_write()
        elif isinstance(op, InsertBlocks):
            writer.append(op.parent_id, self._uploads(rendered, op.blocks), op.after_id, op.at_start)

    def _create(self, plan: Plan, writer: TreeWriter) -> None:
        job = plan.job
        rendered = self.rendered[job.display]
        blocks = self._uploads(rendered, rendered.blocks)
        chunk, deferred, rest = take_chunk(blocks)
        body: dict[str, Any] = {
            "parent": {"type": "data_source_id", "data_source_id": self.databases[job.lang].data_source_id},
            "properties": plan.properties,
            **self._uploads(rendered, plan.page_fields),
        }
        if chunk:
            body["children"] = chunk
        page = self.client.create_page(body)
        writer.blocks_sent += count_blocks(chunk)
        self.on_write()
        page_id = str(page["id"])
        plan.page_id = page_id
        if deferred:
            top = [str(b["id"]) for b in self.client.list_children(page_id)]
            writer.send_deferred(top, deferred)
        if rest < len(blocks):
            writer.append(page_id, blocks[rest:])
