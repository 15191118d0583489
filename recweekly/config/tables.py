"""The blog's vocabularies: its languages, note categories, organisations and themes.

Each is a small frozen record with a built-in default table; a blog's config replaces the categories
and themes and merges its organisations over the defaults (`[orgs]` adds spellings, it rarely starts
from nothing). The parsers collect problems through `bad` like the rest of config loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

SUPPORTED_LANGS = ("en", "zh")
#: What an organisation is; a paper whose authors come from both is "mixed" (its affiliation).
OrgKind = Literal["industry", "academic"]
AFFILIATIONS = ("industry", "academic", "mixed")
# how config and notes may name the group of papers without a theme (its heading comes from the catalogs)
OTHER_THEME_NAMES = ("other", "其他")


@dataclass(frozen=True)
class Category:
    """A note category; `label` for prose, `short` for table cells, both per language."""

    key: str
    label: dict[str, str]
    short: dict[str, str]


@dataclass(frozen=True)
class Org:
    """An organisation; `aliases` are extra spellings recognised in free text (e.g. 快手, Kwai)."""

    key: str
    name: dict[str, str]
    kind: OrgKind
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.key, *self.name.values(), *self.aliases)


@dataclass(frozen=True)
class Theme:
    """A section of the weekly; `name` per language. Notes name a theme by key or by any of its names."""

    key: str
    name: dict[str, str]

    def spellings(self) -> tuple[str, ...]:
        return (self.key, *self.name.values())



DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category(
        "discriminative-rec",
        {"en": "Discriminative Recommendation", "zh": "判别式推荐"},
        {"en": "Discriminative", "zh": "判别式"},
    ),
    Category(
        "generative-rec",
        {"en": "Generative Recommendation", "zh": "生成式推荐"},
        {"en": "Generative", "zh": "生成式"},
    ),
    Category("llm", {"en": "LLM", "zh": "LLM"}, {"en": "LLM", "zh": "LLM"}),
    Category("other", {"en": "Other", "zh": "其他"}, {"en": "Other", "zh": "其他"}),
)

DEFAULT_THEMES: tuple[Theme, ...] = (
    Theme("ranking", {"en": "Ranking Architecture and Efficiency", "zh": "排序架构与效率"}),
    Theme("generative-rec", {"en": "Generative Recommendation", "zh": "生成式推荐"}),
    Theme("llm-rec", {"en": "LLM-Enhanced Recommendation", "zh": "大模型增强推荐"}),
    Theme("multimodal", {"en": "Multimodal Recommendation", "zh": "多模态推荐"}),
    Theme("fairness", {"en": "Fairness and Debiasing", "zh": "公平性与去偏"}),
)

_I, _A = "industry", "academic"
DEFAULT_ORGS: tuple[Org, ...] = (
    Org("Alibaba", {"en": "Alibaba", "zh": "阿里巴巴"}, _I,
        ("阿里", "Taobao", "淘宝", "Alimama", "阿里妈妈", "AMAP", "高德")),
    Org("Tencent", {"en": "Tencent", "zh": "腾讯"}, _I, ("WeChat", "微信")),
    Org("Kuaishou", {"en": "Kuaishou", "zh": "快手"}, _I, ("Kwai",)),
    Org("ByteDance", {"en": "ByteDance", "zh": "字节跳动"}, _I,
        ("字节", "Douyin", "抖音", "TikTok", "Toutiao", "今日头条")),
    Org("Bilibili", {"en": "Bilibili", "zh": "哔哩哔哩"}, _I, ("B站",)),
    Org("JD.com", {"en": "JD.com", "zh": "京东"}, _I, ("JD",)),
    Org("Xiaohongshu", {"en": "Xiaohongshu", "zh": "小红书"}, _I, ("RedNote",)),
    Org("Meituan", {"en": "Meituan", "zh": "美团"}, _I, ()),
    Org("Huawei", {"en": "Huawei", "zh": "华为"}, _I, ("Noah's Ark Lab", "诺亚方舟")),
    Org("Baidu", {"en": "Baidu", "zh": "百度"}, _I, ()),
    Org("Meta", {"en": "Meta", "zh": "Meta"}, _I, ()),
    Org("Netflix", {"en": "Netflix", "zh": "Netflix"}, _I, ()),
    Org("LinkedIn", {"en": "LinkedIn", "zh": "领英"}, _I, ()),
    Org("Amazon", {"en": "Amazon", "zh": "亚马逊"}, _I, ()),
    Org("Target", {"en": "Target", "zh": "Target"}, _I, ()),
    Org("Google", {"en": "Google", "zh": "谷歌"}, _I, ("YouTube", "DeepMind")),
    Org("Microsoft", {"en": "Microsoft", "zh": "微软"}, _I, ()),
    Org("Pinterest", {"en": "Pinterest", "zh": "Pinterest"}, _I, ()),
    Org("Spotify", {"en": "Spotify", "zh": "Spotify"}, _I, ()),
    Org("Tsinghua University", {"en": "Tsinghua University", "zh": "清华大学"}, _A, ("Tsinghua", "清华")),
    Org("Peking University", {"en": "Peking University", "zh": "北京大学"}, _A, ("北大",)),
    Org("Renmin University of China", {"en": "Renmin University of China", "zh": "中国人民大学"}, _A,
        ("人大",)),
    Org("USTC", {"en": "USTC", "zh": "中国科学技术大学"}, _A, ("中科大",)),
    Org("Zhejiang University", {"en": "Zhejiang University", "zh": "浙江大学"}, _A, ("浙大",)),
)



def parse_categories(value: Any, languages: tuple[str, ...], bad: Any) -> dict[str, Category] | None:
    """`[categories.<key>] label = {en=…, zh=…}, short = {…}`; the table replaces the defaults."""
    if not isinstance(value, dict) or not value:
        bad("categories", "expected a table of categories, one table each (e.g. categories.llm)")
        return None
    out: dict[str, Category] = {}
    for key, spec in value.items():
        name = f"categories.{key}"
        if not isinstance(spec, dict):
            bad(name, "expected a table with label and short")
            continue
        for extra in set(spec) - {"label", "short"}:
            bad(f"{name}.{extra}", "unknown key; expected label and short")
        label = _lang_map(spec.get("label"), languages, f"{name}.label", bad)
        short = _lang_map(spec.get("short", spec.get("label")), languages, f"{name}.short", bad)
        if label is not None and short is not None:
            out[key] = Category(key, label, short)
    return out


def parse_orgs(value: Any, languages: tuple[str, ...], bad: Any) -> dict[str, Org] | None:
    """`[orgs.<English name>] zh = "…", kind = "industry", aliases = [...]`; merged over the defaults."""
    if not isinstance(value, dict):
        bad("orgs", "expected a table of organisations")
        return None
    out = {o.key: o for o in DEFAULT_ORGS}
    for key, spec in value.items():
        name = f"orgs.{key}"
        if not isinstance(spec, dict):
            bad(name, 'expected a table, e.g. {zh = "快手", kind = "industry"}')
            continue
        for extra in set(spec) - {"en", "zh", "kind", "aliases"}:
            bad(f"{name}.{extra}", "unknown key; expected en, zh, kind, aliases")
        kind = spec.get("kind")
        if kind not in ("industry", "academic"):
            bad(f"{name}.kind", 'expected "industry" or "academic"')
            continue
        aliases = spec.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            bad(f"{name}.aliases", "expected a list of strings")
            continue
        names = {lang: str(spec.get(lang, key)) for lang in SUPPORTED_LANGS}
        out[key] = Org(key, names, kind, tuple(aliases))
    return out


def parse_themes(value: Any, languages: tuple[str, ...], bad: Any) -> dict[str, Theme] | None:
    """`[themes] ranking = {en = "Ranking", zh = "排序"}`; the table replaces the defaults."""
    if not isinstance(value, dict):
        bad("themes", 'expected a table of themes, e.g. ranking = {en = "Ranking", zh = "排序"}')
        return None
    out: dict[str, Theme] = {}
    for key, spec in value.items():
        names = _lang_map(spec, languages, f"themes.{key}", bad)
        if names is not None:
            out[key] = Theme(key, names)
    return out


def _lang_map(value: Any, languages: tuple[str, ...], name: str, bad: Any) -> dict[str, str] | None:
    if isinstance(value, str):
        return {lang: value for lang in SUPPORTED_LANGS}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        bad(name, 'expected a string or a table of strings per language, e.g. {en = "LLM", zh = "LLM"}')
        return None
    missing = [lang for lang in languages if lang not in value]
    if missing:
        bad(name, f"missing language(s) {missing}")
        return None
    return {lang: value.get(lang, value[languages[0]]) for lang in SUPPORTED_LANGS}

