"""One pull run: read each post's page, merge the edits made in Notion into the file, report.

What `recweekly pull` calls. The pages are found and read by the publisher itself, as a dry run
that ignores fingerprints (a hand edit never changes one), with an observer in place of the drift
guard: it remembers each page that differs from its post. Then per post: tell an edit made in
Notion from a page that only lags behind (drift.py's rules), merge three ways, rewrite the file at
the text level (rewrite.py) and write it atomically. A file with uncommitted changes is refused
(unless forced), so the pull is always reviewable as its own diff. When the file now says exactly
what the page shows, the page's fingerprint is renewed, so the next publish costs no write.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from recweekly.config import Config
from recweekly.errors import BatchError, InputError, RecweeklyError
from recweekly.fsutil import atomic_write_text
from recweekly.markdown import DocumentContext
from recweekly.markdown.links import PostLinks
from recweekly.post import declared_keys, load_post
from recweekly.publish.pagestate import PageState, analyse, page_state, same
from recweekly.publish.pull.rewrite import PullError, rewrite
from recweekly.publish.sync import fingerprint
from recweekly.publish.sync.drift import DriftGuard, page_stamp, page_state_hash, unified
from recweekly.publish.sync.jobs import Job, select
from recweekly.publish.sync.publisher import Publisher
from recweekly.publish.versions import PostVersions

#: How pulling one post ended.
PullStatus = Literal["pulled", "in step", "behind", "not published", "refused", "failed"]


@dataclass
class PullOutcome:
    path: str
    status: PullStatus
    detail: str = ""
    diff: str = ""  # the change to the file, unified (shown with --dry-run)
    kept: list[str] = field(default_factory=list)  # block types kept as <!-- notion: --> placeholders
    exception: RecweeklyError | None = None


@dataclass
class PullReport:
    dry_run: bool
    outcomes: list[PullOutcome] = field(default_factory=list)
    calls: Any = None  # ClientStats, when Notion was asked

    def failure(self) -> BatchError | None:
        errors = [o.exception for o in self.outcomes if o.exception is not None]
        if not errors:
            return None
        return BatchError(f"{len(errors)} of {len(self.outcomes)} post(s) not pulled", errors)


class _Observer(DriftGuard):
    """The publisher's drift hook for pull: remembers each page that differs instead of refusing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: dict[str, tuple[Any, ...]] = {}

    def check(self, job: Any, page: Any, tree: Any, rendered: Any, wanted: Any, pmap: Any) -> None:
        self.seen[job.display] = (page, tree, rendered, dict(wanted), pmap)


def pull_posts(config: Config, paths: tuple[Path, ...] = (), everything: bool = False, *,
               make_client: Callable[[], Any], force: bool = False, dry_run: bool = False) -> PullReport:
    """Pull the edits made in Notion into the selected posts (see the module docstring)."""
    selection = select(config, paths, None, everything)
    report = PullReport(dry_run)
    versions = PostVersions(config.root)
    jobs = []
    for job in selection.jobs:
        if job.kind != "publish":
            report.outcomes.append(PullOutcome(job.display, "not published", f"{job.reason}: no page to pull from"))
        elif not force and versions.dirty(Path(job.post.path)):
            report.outcomes.append(PullOutcome(job.display, "refused", "uncommitted changes", exception=InputError(
                f"{job.display}: has uncommitted changes; commit or stash them first (so the pull is a diff of "
                "its own), or pull with --force")))
        else:
            jobs.append(job)
    if not jobs:
        return report
    client = make_client()
    links = PostLinks(config.notion, selection.posts)
    observer = _Observer(config, links.resolver, versions=versions)
    publisher = Publisher(config, client, dry_run=True, full_diff=True, resolve_link=links.resolver, drift=observer,
                          blog_size=Counter(post.lang for post in selection.posts))
    try:
        planned = publisher.run(jobs)
        for job, outcome in zip(jobs, planned, strict=True):
            report.outcomes.append(_pull_one(job, outcome, observer, publisher, links, force, dry_run))
    finally:
        client.close()
    report.calls = client.stats
    return report


def _pull_one(job: Any, outcome: Any, observer: _Observer, publisher: Any, links: Any, force: bool,
              dry_run: bool) -> PullOutcome:
    if outcome.status == "failed":
        return PullOutcome(job.display, "failed", outcome.error or "", exception=outcome.exception)
    if outcome.action == "create":
        return PullOutcome(job.display, "not published", "no page yet: nothing to pull")
    if job.display not in observer.seen:
        return PullOutcome(job.display, "in step", "the page shows the post")
    page, tree, rendered, wanted, pmap = observer.seen[job.display]
    new = PageState(job.display, list(rendered.blocks), dict(rendered.hashes), wanted, dict(rendered.page))
    current = page_state(page, tree, new)
    stamp = page_stamp(page, pmap)
    if stamp.unfinished:
        return PullOutcome(job.display, "refused", "last publish unfinished", exception=InputError(
            f"{job.display}: the last publish of this page did not finish; run `recweekly publish` first"))
    if stamp.fields.get("page") == page_state_hash(current):
        return PullOutcome(job.display, "behind", "no edit in Notion; `recweekly publish` updates the page")
    base, explained = observer.find_base(job, current, new, pmap, stamp.commit)
    if explained:
        return PullOutcome(job.display, "behind", "the page holds nothing the post lacks; `recweekly publish` "
                                                  "updates it")
    analysis = analyse(current, new, base, prefer_page=force)
    if not analysis.edited:
        return PullOutcome(job.display, "behind", "no edit in Notion; `recweekly publish` updates the page")
    if analysis.conflicts and not force:
        diff = unified(base or new, current, pmap, f"published ({base.label})" if base else job.display, "Notion")
        return PullOutcome(job.display, "refused", "changed in git and in Notion", diff, exception=InputError(
            f"{job.display}: the same blocks or properties were changed in the post and in Notion; pull with "
            f"--force to take Notion's version of them, or edit the file by hand\n{diff}"))
    context = _context(job, publisher, links)
    try:
        result = rewrite(job.post, analysis, context=context, pmap=pmap, root=publisher.config.root)
    except PullError as exc:
        exc.message = f"{job.display}: {exc.message}"
        return PullOutcome(job.display, "refused", "cannot be written exactly", exception=exc)
    diff = "\n".join(difflib.unified_diff(job.post.text.splitlines(), result.text.splitlines(),
                                          f"a/{job.display}", f"b/{job.display}", lineterm=""))
    detail = _describe(result)
    if not dry_run:
        bom = "\ufeff" if Path(job.post.path).read_bytes().startswith(b"\xef\xbb\xbf") else ""
        atomic_write_text(Path(job.post.path), bom + result.text)
        if _renew_fingerprint(job, current, page, pmap, observer, publisher):
            detail += "; fingerprint renewed"
    return PullOutcome(job.display, "pulled", detail, diff, result.kept)


def _context(job: Any, publisher: Any, links: Any) -> Any:
    return DocumentContext.for_post(job.post, publisher.config.root, links.resolver(Path(job.post.path)))


def _describe(result: Any) -> str:
    parts = []
    if result.blocks:
        parts.append(f"{result.blocks} block{'s' if result.blocks != 1 else ''}")
    if result.keys:
        parts.append(", ".join(result.keys))
    text = "pulled " + (" and ".join(parts) if parts else "a removal")
    if result.kept:
        text += f"; kept as <!-- notion: --> placeholders: {', '.join(sorted(set(result.kept)))}"
    return text


def _renew_fingerprint(job: Any, current: Any, page: Any, pmap: Any, observer: _Observer, publisher: Any) -> bool:
    """When the file now publishes exactly the page, say so in the fingerprint: one write, and the
    next publish is a no-op instead of a full read."""
    column = pmap.fingerprint_property
    if not column:
        return False
    config = publisher.config
    post = load_post(Path(job.post.path), config.languages, display=job.display, custom_keys=declared_keys(config))
    pulled = Job("publish", job.display, post.slug, post.lang, post)
    publisher.render([pulled])
    rendered = publisher.rendered[job.display]
    wanted = publisher.wanted_properties(pulled)
    state = PageState(job.display, list(rendered.blocks), dict(rendered.hashes), dict(wanted), dict(rendered.page))
    if not same(current, state):
        return False  # the post holds changes of its own too: publishing will write them, and the stamp
    value = fingerprint.compute(rendered.blocks, rendered.hashes, wanted, rendered.page)
    text = fingerprint.stamp(value, observer.stamp_fields(pulled, rendered, wanted))
    publisher.client.update_page(str(page["id"]), {"properties": {column: fingerprint.stamp_property(text)}})
    return True
