"""Styled text → Notion rich-text arrays, within Notion's per-request limits.

The inline walk (`notion.inline`) writes each run of text here with its `Style`: only here are
runs cut to 2,000 UTF-16 units per item (Notion counts like JavaScript, so an astral emoji counts
two and must never be cut in half) and grouped into ≤100 runs per block. Publishing uses the same
cutting for text properties.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from recweekly.markdown.limits import MAX_TEXT

MAX_RUNS = 100  # rich-text items per array (any array in a request holds at most 100 items)


class Style(NamedTuple):
    """The annotations and link that apply to a run of text. A tuple, so that equal styles merge and
    a style is hashed and compared in C: a post compares thousands of them (a frozen dataclass does
    both in Python)."""

    bold: bool = False
    italic: bool = False
    strikethrough: bool = False
    code: bool = False
    link: str | None = None

    def with_(self, **changes: Any) -> Style:
        key = (self, *changes.items())
        found = _DERIVED.get(key)
        if found is None:  # a post derives the same few styles again and again
            if len(_DERIVED) > 4096:
                _DERIVED.clear()
            found = _DERIVED[key] = self._replace(**changes)
        return found

    def annotations(self) -> dict[str, bool]:
        flags = {
            "bold": self.bold,
            "italic": self.italic,
            "strikethrough": self.strikethrough,
            "code": self.code,
        }
        return {name: True for name, on in flags.items() if on}


PLAIN = Style()
_DERIVED: dict[tuple[Any, ...], Style] = {}


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


def add_text(items: list[dict[str, Any]], text: str, style: Style) -> None:
    """Append `text` (not empty) in `style`, as as many items as the 2,000-unit limit needs."""
    annotations = _annotations(style)
    link = style.link
    for piece in (text,) if len(text) <= _SURELY_SHORT else split_utf16(text):
        content: dict[str, Any] = {"content": piece, "link": {"url": link}} if link else {"content": piece}
        item: dict[str, Any] = {"type": "text", "text": content}
        if annotations:
            item["annotations"] = dict(annotations)
        items.append(item)


_SURELY_SHORT = MAX_TEXT // 2  # characters: at most 2 UTF-16 units each, so such a text needs no cut


def add_equation(items: list[dict[str, Any]], expression: str, style: Style) -> None:
    item: dict[str, Any] = {"type": "equation", "equation": {"expression": expression}}
    annotations = _annotations(style)
    if annotations:
        item["annotations"] = dict(annotations)
    items.append(item)


def styled_rich_text(text: str, style: Style) -> list[dict[str, Any]]:
    """Rich text of one text in one style (an image's caption)."""
    items: list[dict[str, Any]] = []
    if text:
        add_text(items, text, style)
    return items


def plain_rich_text(text: str) -> list[dict[str, Any]]:
    """`styled_rich_text(text, PLAIN)`, with no style to look up: most lines of a post."""
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
