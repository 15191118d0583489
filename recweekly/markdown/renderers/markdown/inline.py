"""Notion rich text → inline Markdown that parses back to the same runs.

Round-tripping is the whole point (a pulled paragraph must publish as the paragraph it came from),
so everything Markdown would read as syntax is escaped, and whitespace Markdown would eat — at the
edges of a line, or just inside `**` where it would stop the emphasis — is written as a numeric
character reference (`&#32;`), which the parser turns back into the same character. Styles are
opened and closed like nested HTML elements: a style that goes on longer is opened first, so
`**a *b* c**` comes out as written, never as `**a*****b*****c**`.

What inline Markdown cannot hold — underline, colours, mentions, a link on an equation or on a line
break, a line break in code — makes `inline_markdown` return None; the block renderer then keeps
the whole block as a `<!-- notion:… -->` placeholder instead of losing it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from recweekly.markdown.renderers._fromblocks import read_rich_text

_EMPHASIS = {"bold": "**", "italic": "*", "strikethrough": "~~"}
_ALWAYS = frozenset("\\`*[]<$~|!")
_LINE_START = re.compile(r"[#>+=-]|\d+[.)]")
_FOOTNOTE_MARK = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Run:
    """One run of text (or an equation) with the styles Markdown can write."""

    text: str
    marks: frozenset[str] = frozenset()  # bold / italic / strikethrough
    code: bool = False
    link: str | None = None
    equation: bool = False


def read_runs(items: Iterable[Mapping[str, Any]]) -> list[Run] | None:
    """Rich-text items (request or response form) as merged runs; None if Markdown cannot hold them."""
    runs: list[Run] = []
    for item in read_rich_text(items):
        annotations = item.annotations
        if annotations.get("underline") or annotations.get("color", "default") != "default":
            return None
        marks = frozenset(name for name in _EMPHASIS if annotations.get(name))
        code = bool(annotations.get("code"))
        if item.kind == "equation":
            if code or item.link:
                return None
            runs.append(Run(item.text, marks, equation=True))
            continue
        if item.kind != "text":
            return None  # mentions: a person, page or date Markdown has no syntax for
        if not item.text:
            continue
        run = Run(item.text, marks, code, item.link)
        if runs and not runs[-1].equation and replace(runs[-1], text="") == replace(run, text=""):
            runs[-1] = replace(runs[-1], text=runs[-1].text + item.text)
        else:
            runs.append(run)
    return runs


def _entity(char: str) -> str:
    return f"&#{ord(char)};"


def _code_span(text: str) -> str | None:
    if "\n" in text:
        return None
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) and text.endswith(("`", " ")) and text.strip(" ") else ""
    if not pad and (text.startswith("`") or text.endswith("`")):
        pad = " "
    return f"{fence}{pad}{text}{pad}{fence}"


class _Writer:
    """Builds one block's inline Markdown from its runs, as pieces: ("open"|"close", delimiter),
    ("syntax", link brackets) and ("text", escaped text), joined at the end."""

    def __init__(self, runs: list[Run], *, table_cell: bool, line_start: bool,
                 footnotes: Mapping[int, str] | None) -> None:
        self.runs = runs
        self.table_cell = table_cell
        self.footnotes = footnotes or {}
        self.out: list[tuple[str, str]] = []
        self.at_line_start = True  # the parser strips whitespace at the start of every line
        self.escape_line_start = line_start  # … and reads `#`, `>`, `-`, `1.` there as block syntax

    def write(self) -> str | None:
        stack: list[tuple[str, str]] = []  # open marks: ("bold", "") … or ("link", url)
        for index, run in enumerate(self.runs):
            if "\n" in run.text and (run.link or run.code):
                return None  # the parser never links or codes a line break
            edge_break = (run.text.startswith("\n") and (run.marks or index == 0)) or (run.text.endswith("\n") and (
                run.marks or index == len(self.runs) - 1))
            if edge_break:
                return None  # a break at the edge of a style or of the block has no Markdown form
            if run.equation and (run.link or "$" in run.text or run.text != run.text.strip() or not run.text):
                return None
            wanted = {(mark, "") for mark in run.marks} | ({("link", run.link)} if run.link else set())
            first_unwanted = next((i for i, mark in enumerate(stack) if mark not in wanted), None)
            if first_unwanted is not None:
                for mark in reversed(stack[first_unwanted:]):
                    self._close(mark)
                del stack[first_unwanted:]
            opening = sorted((m for m in wanted if m not in stack), key=lambda m: -self._reach(m, index))
            for mark in opening:
                self._open(mark)
                stack.append(mark)
            atom = self._atom(run, edges=bool(run.marks), last=index == len(self.runs) - 1)
            if atom is None:
                return None
            self.out.append(("text", atom))
        for mark in reversed(stack):
            self._close(mark)
        return _assemble(self.out)

    def _reach(self, mark: tuple[str, str], start: int) -> int:
        count = 0
        for run in self.runs[start:]:
            has = run.link == mark[1] if mark[0] == "link" else mark[0] in run.marks
            if not has:
                break
            count += 1
        return count

    def _open(self, mark: tuple[str, str]) -> None:
        self.out.append(("syntax", "[") if mark[0] == "link" else ("open", _EMPHASIS[mark[0]]))
        self.at_line_start = False

    def _close(self, mark: tuple[str, str]) -> None:
        if mark[0] == "link":
            url = mark[1]
            self.out.append(("syntax", f"](<{url}>)" if re.search(r"[\s()]", url) else f"]({url})"))
        else:
            self.out.append(("close", _EMPHASIS[mark[0]]))

    def _atom(self, run: Run, *, edges: bool, last: bool) -> str | None:
        if run.equation:
            self.at_line_start = False
            return f"${run.text}$"
        if run.code:
            span = _code_span(run.text)
            self.at_line_start = False
            return span
        lines = run.text.split("\n")
        written = []
        for number, line in enumerate(lines):
            first, final = number == 0, number == len(lines) - 1
            # whitespace the parser would strip (line edges) or that would break `**` (run edges)
            guard_lead = self.at_line_start or (edges and first)
            guard_trail = not final or last or edges
            written.append(self._line(line, guard_lead, guard_trail))
            self.at_line_start = not final or (self.at_line_start and not line)
        return ("<br>" if self.table_cell else "\\\n").join(written)

    def _line(self, line: str, guard_lead: bool, guard_trail: bool) -> str:
        body = line.strip()
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()):] if body else ""
        piece = self._escape(body, self.at_line_start and self.escape_line_start and not lead)
        lead_text = "".join(map(_entity, lead)) if guard_lead or (not body and guard_trail) else lead
        trail_text = "".join(map(_entity, trail)) if guard_trail else trail
        return lead_text + piece + trail_text

    def _escape(self, text: str, line_start: bool) -> str:
        if self.footnotes:
            parts = _FOOTNOTE_MARK.split(text)
            out = []
            for i, part in enumerate(parts):
                if i % 2:
                    key = self.footnotes.get(int(part))
                    out.append(f"[^{key}]" if key else self._escape_plain(f"[{part}]", False))
                else:
                    out.append(self._escape_plain(part, line_start and i == 0))
            return "".join(out)
        return self._escape_plain(text, line_start)

    @staticmethod
    def _escape_plain(text: str, line_start: bool) -> str:
        if html.unescape(text) != text:
            text = text.replace("&", "&amp;")
        out = []
        for i, char in enumerate(text):
            if char in _ALWAYS:
                out.append("\\" + char)
            elif char == "_":
                inside = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
                out.append("_" if inside else "\\_")
            else:
                out.append(char)
        escaped = "".join(out)
        if line_start:
            stripped = escaped.lstrip()
            match = _LINE_START.match(stripped)
            if match:
                at = len(escaped) - len(stripped) + match.end() - 1
                escaped = escaped[:at] + "\\" + escaped[at:]
        return escaped


def _kind(char: str | None) -> str:
    """How the emphasis parser sees a character next to `*`: space, punct(uation) or word."""
    if char is None or char.isspace():
        return "space"
    return "word" if char.isalnum() else "punct"


def _assemble(pieces: list[tuple[str, str]]) -> str:
    """Join pieces; where a `*` run would not open or close (a word right outside, punctuation right
    inside, as in `**Note:**text`), the word character outside is written as a character reference,
    which reads as the same character but lets the emphasis parse (CommonMark flanking rules)."""
    slots: list[str] = []
    kinds: list[str] = []
    for kind, text in pieces:
        for char in text:
            slots.append(char)
            kinds.append(kind)
    index = 0
    while index < len(slots):
        if kinds[index] not in ("open", "close") or slots[index] != "*":
            index += 1
            continue
        end = index
        while end < len(slots) and kinds[end] in ("open", "close") and slots[end] == "*":
            end += 1
        before = slots[index - 1][-1] if index else None
        after = slots[end][0] if end < len(slots) else None
        opens = "open" in kinds[index:end]
        closes = "close" in kinds[index:end]
        if opens and _kind(after) == "punct" and _kind(before) == "word" and kinds[index - 1] == "text":
            slots[index - 1] = _entity(slots[index - 1])
        if closes and _kind(before) == "punct" and _kind(after) == "word" and kinds[end] == "text":
            slots[end] = _entity(slots[end])
        index = end
    return "".join(slots)


def inline_markdown(items: Iterable[Mapping[str, Any]], *, table_cell: bool = False, line_start: bool = True,
                    footnotes: Mapping[int, str] | None = None) -> str | None:
    """Inline Markdown for a rich-text array, or None when Markdown cannot hold it exactly.

    `line_start`: the text begins a line the block parser reads (a paragraph, a list item), so a
    leading `#`, `>`, `-`, `1.` … is escaped; not needed in headings and table cells.

    `footnotes` maps a footnote number to its key in the file being written (`{1: "online"}`), so a
    "[1]" in the text is written back as the `[^online]` reference it was rendered from.
    """
    runs = read_runs(items)
    if runs is None:
        return None
    return _Writer(runs, table_cell=table_cell, line_start=line_start and not table_cell,
                   footnotes=footnotes).write()


def plain_caption(items: Iterable[Mapping[str, Any]]) -> tuple[str, str | None] | None:
    """(text, link) of an image caption when it is plain text with at most one link over all of it."""
    runs = read_runs(items)
    if runs is None or any(r.marks or r.code or r.equation or "\n" in r.text for r in runs):
        return None
    links = {r.link for r in runs}
    if len(links) > 1:
        return None
    return "".join(r.text for r in runs), next(iter(links), None)


def escape_text(text: str) -> str:
    """Plain text as inline Markdown that reads back as exactly that text (captions, summaries)."""
    return _Writer._escape_plain(text, False)
