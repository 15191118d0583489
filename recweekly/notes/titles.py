"""How paper titles compare, and how a title becomes an arXiv search query.

A daily report writes titles by hand (other case, doubled spaces, full-width characters, a dropped
final '?'), so two spellings of one title must compare equal; but a title that merely contains
another is a different paper, so the comparison is exact after normalising, never "similar".
"""

from __future__ import annotations

import re
import unicodedata

# a word: letters/digits, with inner '.' or apostrophe kept ("1.58", "don't"); everything else in a
# title (':', '-', quotes, brackets, '?') is punctuation to arXiv's index and syntax to its query
# language, so it is left out of queries
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")
# words arXiv's index leaves out: asking for them in an AND query would match nothing
_STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or",
    "not", "the", "their", "this", "to", "via", "vs", "with",
})


def normalise_title(title: str) -> str:
    """NFKC, casefolded, whitespace collapsed, trailing punctuation dropped: the spelling compared."""
    text = " ".join(unicodedata.normalize("NFKC", title).casefold().split())
    while text and unicodedata.category(text[-1])[0] == "P":
        text = text[:-1].rstrip()
    return text


def title_key(title: str) -> str:
    """The key titles are indexed by: `normalise_title` without any whitespace ('Top-K  Recs' == 'top-k recs')."""
    return normalise_title(title).replace(" ", "")


def title_words(title: str) -> list[str]:
    """The title's words as arXiv indexes them, lower case (so 'AND'/'OR' in a title are not operators)."""
    return [w.replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFKC", title).casefold())]


def phrase_query(title: str) -> str:
    """`ti:"w1 w2 …"`: the title as one phrase, without the characters the query language reserves."""
    return f'ti:"{" ".join(title_words(title))}"'


def words_query(title: str) -> str | None:
    """`ti:w1 AND ti:w2 …` over the title's significant words; None when it has none besides the phrase."""
    words = [w for w in dict.fromkeys(title_words(title)) if w not in _STOP_WORDS and len(w) > 1]
    if not words:
        return None
    return " AND ".join(f"ti:{w}" if "'" not in w else f'ti:"{w}"' for w in words)
