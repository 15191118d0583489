"""What a page shows — its blocks, properties, icon and cover — from three sources, comparable.

Deciding whether a page was edited in Notion needs three readings of one page: as Notion holds it
now, as the post in the working tree would make it, and as an earlier version of the post (from
git) made it when it was last published. Each becomes a `PageState` in one form (request-form
blocks, property values keyed by column, icon/cover), compared the way the block diff compares
(signatures that ignore what Notion fills in) and merged three ways (`analyse`), so `publish` can
refuse to overwrite an edit and `pull` can write it back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.notion import document_to_blocks
from recweekly.post import Post, declared_keys, parse_post
from recweekly.publish.merge3 import Merged, merge3, merge_values
from recweekly.publish.notion.pagefields import canonical, wanted_page_fields
from recweekly.publish.notion.properties import build_properties, canonical_property
from recweekly.publish.readback import read_back
from recweekly.publish.signatures import RemoteBlock, block_signatures, file_hash
from recweekly.publish.sync.remote import local_image_paths
from recweekly.publish.versions import PostVersions, Version

Block = dict[str, Any]


@dataclass
class PageState:
    """One reading of a page. `properties` maps column names to values (request or response form);
    `page_fields` holds the icon/cover the post sets (only those are compared)."""

    label: str
    blocks: list[Block]
    hashes: dict[str, str] = field(default_factory=dict)  # repository path → content hash of `local:` images
    properties: dict[str, Any] = field(default_factory=dict)
    page_fields: dict[str, Any] = field(default_factory=dict)
    commit: str | None = None  # for a version from git

    @cached_property
    def signatures(self) -> list[str]:
        return block_signatures(self.blocks, self.hashes)

    def canonical_properties(self, names: list[str]) -> dict[str, Any]:
        return {name: canonical_property(self.properties[name]) if name in self.properties else None
                for name in names}

    def canonical_fields(self, keys: list[str]) -> dict[str, Any]:
        return {key: canonical(self.page_fields.get(key), self.hashes) for key in keys}


def page_state(page: Mapping[str, Any], tree: list[RemoteBlock] | None, new: PageState) -> PageState:
    """The page as Notion holds it (`tree` None: blocks not read, taken to be the post's)."""
    images = {digest: path for path, digest in new.hashes.items()}
    blocks = read_back(tree, images).blocks if tree is not None else new.blocks
    props = {name: value for name, value in (page.get("properties") or {}).items() if name in new.properties}
    fields = {key: page.get(key) for key in new.page_fields}
    return PageState("Notion", blocks, dict(new.hashes), props, fields)


@dataclass
class Analysis:
    """The page against the post and the version last published (`base`, None when unknown)."""

    page: PageState
    new: PageState
    base: PageState | None
    blocks: Merged
    property_sides: dict[str, str]
    property_conflicts: list[str]
    field_sides: dict[str, str]
    field_conflicts: list[str]

    @property
    def in_step(self) -> bool:
        """The page shows exactly what the post would publish."""
        return same(self.page, self.new)

    @property
    def conflicts(self) -> bool:
        return bool(self.blocks.conflicts or self.property_conflicts or self.field_conflicts)

    @property
    def edited(self) -> bool:
        """The page holds something (a Notion edit) the post does not: overwriting would lose it."""
        return (self.conflicts or self.blocks.differs_from_new(len(self.new.blocks))
                or "page" in self.property_sides.values()
                or "page" in self.field_sides.values())

    def target_blocks(self) -> list[Block]:
        """The merge: the post with the page's own edits in (what `pull` writes)."""
        return [(self.page if side == "page" else self.new).blocks[index] for side, index in self.blocks.items]

    def target_properties(self) -> dict[str, Any]:
        return {name: (self.page if side == "page" else self.new).properties.get(name)
                for name, side in self.property_sides.items()}

    def target_fields(self) -> dict[str, Any]:
        return {key: (self.page if side == "page" else self.new).page_fields.get(key)
                for key, side in self.field_sides.items()}


def analyse(page: PageState, new: PageState, base: PageState | None, *, prefer_page: bool = False) -> Analysis:
    """Three-way: what Notion changed since `base` (every difference, without a base) merged into the post."""
    blocks = merge3((base or new).signatures, page.signatures, new.signatures, prefer_page=prefer_page)
    names, keys = list(new.properties), list(new.page_fields)
    property_sides, property_conflicts = merge_values(
        base.canonical_properties(names) if base is not None and base.properties else None,
        page.canonical_properties(names), new.canonical_properties(names))
    field_sides, field_conflicts = merge_values(
        base.canonical_fields(keys) if base is not None else None,
        page.canonical_fields(keys), new.canonical_fields(keys))
    if not prefer_page:
        for key in property_conflicts:
            property_sides[key] = "new"
        for key in field_conflicts:
            field_sides[key] = "new"
    return Analysis(page, new, base, blocks, property_sides, property_conflicts, field_sides, field_conflicts)


def same(a: PageState, b: PageState) -> bool:
    """Blocks, properties and icon/cover all equal (properties of `b`'s columns)."""
    names, keys = list(b.properties), list(b.page_fields)
    return (a.signatures == b.signatures
            and (not a.properties or a.canonical_properties(names) == b.canonical_properties(names))
            and a.canonical_fields(keys) == b.canonical_fields(keys))


class VersionRenderer:
    """Renders a version of a post from git as the page it published: blocks with the images of
    that commit, properties built through the checked column map, icon and cover."""

    def __init__(self, config: Config, versions: PostVersions,
                 resolve_link: Callable[[Path], Callable[[str], str | None]]) -> None:
        self.config = config
        self.versions = versions
        self.resolve_link = resolve_link

    def render(self, version: Version, pmap: Any, display: str) -> PageState | None:
        root = self.versions.top or self.config.root
        parsed, _problems = parse_post(version.text, Path(display), self.config.languages, declared_keys(self.config))
        if parsed is None:
            return None
        path = root / version.path
        post = Post(path=path, text=parsed.text, meta=parsed.meta, body=parsed.body, front=parsed.front)
        context = DocumentContext.for_post(post, self.config.root, self.resolve_link(path))
        blocks = document_to_blocks(parse_document(post.body, context)).blocks
        fields, _ = wanted_page_fields(post, self.config.root, display)
        hashes = {}
        for rel in local_image_paths([blocks, fields]):
            data = self.versions.blob(version.commit, self._repo_path(rel))
            if data is None:
                try:
                    data = (self.config.root / rel).read_bytes()
                except OSError:
                    continue
            hashes[rel] = file_hash(data)
        try:
            properties = dict(build_properties(post, pmap, timezone=self.config.notion.timezone, display=display))
        except Exception:  # a value the column cannot take any more: compare the blocks alone
            properties = {}
        return PageState(f"commit {version.short}", blocks, hashes, properties, fields, version.commit)

    def _repo_path(self, rel: str) -> str:
        """A path relative to the blog (as the renderer names images) relative to the git root."""
        found = self.versions.relative(self.config.root / rel)
        return found or rel
