"""Plan and apply: converge each post's Notion page on the post file, with the fewest writes.

Every run starts from what is in Notion, never from a local cache: find the page by slug (in the
run's one listing of the data source, see listing.py), read its properties and blocks, diff, write
only the difference. That one rule gives the properties the project needs: an unchanged post makes
no write; a re-run after a crash, a timeout or a write whose outcome is unknown
(`WriteOutcomeUnknown`) simply plans again from the new state and finishes the job; a renamed file
keeps its page because the slug, not the path, is the key.

Shortcut whenever the data source has the fingerprint column (config notion.fingerprint_property,
see fingerprint.py): the page's stamp, returned by the listing, says whether the last complete sync
wrote exactly these blocks and properties; when it matches, the tree is not read. The stamp is
written last, only after every other write of the sync succeeded, so a crash leaves a stale one and
the next run diffs in full (before the first block write the stamp is replaced by the unfinished
mark: see fingerprint.py). Before any write, a page that differs from the post goes past the drift
guard (drift.py), which refuses a page edited in Notion; it needs no Notion call of its own.

Order of a run: load and validate every selected post and render its blocks (content problems stop
here), resolve each language's database and read its schema once (schema problems stop here), and
only then plan and apply post by post. `dry_run` stops after planning: reads only.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import (
    ConfigError,
    ContentRejected,
    EditedInNotion,
    InputError,
    Problem,
    RecweeklyError,
    RemoteError,
)
from recweekly.publish.blockdiff import diff_blocks
from recweekly.publish.notion.errors import NotionValidationError, WriteOutcomeUnknown
from recweekly.publish.notion.pagefields import diff_page_fields
from recweekly.publish.notion.properties import build_properties, diff_properties, value_for
from recweekly.publish.notion.schema import missing_options
from recweekly.publish.sync import databases, fingerprint
from recweekly.publish.sync.apply import PlanApplier
from recweekly.publish.sync.databases import Database
from recweekly.publish.sync.jobs import Job
from recweekly.publish.sync.listing import Listing, list_languages, live
from recweekly.publish.sync.plan import Plan, PublishOutcome, PublishStatus, Rendered, render_posts
from recweekly.publish.sync.remote import read_tree

MAX_ATTEMPTS = 4  # plan+apply rounds for one post after writes with unknown outcome


class Publisher:
    """Publishes jobs to Notion through a NotionClient (or anything with its methods)."""

    def __init__(
        self,
        config: Config,
        client: Any,
        *,
        dry_run: bool = False,
        environ: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_write: Callable[[], None] | None = None,
        resolve_link: Callable[[Path], Callable[[str], str | None]] | None = None,
        full_diff: bool = False,
        blog_size: Mapping[str, int] | None = None,
        drift: Any = None,
    ) -> None:
        self.config = config
        self.client = client
        self.dry_run = dry_run
        self.full_diff = full_diff  # ignore stored fingerprints: read and diff every page in full
        self.environ = os.environ if environ is None else environ
        self.sleep = sleep
        self.on_write = on_write or (lambda: None)
        self.resolve_link = resolve_link or (lambda source: lambda href: None)
        self.drift = drift  # sync/drift.py DriftGuard: refuses pages edited in Notion (None: no check)
        self.databases: dict[str, Database] = {}
        self.blog_size = blog_size  # posts per language under posts/: decides whether a listing pays
        self.listings: dict[str, Listing] = {}
        self.rendered: dict[str, Rendered] = {}
        self.applier = PlanApplier(config, client, self.rendered, self.databases, self.on_write)

    # -- before any network call ------------------------------------------------------------------

    def render(self, jobs: list[Job]) -> None:
        """Render every post to blocks; raise InputError with every problem found."""
        self.rendered.update(render_posts(self.config, jobs, self.resolve_link))

    # -- reads: databases and schemas -------------------------------------------------------------

    def database_id_for(self, lang: str) -> str:
        return databases.database_id_for(self.config, lang, self.environ)

    def prepare(self, jobs: list[Job]) -> None:
        """Resolve each language's data source and check its schema once, before any write."""
        self.databases.update(databases.resolve_databases(self.config, self.client, jobs, self.environ))
        problems: list[Problem] = []
        for job in jobs:  # values that cannot be written (e.g. an option a status column lacks)
            try:
                wanted = self.wanted_properties(job)
            except RecweeklyError as exc:
                problems += exc.problems or [Problem(job.display, exc.message)]
                continue
            problems += self._new_options(job, wanted)
        if problems:
            raise InputError("some front matter cannot be written to Notion: nothing was published", problems)
        self.list_databases(jobs)

    def list_databases(self, jobs: list[Job]) -> None:
        """One listing of each language's data source, where it costs fewer calls than slug queries."""
        self.listings.update(list_languages(self.client, self.databases.values(), jobs, self.blog_size))

    def _new_options(self, job: Job, wanted: dict[str, Any]) -> list[Problem]:
        """Select values the columns lack: Notion adds them on write (a warning), unless config says not to."""
        problems = []
        for column, name in missing_options(self.databases[job.lang].pmap, wanted):
            line = job.post.line_of(column.key) if job.kind == "publish" else None
            if not self.config.notion.create_options:
                problems.append(Problem(job.display, f"{name!r} is not an option of the Notion column {column.name!r} "
                                        "and notion.create_options is false: add the option in Notion or change the "
                                        "value", line, column.key))
            elif job.display in self.rendered:
                self.rendered[job.display].warnings.append(
                    f"{column.key}: {name!r} is not yet an option of the Notion column {column.name!r}; Notion adds "
                    "it on the first write (the integration needs edit access to the database)")
        return problems

    def wanted_properties(self, job: Job) -> dict[str, Any]:
        """Every property for a post; for an unpublish job only the status, set to Invisible."""
        pmap = self.databases[job.lang].pmap
        if job.kind == "unpublish":
            if self.config.notion.unpublish == "trash":
                return {}
            if "status" not in pmap.columns:
                raise ConfigError("cannot unpublish by status: the status property is not published; set "
                                  f'{self.config.table("notion")} unpublish = "trash" or map status to a property')
            value = value_for(pmap, "status", "Invisible", timezone=self.config.notion.timezone)
            return {pmap.columns["status"].name: value}
        return dict(build_properties(job.post, pmap, timezone=self.config.notion.timezone, display=job.display))

    # -- plan (reads only) ------------------------------------------------------------------------

    def find_pages(self, job: Job, *, fresh: bool = False) -> list[dict[str, Any]]:
        """The live pages with the job's slug, oldest first: from the run's listing, or (`fresh`, no
        listing, or a listing cut short that did not see the slug) from a query for that slug."""
        listing = self.listings.get(job.lang)
        known = listing.pages(job.slug) if listing is not None and not fresh else None
        if known is not None:
            return known
        db = self.databases[job.lang]
        kind = db.pmap.slug_filter_kind
        pages = self.client.query_data_source(db.data_source_id, {
            "filter": {"property": db.pmap.slug_property, kind: {"equals": job.slug}},
            "sorts": [{"timestamp": "created_time", "direction": "ascending"}],  # oldest page wins
        })
        return live(pages)

    def plan(self, job: Job, *, after_unknown: bool = False) -> Plan:
        pages = self.find_pages(job, fresh=after_unknown)  # after a write of unknown outcome: ask again
        if not pages and after_unknown and job.kind == "publish":
            for delay in (1.0, 2.0, 4.0):  # a page created a moment ago may not be indexed yet
                self.sleep(delay)
                pages = self.find_pages(job, fresh=True)
                if pages:
                    break
        if job.kind == "unpublish":
            return self._plan_unpublish(job, pages)
        wanted = self.wanted_properties(job)
        rendered = self.rendered[job.display]
        column = self.databases[job.lang].pmap.fingerprint_property
        new_fp = fingerprint.compute(rendered.blocks, rendered.hashes, wanted, rendered.page) if column else None

        def stamp() -> str | None:  # what the column will say; computed only when it is written
            fields = self.drift.stamp_fields(job, rendered, wanted) if self.drift else None
            return fingerprint.stamp(new_fp, fields) if new_fp else None

        if not pages:  # the create carries no fingerprint, only "unfinished": it is set once every block is in
            create = {key: value for key, value in rendered.page.items() if value is not None}
            marked = {**wanted, column: fingerprint.stamp_property(fingerprint.UNFINISHED)} if column else wanted
            return Plan(job, "create", properties=marked, page_fields=create, fingerprint_column=column,
                        fingerprint=stamp())
        page = pages[0]
        page_id = str(page["id"])
        changed = diff_properties(page, wanted)
        looks = diff_page_fields(page, rendered.page, rendered.hashes)
        dupes = [str(p["id"]) for p in pages[1:]]
        text = fingerprint.stored(page, column) if column else None
        have = fingerprint.read_stamp(text)
        if have.matches(new_fp) and not self.full_diff:
            # the blocks are as the last complete sync left them: skip reading the tree
            if changed or looks:  # …but properties, icon or cover may have been edited in Notion
                self._check_drift(job, page, None, wanted)
            action = "update" if changed or looks or dupes else "unchanged"
            renew = stamp() if changed or looks else None
            renew = renew if renew != text else None
            return Plan(job, action, page_id, changed, looks, [], dupes, fingerprint_column=column,
                        fingerprint=renew, fingerprint_hit=True)
        tree = read_tree(self.client, page_id)
        ops = diff_blocks(page_id, tree, rendered.blocks, rendered.hashes, where=f"{job.display}: ")
        if ops or changed or looks:
            self._check_drift(job, page, tree, wanted)
        clear = bool(column and ops and text and not have.unfinished)  # a stamp a later post could match
        write_fp = stamp() if new_fp is not None and (not have.matches(new_fp) or clear) else None
        action = "update" if changed or looks or ops or dupes or write_fp else "unchanged"
        return Plan(job, action, page_id, changed, looks, ops, dupes, fingerprint_column=column,
                    fingerprint=write_fp, clear_fingerprint=clear)

    def _check_drift(self, job: Job, page: dict[str, Any], tree: Any, wanted: dict[str, Any]) -> None:
        """Raise EditedInNotion when the page holds an edit made in Notion that the post lacks."""
        if self.drift is not None:
            self.drift.check(job, page, tree, self.rendered[job.display], wanted, self.databases[job.lang].pmap)

    def _plan_unpublish(self, job: Job, pages: list[dict[str, Any]]) -> Plan:
        if not pages:
            return Plan(job, "unchanged")
        page_id = str(pages[0]["id"])
        dupes = [str(p["id"]) for p in pages[1:]]
        if self.config.notion.unpublish == "trash":
            return Plan(job, "unpublish", page_id, duplicates=dupes, trash=True)
        changed = diff_properties(pages[0], self.wanted_properties(job))
        column = self.databases[job.lang].pmap.fingerprint_property
        if changed and column:  # noted in the stamp, so a later publish knows the status was recweekly's doing
            marked = fingerprint.mark_unpublished(fingerprint.stored(pages[0], column))
            if marked:
                changed[column] = fingerprint.stamp_property(marked)
        if not changed and not dupes:
            return Plan(job, "unchanged", page_id)
        return Plan(job, "unpublish", page_id, changed, duplicates=dupes)

    # -- apply (writes) ---------------------------------------------------------------------------

    def apply(self, plan: Plan) -> int:
        """Carry a plan out (apply.py); returns the number of blocks created."""
        return self.applier.apply(plan)

    # -- one post, converging ---------------------------------------------------------------------

    def publish(self, job: Job) -> PublishOutcome:
        """Plan (and unless dry-run, apply) one job; re-plan after writes of unknown outcome."""
        rendered = self.rendered.get(job.display)
        warnings = list(rendered.warnings) if rendered else []
        first: Plan | None = None
        created = 0
        last_error: RemoteError | None = None
        for attempt in range(MAX_ATTEMPTS):
            try:
                plan = self.plan(job, after_unknown=attempt > 0)
                first = first or plan
                if self.dry_run:
                    return self._outcome(plan, rendered, "planned", warnings)
                created += self.apply(plan)
                shown = first if attempt else plan
                out = self._outcome(shown, rendered, "ok", warnings)
                out.page_id = plan.page_id
                out.blocks_created = created
                if attempt:
                    out.warnings.append(f"converged after {attempt} retr{'y' if attempt == 1 else 'ies'} "
                                        "of writes with unknown outcome")
                return out
            except WriteOutcomeUnknown as exc:
                last_error = exc
                continue
            except EditedInNotion as exc:  # nothing was written to this page
                out = self._outcome(Plan(job, "edited in Notion"), rendered, "failed", warnings)
                out.detail, out.error, out.exception = "edited in Notion: not overwritten", str(exc), exc
                return out
            except RemoteError as exc:
                add = getattr(exc, "add_context", None)
                if add is not None:
                    add(post=job.display)
                last_error = exc
                break
        out = self._outcome(first or Plan(job, "unknown"), rendered, "failed", warnings)
        out.error = str(last_error) if last_error else "failed"
        out.exception = _reason(last_error)
        out.blocks_created = created
        return out

    def _outcome(self, plan: Plan, rendered: Rendered | None, status: PublishStatus,
                 warnings: list[str]) -> PublishOutcome:
        job = plan.job
        return PublishOutcome(job.display, job.slug, job.lang, plan.action, plan.describe(rendered), status,
                       plan.page_id, plan.block_changes, 0, None, list(warnings))

    def run(self, jobs: list[Job], on_done: Callable[[PublishOutcome], None] | None = None) -> list[PublishOutcome]:
        self.render(jobs)
        self.prepare(jobs)
        outcomes = []
        for job in jobs:
            outcome = self.publish(job)
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
        return outcomes


def _reason(error: RemoteError | None) -> RecweeklyError:
    """Why a post failed: a 400 means Notion cannot hold what the post says (fix the post), anything
    else is Notion failing. The CLI's exit-code table tells the two apart by class."""
    if isinstance(error, NotionValidationError):
        return ContentRejected(str(error))
    return error or RemoteError("failed")
