"""One publish run, end to end: select the posts, converge each page, and report what happened.

This is what `recweekly publish` calls (MkDocs' `build.build(cfg)`): the command parses options,
calls `publish_posts` and prints the `RunReport`. The report carries each failed post's error, not
an exit code; the CLI's one table turns the errors into the code CI sees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recweekly.config import Config
from recweekly.errors import BatchError
from recweekly.markdown.links import PostLinks
from recweekly.publish.gitchanges import is_zero_rev
from recweekly.publish.sync.drift import DriftGuard
from recweekly.publish.sync.jobs import select
from recweekly.publish.sync.plan import PublishOutcome
from recweekly.publish.sync.publisher import Publisher

if TYPE_CHECKING:
    from recweekly.publish.notion.client import ClientStats

LINKS_WARNING = ("links to other posts were left as written; set {table} site_url to turn them into blog "
                 "URLs")
FINGERPRINT_HINT = ("the {langs} database(s) have no Text column {column!r}, so each unchanged post was proved "
                    "unchanged by reading its page's blocks; `recweekly publish --setup` shows how to add it")


@dataclass
class RunReport:
    """What a run did: one PublishOutcome per post, warnings, and the Notion calls it cost."""

    dry_run: bool
    outcomes: list[PublishOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    calls: ClientStats | None = None  # None when nothing was selected (no client was made)

    @property
    def ok(self) -> bool:
        return all(o.status in ("ok", "planned") for o in self.outcomes)

    def failure(self) -> BatchError | None:
        """The failed posts' errors as one error, or None when every post went through."""
        errors = [o.exception for o in self.outcomes if o.status == "failed" and o.exception is not None]
        if not errors:
            return None
        return BatchError(f"{len(errors)} of {len(self.outcomes)} post(s) failed", errors)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"dry_run": self.dry_run, "ok": self.ok, "posts": [o.as_dict() for o in self.outcomes]}
        if self.calls is not None:
            calls = self.calls
            data["calls"] = {"reads": calls.reads, "writes": calls.writes, "retries": calls.retries,
                             "blocks_created": calls.blocks_created}
        return data


def publish_posts(
    config: Config,
    paths: tuple[Path, ...] = (),
    changed_since: str | None = None,
    everything: bool = False,
    *,
    make_client: Callable[[], Any],
    dry_run: bool = False,
    full_diff: bool = False,
    force: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[PublishOutcome], None] | None = None,
) -> RunReport:
    """Publish the selected posts. Content, config and schema problems raise before the first write;
    a post Notion refuses or fails, or whose page was edited in Notion (unless `force`), is a failed
    PublishOutcome (with its error) and the others go on."""
    selection = select(config, paths, changed_since, everything)
    report = RunReport(dry_run, warnings=list(selection.warnings))
    if not selection.jobs:
        return report
    client = make_client()
    links = PostLinks(config.notion, selection.posts)
    blog_size = Counter(post.lang for post in selection.posts)
    since = changed_since if changed_since and not is_zero_rev(changed_since) else None
    guard = DriftGuard(config, links.resolver, since=since, force=force)
    publisher = Publisher(config, client, dry_run=dry_run, resolve_link=links.resolver, full_diff=full_diff,
                          blog_size=blog_size, drift=guard)
    try:
        if on_start is not None:
            on_start(len(selection.jobs))
        report.outcomes = publisher.run(selection.jobs, on_done=on_done)
    finally:
        client.close()
    if not config.notion.site_url and links.unresolved:
        report.warnings.append(LINKS_WARNING.format(table=config.table("notion")))
    report.warnings += guard.warnings
    report.warnings += _fingerprint_hint(publisher, report.outcomes)
    report.calls = client.stats
    return report


def _fingerprint_hint(publisher: Any, outcomes: list[PublishOutcome]) -> list[str]:
    """Say once why a no-op run read blocks, when a column would have spared the reads."""
    lacking = sorted(lang for lang, db in publisher.databases.items() if db.pmap.missing_fingerprint)
    proved = {o.lang for o in outcomes if o.action == "unchanged" and o.page_id and "(fingerprint)" not in o.detail}
    langs = [lang for lang in lacking if lang in proved]
    if not langs:
        return []
    column = publisher.databases[langs[0]].pmap.missing_fingerprint
    return [FINGERPRINT_HINT.format(langs=", ".join(langs), column=column)]


def results_table(report: RunReport) -> str:
    """The table printed after a run: one row per post, then the counts per action."""
    outcomes = report.outcomes
    head = ("post", "lang", "slug", "plan" if report.dry_run else "action", "status")
    rows = [head, *_rows(outcomes)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    counts: dict[str, int] = {}
    for o in outcomes:
        key = "failed" if o.status == "failed" else o.action
        counts[key] = counts.get(key, 0) + 1
    total = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    lines.append(f"{len(outcomes)} post(s): {total}" + (" (dry run: nothing written)" if report.dry_run else ""))
    return "\n".join(lines)


def step_summary(report: RunReport) -> str:
    """The same results in Markdown, for GitHub Actions' job summary (GITHUB_STEP_SUMMARY)."""
    title = "### recweekly publish" + (" (dry run)" if report.dry_run else "")
    lines = [title, ""]
    if not report.outcomes:
        lines.append("Nothing to publish.")
    else:
        lines += ["| Post | Lang | Slug | " + ("Plan" if report.dry_run else "Action") + " | Status |",
                  "|---|---|---|---|---|"]
        for row in _rows(report.outcomes):
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        for o in report.outcomes:
            if o.error:
                head, _, rest = o.error.partition("\n")
                lines.append(f"\n**{o.path}**: {head}")
                if rest:  # a diff of what was edited in Notion, or a list of problems
                    lines.append(f"\n```diff\n{rest}\n```")
    return "\n".join(lines) + "\n\n"


def _rows(outcomes: list[PublishOutcome]) -> list[tuple[str, ...]]:
    return [(o.path, o.lang, o.slug, o.detail, o.status) for o in outcomes]

