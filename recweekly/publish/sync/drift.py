"""Edits made in Notion are never overwritten: the check publish makes before touching a page.

A page that differs from the post either lags behind it (it shows a version of the post git has:
update it, as always) or was edited in Notion (it shows something no version has). Git is the
state: the version last published is the commit the fingerprint column recorded, else the
revision `--changed-since` names, and failing both the page is looked for among the post's recent
versions. A page edited in Notion is merged three ways with the post (pagestate.analyse): if the
post already holds every Notion edit (it was pulled), publishing loses nothing and goes ahead;
otherwise the post is refused with a Markdown diff of what Notion changed, the page is left as it
is, and the run goes on with the other posts. `--force` overwrites.

Cost: nothing for a post whose page equals it or whose fingerprint matches (no call, no git); for
a page that differs, no Notion call either (the publisher read the tree for its diff anyway), only
git reads and renders of old versions, stopping at the first version the page equals.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import EditedInNotion
from recweekly.markdown.renderers.markdown import blocks_to_markdown
from recweekly.publish.notion.properties import canonical_property
from recweekly.publish.pagestate import PageState, VersionRenderer, analyse, page_state, same
from recweekly.publish.signatures import RemoteBlock
from recweekly.publish.sync import fingerprint
from recweekly.publish.sync.jobs import Job
from recweekly.publish.sync.plan import Rendered
from recweekly.publish.versions import PostVersions


class DriftGuard:
    """Publisher's hook: `check` raises EditedInNotion for a page edited in Notion (unless forced);
    `commit_for` names the commit a sync writes from, for the fingerprint stamp."""

    def __init__(self, config: Config, resolve_link: Callable[[Path], Callable[[str], str | None]], *,
                 since: str | None = None, force: bool = False, versions: PostVersions | None = None) -> None:
        self.config = config
        self.since = since
        self.force = force
        self.versions = versions or PostVersions(config.root)
        self.renderer = VersionRenderer(config, self.versions, resolve_link)
        self.warnings: list[str] = []
        self.versions_rendered = 0  # old versions rendered to tell lag from edits (a cost, reported)

    def stamp_fields(self, job: Job, rendered: Rendered, wanted: Mapping[str, Any]) -> dict[str, str | None]:
        """What the fingerprint records beside its hash: the post's commit and the page's content hash."""
        new = PageState(job.display, list(rendered.blocks), dict(rendered.hashes), dict(wanted), dict(rendered.page))
        return {"commit": self.versions.committed(Path(job.post.path)), "page": page_state_hash(new)}

    def check(self, job: Job, page: Mapping[str, Any], tree: list[RemoteBlock] | None, rendered: Rendered,
              wanted: Mapping[str, Any], pmap: Any) -> None:
        """`tree` None: the fingerprint matched, so the blocks are as last published; only the
        properties (which the listing or the slug query returned) can have been edited."""
        new = PageState(job.display, list(rendered.blocks), dict(rendered.hashes), dict(wanted), dict(rendered.page))
        current = page_state(page, tree, new)
        stamp = page_stamp(page, pmap)
        if stamp.fields.get("unpublished") and "status" in pmap.columns:
            unpublished_status(current, new, pmap.columns["status"].name)
        if same(current, new):
            return
        if tree is None:
            base: PageState | None = new
        elif stamp.unfinished:
            return  # recweekly was writing this page when a run stopped: the differences are its own
        elif stamp.fields.get("page") == page_state_hash(current):
            return  # the page is as the last complete sync left it: it only lags behind the post
        else:
            base, explained = self.find_base(job, current, new, pmap, stamp.commit, unfinished_ok=stamp.hash is None)
            if explained:
                return
            if base is None and stamp.hash is None:
                return  # no record at all (no commit, no fingerprint): nothing to tell an edit from a lag by
        analysis = analyse(current, new, base)
        if not analysis.edited:
            return
        message = edited_message(job, current, base or new, pmap, conflicts=analysis.conflicts,
                                 known=base is not None)
        if self.force:
            self.warnings.append(f"{job.display}: edited in Notion; overwritten (--force)")
            return
        raise EditedInNotion(message)

    def find_base(self, job: Job, current: PageState, new: PageState, pmap: Any, recorded: str | None, *,
                  unfinished_ok: bool = False) -> tuple[PageState | None, bool]:
        """(the version to merge the page with, whether the page holds nothing git lacks).

        The page holds nothing git lacks when some version of the post, with changes the post now
        has too, makes it: it shows that version (a lag), or that version with the edits a pull
        brought in, or (`unfinished_ok`: no record of a finished sync) a sync from it cut short.
        Versions are tried from the recorded commit and `--changed-since`, then newest first; when
        none explains the page, the base is the recorded one, else the version whose merge takes
        least from the page (older wins a tie: what was published is older than the post)."""
        best: tuple[int, PageState | None] = (1 << 30, None)
        primary: PageState | None = None
        for state, is_primary in self._versions(job, pmap, recorded, new):
            if same(current, state):
                return state, True
            analysis = analyse(current, new, state)
            if not analysis.edited or (unfinished_ok and partly_synced(current, state, new)):
                return state, True
            if is_primary:
                primary = primary or state
            taken = sum(side == "page" for side, _ in analysis.blocks.items) + len(analysis.blocks.conflicts)
            dropped = len(new.blocks) - sum(side == "new" for side, _ in analysis.blocks.items)
            if taken + dropped <= best[0]:
                best = (taken + dropped, state)
        return primary or best[1], False

    def _versions(self, job: Job, pmap: Any, recorded: str | None,
                  new: PageState) -> Iterator[tuple[PageState, bool]]:
        path = Path(job.post.path)
        seen: set[str] = set()
        primary = [self.versions.at(commit, path) for commit in (recorded, self.since) if commit]
        for version, is_primary in [(v, True) for v in primary] + [(v, False) for v in self.versions.versions(path)]:
            if version is None or version.commit in seen:
                continue
            seen.add(version.commit)
            if version.text == job.post.text:  # the post as it is: no need to render it again
                yield replace(new, label=f"commit {version.short}", commit=version.commit), is_primary
                continue
            state = self.renderer.render(version, pmap, job.display)
            self.versions_rendered += 1
            if state is not None:
                yield state, is_primary


def partly_synced(page: PageState, base: PageState | None, new: PageState) -> bool:
    """The page could be a sync from `base` to `new` cut short: it holds nothing but blocks of the
    two, the blocks both share are all there in order (a sync never touches those), and each
    property is either version's. An edit made in Notion breaks one of the three — a changed or
    added block is in neither version, a deleted or moved block breaks the shared order — except a
    deletion of a block the post changed as well, which the post's version then replaces."""
    known = set(new.signatures) | set(base.signatures if base is not None else ())
    if any(sig not in known for sig in page.signatures):
        return False
    if base is not None:
        matcher = difflib.SequenceMatcher(None, base.signatures, new.signatures, autojunk=False)
        shared = [base.signatures[i + k] for i, _, size in matcher.get_matching_blocks() for k in range(size)]
        remaining = iter(page.signatures)
        if not all(any(sig == seen for seen in remaining) for sig in shared):
            return False
    names, keys = list(new.properties), list(new.page_fields)
    have = page.canonical_properties(names)
    sides = [new.canonical_properties(names)] + ([base.canonical_properties(names)] if base is not None else [])
    if any(all(have[name] != side[name] for side in sides) for name in names):
        return False
    fields = page.canonical_fields(keys)
    field_sides = [new.canonical_fields(keys)] + ([base.canonical_fields(keys)] if base is not None else [])
    return all(any(fields[key] == side[key] for side in field_sides) for key in keys)


def unpublished_status(current: PageState, new: PageState, column: str) -> None:
    """recweekly hid the page (status Invisible) when the post went back to Draft: that status is its
    own doing, not an edit, so it reads as the post's (the first publish afterwards sets it)."""
    have = current.properties.get(column)
    if have is not None and canonical_property(have) == ("option", "Invisible") and column in new.properties:
        current.properties[column] = new.properties[column]


def page_stamp(page: Mapping[str, Any], pmap: Any) -> fingerprint.Stamp:
    column = getattr(pmap, "fingerprint_property", "")
    return fingerprint.read_stamp(fingerprint.stored(page, column)) if column else fingerprint.Stamp()


def page_state_hash(state: PageState) -> str:
    """A page's content as the diff compares it (what `page=` in the fingerprint records)."""
    names, keys = sorted(state.properties), sorted(state.page_fields)
    payload = [state.signatures, state.canonical_properties(names), state.canonical_fields(keys)]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- the report: a diff a person can read -----------------------------------------------------------


def property_text(value: Any) -> str:
    """A property value (request or response form) as a front-matter value would show it."""
    if not isinstance(value, Mapping):
        return ""
    kind = value.get("type") or next((k for k in value if k not in ("id", "type")), "")
    inner = value.get(kind)
    if kind in ("title", "rich_text"):
        return "".join(str(i.get("plain_text") or (i.get("text") or {}).get("content", "")) for i in inner or [])
    if kind in ("select", "status"):
        return str(inner.get("name", "")) if isinstance(inner, Mapping) else ""
    if kind == "multi_select":
        return "[" + ", ".join(str(i.get("name", "")) for i in inner or []) + "]"
    if kind == "date":
        if not isinstance(inner, Mapping):
            return ""
        return str(inner.get("start", "")) + (f" → {inner['end']}" if inner.get("end") else "")
    return "" if inner is None else str(inner)


def markdown_lines(state: PageState, pmap: Any) -> list[str]:
    """The page as a post file would show it: front-matter lines of its columns, then the body."""
    lines = ["---"]
    for key, column in pmap.columns.items():
        if column.name in state.properties:
            lines.append(f"{key}: {property_text(state.properties[column.name])}")
    for key, value in state.page_fields.items():
        lines.append(f"{key}: {page_field_text(value)}")
    lines.append("---")
    return lines + blocks_to_markdown(state.blocks).text.splitlines()


def page_field_text(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    kind = value.get("type", "")
    inner = value.get(kind) or {}
    if kind == "emoji":
        return str(inner)
    if kind in ("external", "file"):
        return str(inner.get("url", "")).split("?", 1)[0]
    if kind == "file_upload":
        return str(inner.get("id", "")).removeprefix("local:")
    return kind


def unified(before: PageState, after: PageState, pmap: Any, before_label: str, after_label: str) -> str:
    diff = difflib.unified_diff(markdown_lines(before, pmap), markdown_lines(after, pmap),
                                before_label, after_label, n=2, lineterm="")
    return "\n".join(diff)


def edited_message(job: Job, current: PageState, base: PageState, pmap: Any, *, conflicts: bool,
                   known: bool) -> str:
    since = f"since it was published from {base.label}" if known and base.commit else "and differs from the post"
    head = (f"edited in Notion {since}; the page was left as it is. Bring the edit into the "
            f"post with `recweekly pull {job.display}` (then review, commit and publish), or overwrite it "
            f"with `recweekly publish --force {job.display}`.")
    if conflicts:
        head += " The post changed some of the same blocks or properties too: `pull` will ask for --force."
    label = f"published ({base.label})" if known and base.commit else job.display
    return head + "\n" + unified(base, current, pmap, label, "Notion")
