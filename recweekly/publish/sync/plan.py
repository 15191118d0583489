"""What one run would do to one page (a Plan), from a post rendered ahead of any call (Rendered),
and what came of it (a PublishOutcome).

Every selected post is rendered before the first Notion call (`render_posts`), so a post that
cannot be converted stops the run with nothing written.

Kept apart from the publisher so the plan can be read, printed and tested without the machinery
that makes and carries it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from recweekly.config import Config
from recweekly.errors import InputError, Problem, RecweeklyError
from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.publish.blockdiff import Op, op_size
from recweekly.publish.notion.client import count_blocks
from recweekly.publish.notion.pagefields import wanted_page_fields
from recweekly.publish.signatures import file_hash
from recweekly.publish.sync.jobs import Job
from recweekly.publish.sync.remote import local_image_paths

#: What a run does (or would do) to a post's page; the last two only name a failed post's row.
PlanAction = Literal["create", "update", "unchanged", "unpublish", "edited in Notion", "unknown"]
#: How a post's sync ended: applied, only planned (--dry-run), or failed.
PublishStatus = Literal["ok", "planned", "failed"]


@dataclass
class PublishOutcome:
    """The result of one post, for the summary table and --json."""

    path: str
    slug: str
    lang: str
    action: PlanAction
    detail: str
    status: PublishStatus
    page_id: str | None = None
    block_changes: int = 0
    blocks_created: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    exception: RecweeklyError | None = None  # why it failed; the CLI's table maps it to an exit code

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "exception"}


@dataclass
class Rendered:
    """A post's blocks, ready to diff: local images are known by content hash."""

    blocks: list[dict[str, Any]]
    hashes: dict[str, str]
    warnings: list[str]
    page: dict[str, Any] = field(default_factory=dict)  # icon / cover to set (None: remove); see pagefields


def render_posts(config: Config, jobs: list[Job],
                 resolve_link: Callable[[Path], Callable[[str], str | None]]) -> dict[str, Rendered]:
    """Every post to publish, rendered to blocks (by display name); InputError with every problem."""
    rendered: dict[str, Rendered] = {}
    problems: list[Problem] = []
    for job in jobs:
        if job.kind != "publish":
            continue
        context = DocumentContext.for_post(job.post, config.root, resolve_link(Path(job.post.path)))
        try:
            result = markdown_to_blocks(job.post.body, context)
        except RecweeklyError as exc:
            problems += exc.problems or [Problem(job.display, exc.message)]
            continue
        page, page_problems = wanted_page_fields(job.post, config.root, job.display)
        problems += page_problems
        hashes: dict[str, str] = {}
        for rel in sorted(local_image_paths([result.blocks, page])):
            try:
                hashes[rel] = file_hash((config.root / rel).read_bytes())
            except OSError:
                problems.append(Problem(job.display, f"image {rel} not found; add it to the repository "
                                        "or fix the path", field="image"))
        rendered[job.display] = Rendered(list(result.blocks), hashes, [str(w) for w in result.warnings], page)
    if problems:
        raise InputError("some posts cannot be converted: nothing was published", problems)
    return rendered


@dataclass
class Plan:
    """What one run would do to one page."""

    job: Job
    action: PlanAction
    page_id: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)  # property values to send
    page_fields: dict[str, Any] = field(default_factory=dict)  # icon / cover to send with them
    ops: list[Op] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # extra pages with the same slug, to trash
    trash: bool = False
    # with notion.fingerprint_property set: the column, the value to write last (None: nothing to
    # write), and whether the page's fingerprint matched so its blocks were not read at all
    fingerprint_column: str = ""
    fingerprint: str | None = None
    fingerprint_hit: bool = False
    clear_fingerprint: bool = False  # the page holds a fingerprint and blocks will change: clear it first

    @property
    def block_changes(self) -> int:
        if self.action == "create":
            return 0
        return sum(op_size(op) for op in self.ops)

    def describe(self, rendered: Rendered | None = None) -> str:
        if self.action == "create":
            n = count_blocks(rendered.blocks) if rendered else 0
            return f"create ({n} block{'s' if n != 1 else ''})"
        if self.action == "unpublish":
            return "unpublish (trash page)" if self.trash else "unpublish (status Invisible)"
        if self.action == "unchanged":
            return "unchanged (fingerprint)" if self.fingerprint_hit else "unchanged"
        if self.fingerprint and not (self.properties or self.page_fields or self.ops or self.duplicates):
            return "update (fingerprint only)"
        parts = []
        if self.properties:
            parts.append(f"{len(self.properties)} propert{'y' if len(self.properties) == 1 else 'ies'}")
        parts += sorted(self.page_fields)
        parts.append(f"{self.block_changes} block change{'s' if self.block_changes != 1 else ''}")
        if self.duplicates:
            parts.append(f"trash {len(self.duplicates)} duplicate page(s)")
        return "update with " + ", ".join(parts)
