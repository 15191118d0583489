"""Which lines of a post body make which top-level blocks: the map `pull` edits the file through.

mistune's tokens carry no positions, so the map is found by rendering: the body is cut into
chunks (a run of lines up to a blank line, or before a line that starts a list item, heading,
quote or fence), each chunk is rendered on its own — with the document's reference links and
footnote numbers, so `[^1]` and `[text][ref]` mean what they mean in the whole post — and
neighbouring chunks are merged until their blocks are exactly the next blocks of the whole post.
A fenced code block with blank lines, a `<details>` element, a list with an indented paragraph all
end up as one segment that way, and the map is correct by construction: the segments' blocks,
in order, are the post's blocks. Segments that make no block (region markers, comments, link
and footnote definitions) are kept as segments too, so their bytes stay where they are.

The footnotes section Notion shows at the end is made from definitions anywhere in the file, so
it maps to no segment: `footnote_blocks` says how many blocks at the end it takes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from recweekly.markdown.document import Document, DocumentContext
from recweekly.markdown.parser import create_markdown
from recweekly.markdown.rawhtml import is_comment
from recweekly.markdown.renderers.notion.blocks import NotionBlockRenderer
from recweekly.publish.signatures import block_signatures

Block = dict[str, Any]
_STARTS_BLOCK = re.compile(r"(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|>|```|~~~)")


class _ByPath(dict):  # type: ignore[type-arg]
    """Image "hashes" that are the paths themselves: two images compare equal only if one file."""

    def get(self, key: Any, default: Any = None) -> Any:
        return key


@dataclass
class SourceSegment:
    start: int  # first line (0-based, in the body)
    end: int  # one past the last line
    first: int  # index of its first top-level block
    count: int  # top-level blocks it makes (0: markers, comments, definitions, blank lines)
    text: str

    @property
    def blocks(self) -> range:
        return range(self.first, self.first + self.count)


@dataclass
class SourceMap:
    segments: list[SourceSegment]
    blocks: list[Block]  # the whole body's top-level blocks
    footnote_blocks: int = 0  # blocks of the footnotes section, last in `blocks`
    footnote_keys: dict[int, str] = field(default_factory=dict)  # footnote number → key in the file
    exact: bool = True  # False: the chunks could not be matched up (one segment holds everything)

    def segment_of(self, block: int) -> SourceSegment | None:
        for segment in self.segments:
            if block in segment.blocks:
                return segment
        return None


def _chunks(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges: a run of lines ending with the blank lines after it; split too before a line
    that starts a block right after a non-blank line. Never inside a fenced code block."""
    out: list[tuple[int, int]] = []
    start = 0
    fence = ""
    in_comment = False  # inside an HTML comment spanning lines
    after_comment = False  # the line before ended an HTML comment (a region marker): a block starts here
    for index, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence) and not stripped.strip().strip(fence[0]):
                fence = ""
            continue
        opens_comment = stripped.startswith("<!--")
        before = lines[index - 1] if index else ""
        starts = index > start and line.strip() and not in_comment and (
            not before.strip() or after_comment or opens_comment or _STARTS_BLOCK.match(line))
        if starts and any(lines[i].strip() for i in range(start, index)):
            out.append((start, index))
            start = index
        if in_comment or opens_comment:
            in_comment = "-->" not in (line if in_comment else line[line.index("<!--") + 4:])
            after_comment = not in_comment
        else:
            after_comment = False
        opening = re.match(r"(`{3,}|~{3,})", stripped)
        if opening and not in_comment:
            fence = opening.group(1)
    out.append((start, len(lines)))
    return [c for c in out if c[0] < c[1]]


class _Renderer:
    def __init__(self, context: DocumentContext) -> None:
        self.context = context
        self.markdown = create_markdown(renderer=None)
        self.env: dict[str, Any] = {}

    def whole(self, text: str) -> tuple[list[Block], int, dict[int, str]]:
        tokens, state = self.markdown.parse(text)
        self.env = state.env
        blocks = self._render(text, tokens)
        notes = [t for t in tokens if t["type"] == "footnotes"]
        count = len(self._render(text, notes)) if notes else 0
        keys = {i + 1: key for i, key in enumerate(state.env.get("footnotes") or [])}
        return blocks, count, keys

    def part(self, text: str) -> list[Block]:
        state = self.markdown.block.state_cls()
        state.env = copy.copy(self.env)
        for key in ("ref_links", "ref_footnotes", "footnote_indexes"):
            if key in state.env:
                state.env[key] = copy.copy(state.env[key])
        if "footnotes" in state.env:
            state.env["footnotes"] = list(state.env["footnotes"])
        tokens, _ = self.markdown.parse(text, state)
        return self._render(text, [t for t in tokens if t["type"] != "footnotes"])

    def _render(self, text: str, tokens: list[dict[str, Any]]) -> list[Block]:
        document = Document(text, tokens, self.context)
        return NotionBlockRenderer(document).render_blocks(tokens)


def source_map(body: str, context: DocumentContext) -> SourceMap:
    """Segments of `body` with the top-level blocks each makes (rendered as publish renders them)."""
    renderer = _Renderer(context)
    blocks, footnote_count, keys = renderer.whole(body)
    signatures = block_signatures(blocks, _ByPath())
    body_count = len(blocks) - footnote_count
    lines = body.splitlines(keepends=True)
    segments: list[SourceSegment] = []
    position = 0  # blocks made by the closed segments
    pending: tuple[int, int] | None = None  # lines read but not yet matched to blocks

    def close(start: int, end: int) -> bool:
        """Close lines [start, end) as a segment if they make the next blocks of the post."""
        nonlocal position
        text = "".join(lines[start:end])
        made = block_signatures(renderer.part(text), _ByPath())
        if made != signatures[position:position + len(made)] or position + len(made) > body_count:
            return False
        segments.append(SourceSegment(start, end, position, len(made), text))
        position += len(made)
        return True

    def close_with_last(start: int, end: int) -> bool:
        """…or together with the last segment (a chunk that only made sense with what came before)."""
        nonlocal position
        if not segments or is_comment(segments[-1].text):  # a marker never needs what follows it
            return False
        last = segments.pop()
        position = last.first
        if close(last.start, end):
            return True
        segments.append(last)
        position = last.first + last.count
        return False

    for start, end in _chunks(lines):
        if pending is not None:
            start = pending[0]
        # lines that do not make whole blocks yet are part of a construct that goes on: read on
        pending = None if close(start, end) or close_with_last(start, end) else (start, end)
    while pending is not None:
        if not segments:
            return _whole(body, blocks, footnote_count, keys, len(lines))
        if close_with_last(*pending):
            pending = None
        else:
            last = segments.pop()
            position = last.first
            pending = (last.start, pending[1])
    if position != body_count:
        return _whole(body, blocks, footnote_count, keys, len(lines))
    return SourceMap(segments, blocks, footnote_count, keys)


def _whole(body: str, blocks: list[Block], footnotes: int, keys: dict[int, str], lines: int) -> SourceMap:
    """The fallback: one segment for the whole body (edits then rewrite all of it)."""
    segment = SourceSegment(0, lines, 0, len(blocks) - footnotes, body)
    return SourceMap([segment], blocks, footnotes, keys, exact=False)
