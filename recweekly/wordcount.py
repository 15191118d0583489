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

# JavaScript's \s: WhiteSpace + LineTerminator per ECMA-262.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_NOT_JS_SPACES = "\x1c\x1d\x1e\x1f"  # ASCII characters str.split() splits at and JavaScript's \s does not
_SPACE_OR_LATIN1_RE = re.compile(rf"[{_JS_SPACE}\x00-\xff]+")
_LATIN1_RUN_RE = re.compile(rf"[^{_JS_SPACE}\u0100-\U0010ffff]+")
WORDS_PER_MINUTE = 400


@dataclass(frozen=True)
class WordCount:
    words: int
    minutes: int


def count_words(text: str) -> int:
    """NotionNext's 字数 of `text`: its Latin-1 runs (a run never spans whitespace, so they are found
    in the whole text at once) plus the UTF-16 length of every other non-space character."""
    if text.isascii() and not any(char in text for char in _NOT_JS_SPACES):
        return len(text.split())  # ASCII: every word is a Latin-1 run, and Python's spaces are JavaScript's
    others = _SPACE_OR_LATIN1_RE.sub("", text)
    return len(_LATIN1_RUN_RE.findall(text)) + len(others.encode("utf-16-le", "surrogatepass")) // 2


def reading_minutes(words: int) -> int:
    """NotionNext's 阅读时长: floor(words / 400) + 1."""
    return words // WORDS_PER_MINUTE + 1


def word_count(text: str) -> WordCount:
    words = count_words(text)
    return WordCount(words, reading_minutes(words))


def page_word_count(blocks: list[dict[str, Any]], *, password: object = None) -> WordCount:
    """字数 / 阅读时长 of a page holding `blocks`, given the post's `password` (any value: 0 words)."""
    return word_count("" if password not in (None, "") else page_text(blocks))
