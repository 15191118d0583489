"""One post rendered as its preview page: parsed once, with what it shows and what it was made from.

`Previewer` is shared by the server (a page per request) and `recweekly preview --output` (one
standalone file); they differ only in how local files are referred to (server paths, or data: URIs
inlined so the file stands alone) and where the stylesheet and script come from.

The cost of a page follows the page, not the blog. A `Reading` of a post — read, parsed once, the
Notion blocks `publish` would send, marks, regions — is kept until something it was made from
changes (`watch`); the posts it links to are read on demand for their URLs, not every post of the
blog; the generated regions of its period are kept until a note or template changes (`regions`).
The Notion blocks are rendered once and give everything the page shows of the body: the warnings
(exactly what `publish` would say), the 字数 (counted over them as NotionNext and `stats` count it,
`wordcount.page_word_count`) and the article itself, drawn from them by the HTML renderer as
react-notion-x draws the published page. A repository image is a file-upload block there
(`local:<path>`); the page maps it back to that file, served by the preview server or inlined.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import RecweeklyError
from recweekly.fsutil import is_within, resolved_below, shown_path
from recweekly.gcpause import without_cycle_collection
from recweekly.markdown import Document, DocumentContext, parse_document
from recweekly.markdown.links import linked_file, linked_url
from recweekly.markdown.marks import MarkCount, count_marks
from recweekly.markdown.pagemedia import PageMedia, page_media
from recweekly.markdown.renderers.html import HtmlOptions, blocks_to_html
from recweekly.markdown.renderers.notion import RenderResult, document_to_blocks
from recweekly.pagemedia import MediaKind
from recweekly.post import Post, declared_keys, load_post
from recweekly.preview.assets import served_assets, standalone_assets
from recweekly.preview.page import Article, Media, post_page
from recweekly.preview.paths import IMAGE_TYPES, data_uri, preview_path
from recweekly.preview.regions import RegionChecker, RegionStatus
from recweekly.preview.watch import Sources, State, state
from recweekly.wordcount import WordCount, page_word_count

EventsUrl = Callable[[str, str], str]  # (rel, stamp) → the event stream a served page follows
KEPT_READINGS = 16  # parsed posts kept for reloads without an edit; the index's figures are kept apart


@dataclass(frozen=True)
class PreviewPage:
    html: str
    warnings: list[str]
    stamp: str  # what the page was made from, as `Sources.stamp` saw it


@dataclass(frozen=True)
class Reading:
    """A post read and parsed once, with every figure the page and the index show of it."""

    post: Post
    shown_path: str  # as messages name it: inside the blog, relative to its root
    draft: bool  # under drafts/
    blocks: list[dict[str, Any]]  # what publish would send: the page is drawn from them
    words: WordCount
    warnings: list[str]
    marks: MarkCount
    regions: RegionStatus | None
    media: dict[str, PageMedia]
    sources: Sources  # the file, its notes, its images and linked posts (as the renderers asked for them)


def publish_warnings(document: Document, rendered: RenderResult | None = None) -> list[str]:
    """What `publish` would print for this document: the Notion renderer's warnings, run here.

    Missing images would stop `publish`; the preview shows the page anyway and says why.
    """
    result = rendered or document_to_blocks(document)
    return result.warnings + [f"{problem} (publish refuses this post)" for problem in result.problems]


class _PostLinkReader:
    """A post's `resolve_post_link` that reads a linked post when a renderer first asks for it.

    Only posts/ are on the blog; each linked file is remembered, so the page follows its slug.
    """

    def __init__(self, previewer: Previewer, source: Path) -> None:
        """`source`: the post's file, resolved."""
        self.previewer = previewer
        self.sources = Sources()  # the reading's, once it exists
        self._base = source.parent
        self._answers: dict[str, str | None] = {}  # each renderer asks about the same links

    def __call__(self, href: str) -> str | None:
        if href not in self._answers:
            self._answers[href] = self._resolve(href)
        return self._answers[href]

    def _resolve(self, href: str) -> str | None:
        found = linked_file(self._base, href)
        if found is None:
            return None
        target, fragment = found
        self.sources.add([target])
        return linked_url(self.previewer.linked_post(target), self.previewer.config.notion, fragment)


class Previewer:
    """Renders the pages of one blog, keeping between requests only what `stat()` can vouch for."""

    def __init__(self, config: Config, *, standalone: bool = False, events: EventsUrl | None = None) -> None:
        """`events(rel, stamp)` names the stream a served page follows for live reload."""
        self.config = config
        self.standalone = standalone
        self.events = events
        self.regions = RegionChecker(config)
        self._lock = threading.Lock()
        self._posts: dict[Path, tuple[State, Post | None]] = {}
        self._readings: OrderedDict[Path, Reading] = OrderedDict()  # the most recent, for reloads
        self._sources: dict[Path, Sources] = {}  # of every page shown: what its event stream watches
        # resolved once: resolving a path is a system call per component, and every link asks
        self._root = config.root.resolve()
        self._posts_dir = config.posts_path.resolve()
        self._content_dirs = (config.drafts_path.resolve(), self._posts_dir)

    # -- pages ----------------------------------------------------------------------------------

    def render(self, path: Path) -> PreviewPage:
        """The page of one post file; raises InputError (file:line: field) for a broken post."""
        with without_cycle_collection():  # a page makes no reference cycle (see `gcpause`)
            return self._render(path)

    def _render(self, path: Path) -> PreviewPage:
        reading = self.read(path)
        post = reading.post
        rendering = blocks_to_html(reading.blocks, HtmlOptions(image_url=self._upload_url),
                                   front=[post.title, str(post.meta.get("summary") or "")])
        stamp = reading.sources.stamp()
        rel = reading.shown_path
        media = {key: self._media(value) for key, value in reading.media.items()}
        title_html, summary_html = rendering.front
        article = Article(post, rendering, reading.words, reading.warnings, reading.marks, reading.regions,
                          media.get("icon"), media.get("cover"), draft=reading.draft, shown_path=rel,
                          title_html=title_html, summary_html=summary_html)
        assets = standalone_assets(rendering.has_math) if self.standalone else served_assets(rendering.has_math)
        events = self.events(rel, stamp) if self.events and not self.standalone else ""
        return PreviewPage(post_page(article, assets, events), reading.warnings, stamp)

    def read(self, path: Path) -> Reading:
        """The post's reading: the kept one while nothing it was made from changed, else a new one."""
        key = self._resolved(path)
        with self._lock:
            known = self._readings.get(key)
            if known is not None:
                self._readings.move_to_end(key)
        if known is not None and not known.sources.changed():
            return known
        if known is not None:  # let the outdated blocks go before making new ones
            with self._lock:
                if self._readings.get(key) is known:
                    del self._readings[key]
            del known
        sources = Sources([Path(path)])  # its state before it is read: an edit made meanwhile shows as a change
        display = shown_path(path, self._root)
        try:
            post = load_post(path, self.config.languages, display=display, custom_keys=declared_keys(self.config))
        except RecweeklyError:
            with self._lock:
                self._sources[key] = sources
                self._readings.pop(key, None)
            raise
        links = _PostLinkReader(self, key)
        links.sources = sources
        with without_cycle_collection():
            document = parse_document(post.body, DocumentContext.for_post(post, self.config.root, links))
            rendered = document_to_blocks(document)  # what publish sends: its warnings, NotionNext's 字数
            warnings = publish_warnings(document, rendered)
            sources.add(ref.local.resolved for ref in document.images_read if ref.local)
            del document  # the tokens go now, before the collector looks at what is left
        regions = self.regions.status(post, display)
        media = page_media(post.meta, Path(path), self.config.root)
        sources.add(m.image.resolved for m in media.values() if m.image)
        sources.add(regions.sources if regions is not None else ())
        words = page_word_count(rendered.blocks, password=post.meta.get("password"))
        reading = Reading(post, display, is_within(key, self._content_dirs[0]), rendered.blocks, words, warnings,
                          count_marks(post.text), regions, media, sources)
        with self._lock:
            self._readings[key] = reading
            self._readings.move_to_end(key)
            while len(self._readings) > KEPT_READINGS:  # a parsed post is megabytes of tokens
                self._readings.popitem(last=False)
            self._sources[key] = sources
        return reading

    def sources_of(self, path: Path) -> Sources:
        """What the last page of `path` was made from (only the file itself when it could not be read)."""
        with self._lock:
            known = self._sources.get(self._resolved(path))
        return known if known is not None else Sources([Path(path)])

    def linked_post(self, target: Path) -> Post | None:
        """A post another post links to, for its slug: only posts/ are on the blog."""
        if target == self._posts_dir or not is_within(target, self._posts_dir):
            return None
        stamp = state(target)
        with self._lock:
            known = self._posts.get(target)
        if known is not None and known[0] == stamp:
            return known[1]  # read before and unchanged since (a file still: the same inode)
        if stamp is None or not target.is_file():
            return None
        try:
            post: Post | None = load_post(target, self.config.languages, display=shown_path(target, self._root),
                                          custom_keys=declared_keys(self.config))
        except RecweeklyError:
            post = None  # a broken neighbour only matters to its own page
        with self._lock:
            self._posts[target] = (stamp, post)
        return post

    # -- how local files are shown -----------------------------------------------------------------

    def _media(self, media: PageMedia) -> Media | None:
        if media.kind is None:
            return None
        if media.kind is MediaKind.EMOJI:
            return Media("emoji", media.value)
        if media.kind is MediaKind.URL:
            return Media("external", media.value)
        if media.image is None or not media.image.exists:
            return Media("missing", media.value)
        return Media("image", self._image_url(media.image.resolved))

    def _image_url(self, target: Path) -> str:
        if self.standalone:
            return data_uri(target)
        rel = self._relative(target)
        return preview_path(rel) if rel else ""

    def _upload_url(self, relative: str) -> str | None:
        """The `src` of a repository image the Notion blocks name by its path inside the blog; None
        for anything else (a `<!-- notion:… -->` placeholder can name any path: nothing outside the
        blog, and nothing but an image, is shown or inlined)."""
        path = (self._root / relative).resolve()
        if self._root not in path.parents or path.suffix.lower() not in IMAGE_TYPES or not path.is_file():
            return None
        return data_uri(path) if self.standalone else preview_path(path.relative_to(self._root).as_posix())

    def _relative(self, path: Path) -> str | None:
        """POSIX path inside the blog root, or None outside it (`paths.relative_to_root`, root resolved once)."""
        return self._inside(self._resolved(path))

    def _resolved(self, path: Path) -> Path:
        """`path.resolve()`, asking the system only about the components below the blog's root."""
        return resolved_below(self._root, os.path.abspath(path))

    def _inside(self, resolved: Path) -> str | None:
        try:
            return resolved.relative_to(self._root).as_posix()
        except ValueError:
            return None


def render_post_page(config: Config, path: Path, *, standalone: bool = False) -> PreviewPage:
    """One page, nothing kept for later (`recweekly preview --output`, tests)."""
    return Previewer(config, standalone=standalone).render(path)
