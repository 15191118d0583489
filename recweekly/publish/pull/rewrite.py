"""The post file with the page's edits written in: only the lines of blocks and keys that changed.

The three-way merge (pagestate.analyse) says which of the post's blocks stay and which of the
page's come in. Through the source map every block the post keeps is a segment of lines kept byte
for byte; segments whose blocks changed, and blocks Notion added, are written by the blocks →
Markdown renderer at their place (a block added at the end of a generated region goes after its
end marker, so `fill` still owns the region). Front-matter keys whose property was edited are
rewritten, nothing else. The result is checked before it is returned: it must render to exactly
the merged blocks and properties, or the pull of that post stops and nothing is written.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.errors import InputError, Problem
from recweekly.markdown import parse_document
from recweekly.markdown.document import DocumentContext
from recweekly.markdown.renderers.markdown import blocks_to_markdown
from recweekly.markdown.renderers.notion import document_to_blocks
from recweekly.post import parse_post
from recweekly.publish.pagestate import Analysis
from recweekly.publish.pull.frontmatter import Unrepresentable, edit_front_matter, page_field_value, property_value
from recweekly.publish.pull.sourcemap import SourceMap, SourceSegment, source_map
from recweekly.publish.signatures import block_signatures

Block = dict[str, Any]


@dataclass
class Rewritten:
    text: str
    blocks: int = 0  # blocks written from Notion (or rewritten around a Notion edit)
    keys: list[str] = field(default_factory=list)  # front-matter keys rewritten
    kept: list[str] = field(default_factory=list)  # block types kept as <!-- notion: --> placeholders


class PullError(InputError):
    """The page's edit cannot be written into the post exactly; nothing was written."""


def image_path_for(post_path: Path, root: Path) -> Callable[[str], str]:
    """A repository image (path relative to the blog) as the post links it: relative to the post."""
    folder = Path(post_path).resolve().parent

    def relative(rel: str) -> str:
        return Path(os.path.relpath((root / rel).resolve(), folder)).as_posix()

    return relative


def markdown_for(blocks: list[Block], context: DocumentContext, hashes: dict[str, str],
                 footnotes: dict[int, str], image_path: Callable[[str], str]) -> tuple[str, list[Block]]:
    """Markdown for blocks, each checked to render back to itself (else kept as a placeholder)."""
    def verify(block: Block, text: str) -> bool:
        made = document_to_blocks(parse_document(text, context)).blocks
        return block_signatures(made, hashes) == block_signatures([block], hashes)

    result = blocks_to_markdown(blocks, verify=verify, footnotes=footnotes, image_url=image_path)
    return result.text, result.kept


def _is_end_marker(segment: SourceSegment) -> bool:
    return segment.count == 0 and "recweekly:end" in segment.text


class _Body:
    """Places the merged blocks among the post's segments."""

    def __init__(self, smap: SourceMap, analysis: Analysis) -> None:
        self.smap = smap
        self.analysis = analysis
        self.segments = smap.segments
        self.index_of = {k: i for i, seg in enumerate(self.segments) for k in seg.blocks}
        body_blocks = len(smap.blocks) - smap.footnote_blocks
        position = {k: n for n, (side, k) in enumerate(analysis.blocks.items) if side == "new"}
        self.intact = [self._intact(seg.blocks, position) for seg in self.segments]
        self.notes_intact = self._intact(range(body_blocks, len(smap.blocks)), position)
        self.slots: dict[int, list[Block]] = defaultdict(list)

    @staticmethod
    def _intact(blocks: range, position: dict[int, int]) -> bool:
        """Every block kept, with nothing of the page's between them."""
        places = [position.get(k) for k in blocks]
        return all(p is not None for p in places) and places == list(range(places[0], places[0] + len(places))) \
            if places else True

    def place(self) -> None:
        """Put each block of the merge in a slot: the post's changed segments take the page's blocks
        that replace them, one by one, in order."""
        cursor, current = -1, None
        queue: list[int] | None = None  # slots of the gap after `cursor`, for the page's blocks
        for side, k in self.analysis.blocks.items:
            if side == "new":
                segment = self.index_of.get(k)
                if segment is None:  # the footnotes section
                    if not self.notes_intact:
                        raise PullError("a footnote was edited in Notion; edit its definition in the file by hand")
                    cursor, current, queue = len(self.segments) - 1, None, None
                    continue
                if self.intact[segment]:
                    cursor, current, queue = segment, None, None
                    continue
                current = segment
                self.slots[segment].append(self.analysis.new.blocks[k])
                queue = [slot for slot in queue if slot > segment] if queue is not None else None
            else:
                if queue is None:
                    queue = self._gap_slots(cursor)
                if queue and (current is None or queue[0] > current):
                    current = queue.pop(0) if len(queue) > 1 else queue[0]
                assert current is not None
                self.slots[current].append(self.analysis.page.blocks[k])

    def _gap_slots(self, cursor: int) -> list[int]:
        """Where blocks from Notion after segment `cursor` go: in place of the changed segments of the
        gap, else after the end marker of a generated region that closes there, else right after."""
        following = next((i for i in range(cursor + 1, len(self.segments))
                          if self.segments[i].count > 0 and self.intact[i]), len(self.segments))
        gap = range(cursor + 1, following)
        changed = [i for i in gap if self.segments[i].count > 0]
        if changed:
            return changed
        ends = [i for i in gap if _is_end_marker(self.segments[i])]
        return [ends[-1] + 1 if ends else cursor + 1]

    def text(self, pieces: dict[int, str], newline: str, tight: bool) -> str:
        """The body: kept segments as they were, new Markdown in the slots. `tight` joins new Markdown
        the way the segment it replaces was joined (a list item stays in its tight list); otherwise
        it stands apart by blank lines, which can never run two blocks together."""
        out = ""
        for index in range(len(self.segments) + 1):
            piece = pieces.get(index)
            if piece:
                piece = piece.rstrip("\n").replace("\n", newline)
                if tight:  # as the lines it replaces were joined, or as the lines before it
                    dropped = index < len(self.segments) and not self.intact[index] and self.segments[index].count
                    text = self.segments[index].text if dropped else out
                    trailing = text[len(text.rstrip("\r\n")):] or newline
                    if not dropped and index == len(self.segments):
                        trailing = newline
                    out += ("" if not out or out.endswith("\n") else newline) + piece + trailing
                else:
                    out = _separated(out, newline) + piece + newline
                    out += newline if index < len(self.segments) else ""
            if index < len(self.segments) and (self.segments[index].count == 0 or self.intact[index]):
                out += self.segments[index].text
        return out


def _separated(text: str, newline: str) -> str:
    """`text` ending with a blank line (or empty), so what follows starts a block of its own."""
    if not text:
        return text
    if not text.endswith("\n"):
        text += newline
    return text if text.endswith(newline * 2) or text.endswith("\n\n") else text + newline


def rewrite(post: Any, analysis: Analysis, *, context: DocumentContext, pmap: Any, root: Path) -> Rewritten:
    """The post's text with the merge written in; raises PullError when it cannot be exact."""
    hashes = dict(analysis.new.hashes)
    smap = source_map(post.body, context)
    if block_signatures(smap.blocks, hashes) != analysis.new.signatures:
        raise PullError("the post renders differently from what publish sent; run `recweekly publish` first")
    image_path = image_path_for(Path(post.path), root)
    keys = _footnote_keys(post.body, smap.footnote_keys)
    kept: list[Block] = []

    def render(blocks: list[Block]) -> str:
        text, placeholders = markdown_for(blocks, context, hashes, keys, image_path)
        kept.extend(placeholders)
        return text

    layout = _Body(smap, analysis)
    layout.place()
    for segment, intact in zip(layout.segments, layout.intact, strict=True):
        if not intact and segment.count and "<!-- recweekly:" in segment.text:
            raise PullError("the edit touches lines that share a block with a generated-region marker; "
                            "edit the file by hand")
    pieces = {index: render(blocks) for index, blocks in layout.slots.items() if blocks}
    values = _front_matter_values(analysis, pmap, image_path)
    prefix = post.text[: len(post.text) - len(post.body)]
    target = block_signatures(analysis.target_blocks(), hashes)
    untouched = not pieces and all(layout.intact)
    problems: list[Problem] = []
    for tight in (True, False):
        body = post.body if untouched else layout.text(pieces, "\r\n" if "\r\n" in post.body else "\n", tight)
        text = edit_front_matter(prefix + body, values)
        parsed, problems = parse_post(text, Path(str(post.path)))
        if parsed is not None and block_signatures(
                document_to_blocks(parse_document(parsed.body, context)).blocks, hashes) == target:
            changed = sum(len(blocks) for blocks in layout.slots.values())
            return Rewritten(text, changed, sorted(values), [str(b.get("type")) for b in kept])
    detail = "; ".join(str(p) for p in problems) if problems else "the rewritten file does not render as the page"
    raise PullError(f"cannot write the Notion edit into the file exactly ({detail}); nothing was written")


def _front_matter_values(analysis: Analysis, pmap: Any, image_path: Callable[[str], str]) -> dict[str, Any]:
    by_name = {column.name: (key, column) for key, column in pmap.columns.items()}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, side in analysis.property_sides.items():
        if side != "page" or name not in by_name:
            continue
        key, column = by_name[name]
        try:
            values[key] = property_value(column.type, analysis.page.properties.get(name))
        except Unrepresentable as exc:
            problems.append(Problem("<front matter>", f"Notion's value {exc}", field=key))
    for key, side in analysis.field_sides.items():
        if side == "page":
            try:
                values[key] = page_field_value(analysis.page.page_fields.get(key), image_path)
            except Unrepresentable as exc:
                problems.append(Problem("<front matter>", f"Notion's {key} {exc}", field=key))
    if problems:
        raise PullError("some properties edited in Notion cannot be written to the front matter", problems)
    return values


def _footnote_keys(body: str, numbered: dict[int, str]) -> dict[int, str]:
    """Footnote numbers → keys as the file spells them (mistune compares them case-insensitively)."""
    spelled = {" ".join(m.group(1).split()).upper(): m.group(1)
               for m in re.finditer(r"^ {0,4}\[\^([^\]\s]+)\]:", body, re.MULTILINE)}
    return {number: spelled.get(key, key) for number, key in numbered.items()}
