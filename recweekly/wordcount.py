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

import codecs
import re
from dataclasses import dataclass
from typing import Any

from recweekly.markdown.renderers.notion.pagetext import page_text

# JavaScript's \s (WhiteSpace + LineTerminator per ECMA-262): its Latin-1 part, and the rest.
_JS_SPACE_LATIN1 = "\t\n\v\f\r \u00a0"
_JS_SPACE_ABOVE_LATIN1 = "\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPACE_ABOVE_LATIN1_RE = re.compile(f"[{_JS_SPACE_ABOVE_LATIN1}]")
#: byte → b" " for a JavaScript space, b"m" for any other Latin-1 character (NotionNext's "m")
_M_OR_SPACE = bytes(0x20 if chr(byte) in _JS_SPACE_LATIN1 else 0x6D for byte in range(256))
_BREAK = "recweekly.wordcount.break"  # encoding error handler: a character above Latin-1 ends a run
codecs.register_error(_BREAK, lambda error: (" " * (error.end - error.start), error.end))
WORDS_PER_MINUTE = 400


@dataclass(frozen=True)
class WordCount:
    words: int
    minutes: int


def count_words(text: str) -> int:
    """NotionNext's 字数 of `text`: its runs of Latin-1 non-space characters, plus the UTF-16 length
    of every other non-space character.

    Counted without a Python step per word or per character (this runs over every page the preview
    draws): the text as Latin-1 bytes, each character above Latin-1 a space, mapped to b"m" or b" "
    gives the runs as the b"m" after a b" " (or first); the characters above Latin-1 are the UTF-16
    length less the Latin-1 characters, less the spaces among them (JavaScript's, found by a regex
    that matches nothing in most texts).
    """
    shape = text.encode("latin-1", _BREAK).translate(_M_OR_SPACE)
    runs = shape.count(b" m") + shape.startswith(b"m")
    if text.isascii():
        return runs
    latin1 = len(text.encode("latin-1", "ignore"))
    if latin1 == len(text):
        return runs
    units = len(text.encode("utf-16-le", "surrogatepass")) // 2
    return runs + units - latin1 - len(_SPACE_ABOVE_LATIN1_RE.findall(text))


def reading_minutes(words: int) -> int:
    """NotionNext's 阅读时长: floor(words / 400) + 1."""
    return words // WORDS_PER_MINUTE + 1


def word_count(text: str) -> WordCount:
    words = count_words(text)
    return WordCount(words, reading_minutes(words))


def page_word_count(blocks: list[dict[str, Any]], *, password: object = None) -> WordCount:
    """字数 / 阅读时长 of a page holding `blocks`, given the post's `password` (any value: 0 words)."""
    return word_count("" if password not in (None, "") else page_text(blocks))
