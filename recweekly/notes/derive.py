"""What a note's own words say about it: the model name in its title, and a category and theme to suggest.

`SMES: Towards Scalable Multi-Task Recommendation…` names its model before the colon. A prefix counts
when it is short and looks like a name — a word with a capital inside it or a digit (SMES, HeMix,
MLLMRec-R1, R4T), or one capitalised word that is not a word titles start with (Kunlun, not Survey,
Position or Rethinking) — and not a phrase ("Beyond Text: …", "k-hop Fairness: …" are titles).

Suggestions come from the `[suggest]` keyword rules (`recweekly.config.enrich`). They are written
as `suggested_category` / `suggested_theme`, never as `category` / `theme`: a keyword count is a
hint for the person who files the note, and `check` keeps listing the note until someone decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from recweekly.config import Config
from recweekly.l10n.typography import has_han
from recweekly.notes.model import SUGGESTS, Note

_PREFIX = re.compile(r"^\s*(?P<name>[^:：]{1,32}?)\s*(?::\s+|：\s*)\S")
_NAME_WORD = re.compile(r"^[\w\-.+]+$")
_TITLE_WORDS = frozenset((
    "abstract", "analysis", "appendix", "benchmark", "beyond", "case", "challenges", "conclusion", "correction",
    "demo", "editorial", "erratum", "extended", "foreword", "introduction", "keynote", "lessons", "note",
    "opinion", "overview", "perspective", "perspectives", "position", "preface", "preprint", "primer",
    "proceedings", "report", "retrospective", "review", "short", "survey", "towards", "toward", "tutorial",
    "vision", "workshop",
))
TITLE_WEIGHT = 3


def model_from_title(title: str) -> str | None:
    """The model a title names before its colon, or None."""
    match = _PREFIX.match(title)
    if not match:
        return None
    name = match.group("name")
    words = name.split()
    if not 1 <= len(words) <= 2 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(_looks_like_a_name(w) for w in words):
        return name
    word = words[0]
    single_name = (len(words) == 1 and word[:1].isupper() and word.isalpha() and not word.endswith("ing")
                   and word.casefold() not in _TITLE_WORDS)
    return word if single_name else None


def _looks_like_a_name(word: str) -> bool:
    """A capital after the first letter of a part (HeMix, DSRM-HRL; not Cold-Start), or a digit (R4T)."""
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return True
    return any(any(ch.isupper() for ch in part[1:]) for part in re.split(r"[-.+]", word))


def suggest(rules: Mapping[str, Iterable[str]], title: str, texts: Iterable[str]) -> tuple[str | None, list[str]]:
    """The key whose keywords the title (weighted) and the texts hold most, and the keywords found."""
    rest = "\n".join(t for t in texts if t)
    best: tuple[int, str | None, list[str]] = (0, None, [])
    for key, words in rules.items():
        score = 0
        found: list[str] = []
        for word in words:
            pattern = _keyword(word)
            hits = TITLE_WEIGHT * bool(pattern.search(title)) + bool(pattern.search(rest))
            if hits:
                score += hits
                found.append(word)
        if score > best[0]:
            best = (score, key, found)
    return best[1], best[2]


@lru_cache(maxsize=512)
def _keyword(word: str) -> re.Pattern[str]:
    if has_han(word):
        return re.compile(re.escape(word))
    acronym = sum(ch.isupper() for ch in word) >= 2
    flags = 0 if acronym else re.IGNORECASE
    end = r"s?(?![\w])" if acronym else ""
    return re.compile(rf"(?<![\w]){re.escape(word)}{end}", flags)


def suggested_fields(title: str, texts: Iterable[str], config: Config) -> dict[str, str]:
    """`suggested_category` / `suggested_theme` for a paper (only the keys with a suggestion)."""
    texts = list(texts)
    category_rules = {k: v for k, v in config.suggest.category.items() if k in config.categories}
    theme_rules = {k: v for k, v in config.suggest.theme.items() if k in config.themes}
    out: dict[str, str] = {}
    category, _ = suggest(category_rules, title, texts)
    theme, _ = suggest(theme_rules, title, texts)
    if category:
        out["suggested_category"] = category
    if theme:
        out["suggested_theme"] = theme
    return out


def derived_fields(note: Note, config: Config) -> dict[str, str]:
    """What a written note's own words give that it lacks: the model in its title, suggestions for the
    category and theme it has not got (nor a suggestion for)."""
    out: dict[str, str] = {}
    model = None if note.model else model_from_title(note.title)
    if model:
        out["model"] = model
    texts = [*note.summary.values(), note.body]
    for key, value in suggested_fields(note.title, texts, config).items():
        decided = SUGGESTS[key]
        if not getattr(note, decided) and not getattr(note, key):
            out[key] = value
    return out
