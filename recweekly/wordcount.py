"""Word count and reading time exactly as NotionNext shows them (字数 / 阅读时长).

`page_word_count` is the one figure every command shows (`stats`, the preview): it counts the text
NotionNext reads of the blocks the page will hold (`renderers.notion.pagetext`: top-level blocks
joined with nothing between them, children and table cells with a space), and 0 for a post with a
password, whose text NotionNext does not read.

NotionNext's counter (a JavaScript function over the article's text) replaces every whitespace run
with a separator, turns each character in U+0000–U+00FF into "m", merges runs of "m" into one, drops
the separators and returns the string's `length`. So: a run of Latin-1 non-space characters is one
word, every other non-space character counts one, and reading time is floor(words / 400) + 1.

Two details follow from it being JavaScript and are reproduced on purpose so our figure matches the
page: whitespace is JavaScript's `\\s` set (which includes U+00A0, U+3000 and U+FEFF but not
U+0085), and `length` counts UTF-16 code units, so a character outside the BMP (most emoji, rare
CJK ideographs) counts two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from recweekly.markdown.renderers.notion.pagetext import page_text

# JavaScript's \s (WhiteSpace + LineTerminator per ECMA-262): its Latin-1 part, and the rest.
_JS_SPACE_LATIN1 = "\t\n\v\f\r \u00a0"
_JS_SPACE_ABOVE_LATIN1 = "\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPACE_ABOVE_LATIN1_RE = re.compile(f"[{_JS_SPACE_ABOVE_LATIN1}]")
#: UTF-8 byte → b" " or b"m" (NotionNext's "m"), one per character: an ASCII byte is its character
#: (a JavaScript space or not), a lead byte C2/C3 starts a Latin-1 character ("m"; U+00A0, the one
#: space among them, is turned into b" " beforehand), a higher lead byte a character above Latin-1,
#: which ends a run (b" "); the continuation bytes 80–BF are deleted.
_SHAPE = bytes(
    (0x20 if chr(byte) in _JS_SPACE_LATIN1 else 0x6D) if byte < 0x80 else 0x6D if byte in (0xC2, 0xC3) else 0x20
    for byte in range(256)
)
_CONTINUATION = bytes(range(0x80, 0xC0))
_ASCII = bytes(range(0x80))
WORDS_PER_MINUTE = 400


@dataclass(frozen=True)
class WordCount:
    words: int
    minutes: int


def count_words(text: str) -> int:
    """NotionNext's 字数 of `text`: its runs of Latin-1 non-space characters, plus the UTF-16 length
    of every other non-space character.

    Counted without a Python step per word or per character (this runs over every page the preview
    draws), in bytes, where a scan costs least: the text's UTF-8, each character one byte of
    `_SHAPE`, gives the runs as the b"m" after a b" " (or first); the characters above ASCII, taken
    out of the UTF-8 in one step (few, in an English post), give the UTF-16 length of those above
    Latin-1 and the JavaScript spaces among them. UTF-8 with "surrogatepass" holds a lone surrogate
    as a character of its own, as JavaScript's UTF-16 does.
    """
    data = text.encode("utf-8", "surrogatepass")
    if data.isascii():
        return _runs(data)
    above_ascii = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    if "\xa0" in above_ascii:
        data = data.replace(b"\xc2\xa0", b" ")
    above_latin1 = (len(above_ascii.encode("utf-16-le", "surrogatepass")) // 2
                    - len(above_ascii.encode("latin-1", "ignore")))
    return _runs(data) + above_latin1 - len(_SPACE_ABOVE_LATIN1_RE.findall(above_ascii))


def _runs(data: bytes) -> int:
    """The runs of Latin-1 non-space characters in UTF-8 `data` (U+00A0 already made a space)."""
    shape = data.translate(_SHAPE, _CONTINUATION)
    return shape.count(b" m") + shape.startswith(b"m")


def reading_minutes(words: int) -> int:
    """NotionNext's 阅读时长: floor(words / 400) + 1."""
    return words // WORDS_PER_MINUTE + 1


def word_count(text: str) -> WordCount:
    words = count_words(text)
    return WordCount(words, reading_minutes(words))


def page_word_count(blocks: list[dict[str, Any]], *, password: object = None) -> WordCount:
    """字数 / 阅读时长 of a page holding `blocks`, given the post's `password` (any value: 0 words)."""
    return word_count("" if password not in (None, "") else page_text(blocks))
