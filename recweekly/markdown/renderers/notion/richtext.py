"""Styled text spans → Notion rich-text arrays, within Notion's per-request limits.

Inline Markdown is first flattened into `Span`s (`recweekly.markdown.renderers._inline`). Only here
are spans merged, cut to 2,000 UTF-16 units per run (Notion counts like JavaScript, so an astral
emoji counts two and must never be cut in half) and grouped into ≤100 runs per block. Publishing
uses the same cutting for text properties.
"""

from __future__ import annotations

from typing import Any

from recweekly.markdown.limits import MAX_TEXT
from recweekly.markdown.renderers._inline import Span, Style

MAX_RUNS = 100  # rich-text items per array (any array in a request holds at most 100 items)


def utf16_len(text: str) -> int:
    """Length as Notion (JavaScript) counts it."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def split_utf16(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut `text` into pieces of at most `limit` UTF-16 units, never inside a surrogate pair."""
    if 2 * len(text) <= limit or utf16_len(text) <= limit:  # a character is at most 2 units
        return [text]
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):  # all BMP: units == code points
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    pieces: list[str] = []
    start = 0
    units = 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > limit:
            pieces.append(text[start:index])
            start, units = index, 0
        units += width
    pieces.append(text[start:])
    return pieces


#: style → its annotations: a post has a handful of styles and thousands of runs.
_ANNOTATIONS: dict[Style, dict[str, bool]] = {}


def _annotations(style: Style) -> dict[str, bool]:
    found = _ANNOTATIONS.get(style)
    if found is not None:
        return found
    if len(_ANNOTATIONS) > 4096:  # styles carry link URLs: keep a long-lived preview server small
        _ANNOTATIONS.clear()
    annotations = _ANNOTATIONS[style] = style.annotations()
    return annotations


def rich_text(spans: list[Span]) -> list[dict[str, Any]]:
    """Notion rich-text items for `spans` (neighbours of one style merged into one run, text cut to
    2,000 units per item), in one pass: this runs for every run of text of every post."""
    items: list[dict[str, Any]] = []
    style: Style | None = None  # style of the pending run of text, joined once it ends
    texts: list[str] = []
    for span in spans:
        if span.equation:
            if texts:
                _add_text(items, "".join(texts), style)  # type: ignore[arg-type]
                texts = []
            item: dict[str, Any] = {"type": "equation", "equation": {"expression": span.text}}
            annotations = _annotations(span.style)
            if annotations:
                item["annotations"] = dict(annotations)
            items.append(item)
            continue
        if not span.text:
            continue
        if texts and span.style == style:
            texts.append(span.text)
            continue
        if texts:
            _add_text(items, "".join(texts), style)  # type: ignore[arg-type]
        style, texts = span.style, [span.text]
    if texts:
        _add_text(items, "".join(texts), style)  # type: ignore[arg-type]
    return items


def _add_text(items: list[dict[str, Any]], text: str, style: Style) -> None:
    annotations = _annotations(style)
    link = style.link
    for piece in (text,) if len(text) <= _SURELY_SHORT else split_utf16(text):
        content: dict[str, Any] = {"content": piece, "link": {"url": link}} if link else {"content": piece}
        item: dict[str, Any] = {"type": "text", "text": content}
        if annotations:
            item["annotations"] = dict(annotations)
        items.append(item)


_SURELY_SHORT = MAX_TEXT // 2  # characters: at most 2 UTF-16 units each, so such a text needs no cut


def plain_rich_text(text: str) -> list[dict[str, Any]]:
    """`rich_text([Span(text)])` for unstyled text, without the spans: most lines of a post."""
    if not text:
        return []
    if len(text) <= _SURELY_SHORT:
        return [{"type": "text", "text": {"content": text}}]
    return [{"type": "text", "text": {"content": piece}} for piece in split_utf16(text)]


def chunk_runs(items: list[dict[str, Any]], limit: int = MAX_RUNS) -> list[list[dict[str, Any]]]:
    """Group rich-text items into arrays of at most `limit` (always at least one, maybe empty)."""
    if len(items) <= limit:
        return [items]
    return [items[i : i + limit] for i in range(0, len(items), limit)]


def plain_text_of(items: list[dict[str, Any]]) -> str:
    """What a reader sees of a rich-text array (equations as their expression)."""
    out = []
    for item in items:
        if item.get("type") == "equation":
            out.append(item["equation"]["expression"])
        else:
            out.append(item.get("text", _NO_TEXT).get("content", ""))
    return out[0] if len(out) == 1 else "".join(out)  # one run: most arrays


_NO_TEXT: dict[str, Any] = {}
