"""Organisations named in free text, recognised from the blog's org table.

Digests and reports say where a paper comes from in passing ("在快手大规模短视频服务中部署",
"deployed on the AMAP platform"); the note wants the canonical org key. Matching is by the org's
key, its name in every language and its aliases. Latin spellings must stand as whole words with
their capitals ("Meta" but not "meta-learning" or "metadata", "Target" but not "target item"), and a
mention followed by a dataset word ("Amazon-Book dataset", "Amazon 数据集") is the data set, not the
lab. Chinese spellings match anywhere, since Chinese has no spaces to mark words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from recweekly.config import Config

# A Latin mention followed within this many characters by one of these words names a data set.
_DATASET_WINDOW = 40
_DATASET_WORDS = re.compile(r"data\s*sets?\b|benchmarks?\b|reviews?\b|corpus\b|数据集|数据", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff]")


def recognise_orgs(texts: Iterable[str], config: Config) -> tuple[str, ...]:
    """Keys of the orgs named in the texts, in order of first mention, each once."""
    pattern, owners = _compile(tuple((o.key, o.spellings()) for o in config.orgs.values()))
    if pattern is None:
        return ()
    first_seen: dict[str, int] = {}
    offset = 0
    for text in texts:
        for match in pattern.finditer(text):
            spelling = match.group(0)
            if not _HAN.search(spelling) and _names_a_dataset(text, match.end()):
                continue
            key = owners[spelling]
            first_seen.setdefault(key, offset + match.start())
        offset += len(text) + 1
    return tuple(sorted(first_seen, key=first_seen.__getitem__))


def _names_a_dataset(text: str, end: int) -> bool:
    """'Amazon-Book', 'Amazon Reviews', 'Amazon datasets': the next few words say it is data."""
    following = text[end : end + _DATASET_WINDOW]
    if following[:1] == "-" and following[1:2].isalpha():
        return True  # Amazon-Book, Amazon-Beauty: a data set's name, not the lab
    # only the clause right after the mention counts: stop at sentence or list punctuation
    clause = re.split(r"[.;:,()。；，、]", following, maxsplit=1)[0]
    return bool(_DATASET_WORDS.search(clause))


@lru_cache(maxsize=8)
def _compile(orgs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One alternation over every spelling, longest first so '阿里巴巴' wins over '阿里'."""
    owners: dict[str, str] = {}
    for key, spellings in orgs:
        for spelling in spellings:
            spelling = spelling.strip()
            if spelling and spelling not in owners:
                owners[spelling] = key
    if not owners:
        return None, owners
    parts = []
    for spelling in sorted(owners, key=len, reverse=True):
        escaped = re.escape(spelling)
        if _HAN.search(spelling):
            parts.append(escaped)
        else:
            # whole word, and not the first half of a hyphenated or dotted word (Meta-learning)
            parts.append(rf"(?<![\w.\-]){escaped}(?![\w]|-[a-z])")
    return re.compile("|".join(parts)), owners
