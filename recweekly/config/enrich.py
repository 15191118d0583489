"""Settings for what recweekly adds to notes by itself: `[enrich]` and `[suggest]`.

Kept apart from `loading.py` (which loads them) because they concern one feature — notes that learn
from the paper's HTML and from the words a digest uses — and change with it.

`[enrich]`: whether the paper's lead figure is saved next to its note and its size cap (the image is
committed to git, so the cap is small by default). Where the arXiv pace is remembered between runs
is the blog's cache folder, the top-level `cache_dir` (recweekly/cache_folder.py).

`[suggest]`: keyword rules that suggest a category or a theme for a note that has none. A rule is
`key = ["keyword", …]`; the key with the most keywords found wins (a title counts three times).
Latin keywords match at word starts, case-insensitively, except acronyms (two capitals or more:
"LLM", "CTR"), which match as written; Chinese keywords match anywhere. A table given replaces the
built-in rules of that kind; built-in rules for keys the blog does not have are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Bad = Callable[[str, str], None]

DEFAULT_CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "generative-rec": ("generative recommendation", "generative retrieval", "semantic ID", "semantic IDs",
                       "autoregressive", "next-token", "beam search", "生成式", "语义ID"),
    "llm": ("large language model", "LLM", "LLMs", "language model", "prompt", "大模型", "大语言模型"),
    "discriminative-rec": ("CTR", "CVR", "click-through", "ranking model", "pre-ranking", "multi-task",
                           "feature interaction", "MoE", "点击率", "排序", "多任务"),
}
DEFAULT_THEME_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ranking": ("ranking", "CTR", "click-through", "pre-ranking", "re-ranking", "reranking",
                "feature interaction", "排序"),
    "generative-rec": ("generative", "semantic ID", "semantic IDs", "autoregressive", "生成式"),
    "llm-rec": ("large language model", "LLM", "LLMs", "大模型", "大语言模型"),
    "multimodal": ("multimodal", "multi-modal", "vision", "visual", "image", "多模态"),
    "fairness": ("fairness", "fair", "debias", "debiasing", "bias", "公平", "去偏"),
}


@dataclass(frozen=True)
class EnrichSettings:
    """`[enrich]`: the lead figure."""

    figures: bool = True
    figure_max_bytes: int = 1_000_000


@dataclass(frozen=True)
class SuggestRules:
    """`[suggest]`: keywords per category key and per theme key."""

    category: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_CATEGORY_KEYWORDS))
    theme: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_THEME_KEYWORDS))


def default_rules(categories: Iterable[str], themes: Iterable[str]) -> SuggestRules:
    """The built-in rules, for the categories and themes this blog has."""
    cats, ths = set(categories), set(themes)
    return SuggestRules({k: v for k, v in DEFAULT_CATEGORY_KEYWORDS.items() if k in cats},
                        {k: v for k, v in DEFAULT_THEME_KEYWORDS.items() if k in ths})


def parse_enrich(value: Any, bad: Bad) -> EnrichSettings:
    if not isinstance(value, dict):
        bad("enrich", "expected a table, e.g. [enrich] figure_max_bytes = 1000000")
        return EnrichSettings()
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        if key == "figures":
            if isinstance(item, bool):
                kwargs[key] = item
            else:
                bad("enrich.figures", "expected true or false")
        elif key == "figure_max_bytes":
            if isinstance(item, int) and not isinstance(item, bool) and item > 0:
                kwargs[key] = item
            else:
                bad("enrich.figure_max_bytes", "expected a whole number of bytes, more than 0")
        elif key == "cache_dir":
            bad("enrich.cache_dir", "moved to the top level, since the folder holds the parsed notes too: "
                                    "write cache_dir = \"…\" before the first [table]")
        else:
            bad(f"enrich.{key}", "unknown key; known keys are figure_max_bytes, figures")
    return EnrichSettings(**kwargs)


def parse_suggest(value: Any, categories: Iterable[str], themes: Iterable[str], bad: Bad) -> SuggestRules:
    defaults = default_rules(categories, themes)
    if not isinstance(value, dict):
        bad("suggest", 'expected a table, e.g. [suggest.category] llm = ["LLM", "大模型"]')
        return defaults
    tables: dict[str, dict[str, tuple[str, ...]]] = {"category": defaults.category, "theme": defaults.theme}
    known = {"category": set(categories), "theme": set(themes)}
    for kind, rules in value.items():
        if kind not in tables:
            bad(f"suggest.{kind}", "unknown key; expected category or theme")
            continue
        if not isinstance(rules, dict):
            bad(f"suggest.{kind}", f'expected a table, e.g. [suggest.{kind}] key = ["keyword", …]')
            continue
        parsed: dict[str, tuple[str, ...]] = {}
        for key, words in rules.items():
            name = f"suggest.{kind}.{key}"
            if key not in known[kind]:
                bad(name, f"no {kind} {key!r} in this blog; expected one of {', '.join(sorted(known[kind]))}")
            elif (not isinstance(words, list) or not words
                  or not all(isinstance(w, str) and w.strip() for w in words)):
                bad(name, 'expected a non-empty list of keywords, e.g. ["semantic ID", "生成式"]')
            else:
                parsed[key] = tuple(w.strip() for w in words)
        tables[kind] = parsed
    return SuggestRules(tables["category"], tables["theme"])
