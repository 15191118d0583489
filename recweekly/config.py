"""The blog's settings: one typed object, loaded and validated once.

Settings live in `[tool.recweekly]` of the blog's `pyproject.toml`, or in `recweekly.toml` (which wins,
as with ruff). Every key has a default so an empty config is a working blog. Unknown keys and bad
values are errors naming the key, because a typo in a config silently ignored is a bug found weeks
later. Secrets never live here: the Notion token is read from the environment by the publisher.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from recweekly.config_enrich import EnrichSettings, SuggestRules, parse_enrich, parse_suggest
from recweekly.errors import ConfigError, Problem
from recweekly.toml_lines import toml_key_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

AFFILIATIONS = ("industry", "academic", "mixed")
# how config and notes may name the group of papers without a theme (its heading comes from the catalogs)
OTHER_THEME_NAMES = ("other", "其他")
SUPPORTED_LANGS = ("en", "zh")
#: What a segment of NotionNext's POST_URL_PREFIX may be besides plain text (markdown/posturls.py).
POST_URL_PLACEHOLDERS = ("%year%", "%month%", "%day%", "%category%", "%slug%")


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
    kind: str  # industry | academic
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


@dataclass(frozen=True)
class NotionSettings:
    """Where and how posts are published. Database ids are not secret but may come from the env."""

    databases: dict[str, str] = field(default_factory=dict)
    database_env: dict[str, str] = field(
        default_factory=lambda: {"en": "NOTION_DATABASE_ID_EN", "zh": "NOTION_DATABASE_ID_ZH"}
    )
    properties: dict[str, str] = field(default_factory=dict)
    unpublish: str = "invisible"  # invisible | trash
    site_url: str = ""
    timezone: str = "Asia/Shanghai"
    # Text column where publish records a hash of what it last wrote, used whenever the database has
    # it (`recweekly publish --setup` adds it); "" = never use one (see publish --help)
    fingerprint_property: str = "recweekly_fingerprint"
    # a select value that is not an option yet: let Notion add it (needs edit access to the database), or
    # refuse before any write
    create_options: bool = True
    # longest Retry-After (seconds) publish waits out when Notion rate-limits it; above it, it stops
    max_retry_after: int = 300
    # -- where NotionNext serves a post (links between posts): NotionNext's own settings and defaults --
    post_url_prefix: str = "article"  # POST_URL_PREFIX: "" or segments, e.g. "article/%year%/%month%"
    post_url_prefix_mapping_category: dict[str, str] = field(default_factory=dict)  # category → path name
    lang_prefix: dict[str, str] = field(default_factory=dict)  # language → locale path, e.g. {en = "en"}: /en/…
    pseudo_static: bool = False  # PSEUDO_STATIC: paths end in .html


@dataclass(frozen=True)
class ComposeSettings:
    """Draft settings. Categories are per language: each language is its own NotionNext database.

    Tags are per series, not per language: the blog's two databases share one tag vocabulary (the real
    English weekly carries 推荐系统 · 论文 · 技术趋势). A weekly's tags are its series tags plus, only if
    asked, the week's most common note tags; a daily's are its series tags plus its 标签 line (the day's
    most common note tags, capped, and the day's affiliation).
    """

    key_paper_score: int = 6
    weekly_category: dict[str, str] = field(default_factory=lambda: {"en": "RecSys Weekly", "zh": "RecSys Weekly"})
    daily_category: dict[str, str] = field(default_factory=lambda: {"en": "Daily Report", "zh": "日报"})
    # where a paper heading's id links to ("" = no link); {id} is the arXiv id
    paper_url: str = "https://arxiv.org/abs/{id}"
    # themes listed in the roundup (and counted in the facts) but given no section of their own
    roundup_only_themes: tuple[str, ...] = ("Other",)
    weekly_tags: tuple[str, ...] = ()
    weekly_note_tags: int = 0  # how many of the week's most common note tags to add
    daily_tags: tuple[str, ...] = ()
    daily_note_tags: int = 3  # the cap on note tags in the daily's 标签 line
    daily_affiliation_tag: bool = True  # end the 标签 line with the day's affiliation (academic, industry, mixed)


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


@dataclass(frozen=True)
class Config:
    """Everything a command needs to know about the blog. `root` is where the config was found."""

    root: Path
    name: str = "RecSys Weekly"
    default_lang: str = "en"
    languages: tuple[str, ...] = SUPPORTED_LANGS
    notes_dir: str = "notes"
    drafts_dir: str = "drafts"
    posts_dir: str = "posts"
    templates_dir: str = "templates"
    cache_dir: str = ".recweekly-cache"  # caches and local state (recweekly/cache_folder.py)
    categories: dict[str, Category] = field(default_factory=lambda: {c.key: c for c in DEFAULT_CATEGORIES})
    orgs: dict[str, Org] = field(default_factory=lambda: {o.key: o for o in DEFAULT_ORGS})
    themes: dict[str, Theme] = field(default_factory=lambda: {t.key: t for t in DEFAULT_THEMES})
    compose: ComposeSettings = field(default_factory=ComposeSettings)
    notion: NotionSettings = field(default_factory=NotionSettings)
    enrich: EnrichSettings = field(default_factory=EnrichSettings)  # config_enrich.py
    suggest: SuggestRules = field(default_factory=SuggestRules)
    source: Path | None = None

    @property
    def notes_path(self) -> Path:
        return self.root / self.notes_dir

    @property
    def drafts_path(self) -> Path:
        return self.root / self.drafts_dir

    @property
    def posts_path(self) -> Path:
        return self.root / self.posts_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    def find_org(self, name: str) -> Org | None:
        """Look an organisation up by key, any-language name or alias, case-insensitively."""
        wanted = name.strip().casefold()
        for org in self.orgs.values():
            if any(s.casefold() == wanted for s in org.spellings()):
                return org
        return None

    def find_theme(self, name: str) -> Theme | None:
        """Look a theme up by key or its name in any language, case-insensitively."""
        wanted = name.strip().casefold()
        for theme in self.themes.values():
            if any(s.casefold() == wanted for s in theme.spellings()):
                return theme
        return None


CONFIG_FILES = ("recweekly.toml", "pyproject.toml")


def find_config_file(start: Path) -> Path | None:
    """Walk up from `start` to the first directory with recweekly.toml or a [tool.recweekly] table."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "recweekly.toml"
        if candidate.exists() or candidate.is_symlink():
            return candidate  # a folder or broken link of that name is reported when loading, not skipped
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                return pyproject  # report the syntax error when loading, not silently skip it
            if "recweekly" in data.get("tool", {}):
                return pyproject
    return None


def load_config(start: Path | None = None, *, path: Path | None = None, explicit: bool = False) -> Config:
    """Find and load the config; with none found, defaults rooted at `start` (the cwd).

    `explicit`: `path` was named by the user (--config), so a pyproject.toml without a
    [tool.recweekly] table is a mistake, not "all defaults".
    """
    start = Path.cwd() if start is None else Path(start)
    path = path or find_config_file(start)
    if path is None:
        return Config(root=start.resolve())
    try:
        text = path.read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except IsADirectoryError:
        raise ConfigError("config is a folder, not a file", [
            Problem(path, "expected a TOML file; rename or remove the folder (or pass --config FILE)")]) from None
    except FileNotFoundError:
        raise ConfigError("config file not found", [Problem(path, "no such file; check the --config path")]) from None
    except OSError as exc:
        raise ConfigError("config cannot be read", [Problem(path, f"cannot read ({exc.strerror})")]) from None
    except UnicodeDecodeError:
        raise ConfigError("config is not valid UTF-8", [Problem(path, "save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config is not valid TOML", [Problem(path, str(exc))]) from None
    if path.name == "recweekly.toml":
        table, prefix = data, ""
    else:
        tool = data.get("tool", {})
        if explicit and "recweekly" not in tool:
            raise ConfigError("no recweekly settings in this file", [
                Problem(path, "has no [tool.recweekly] table; add one, or name a recweekly.toml")])
        table, prefix = tool.get("recweekly", {}), "tool.recweekly."
    return config_from_mapping(table, root=path.parent.resolve(), source=path, prefix=prefix, text=text)


def config_from_mapping(
    table: dict[str, Any], *, root: Path, source: Path | None = None, prefix: str = "", text: str | None = None
) -> Config:
    """Build a Config from a TOML table, collecting every problem before raising."""
    where = source or Path("<config>")
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        line = toml_key_line(text, prefix + key) if text is not None else None
        problems.append(Problem(where, message, line, prefix + key))

    simple = {
        "name": str,
        "default_lang": str,
        "notes_dir": str,
        "drafts_dir": str,
        "posts_dir": str,
        "templates_dir": str,
        "cache_dir": str,
    }
    known = {*simple, "languages", "categories", "orgs", "themes", "compose", "notion", "enrich", "suggest"}
    kwargs: dict[str, Any] = {}
    for key in table:
        if key not in known:
            bad(key, f"unknown key; known keys are {', '.join(sorted(known))}")
    for key, typ in simple.items():
        if key in table:
            if not isinstance(table[key], typ) or not table[key].strip():
                bad(key, "expected a non-empty string")
            else:
                kwargs[key] = table[key]

    languages = SUPPORTED_LANGS
    if "languages" in table:
        value = table["languages"]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            bad("languages", 'expected a non-empty list of language codes, e.g. ["en", "zh"]')
        else:
            unsupported = [v for v in value if v not in SUPPORTED_LANGS]
            if unsupported:
                bad("languages", f"unsupported language(s) {unsupported}; supported: {list(SUPPORTED_LANGS)}")
            else:
                languages = tuple(value)
                kwargs["languages"] = languages
    default_lang = kwargs.get("default_lang", "en")
    if default_lang not in languages:
        bad("default_lang", f"{default_lang!r} is not one of languages {list(languages)}")

    if "categories" in table:
        cats = _parse_categories(table["categories"], languages, bad)
        if cats is not None:
            kwargs["categories"] = cats
    if "orgs" in table:
        orgs = _parse_orgs(table["orgs"], languages, bad)
        if orgs is not None:
            kwargs["orgs"] = orgs
    if "themes" in table:
        themes = _parse_themes(table["themes"], languages, bad)
        if themes is not None:
            kwargs["themes"] = themes
    if "compose" in table:
        compose_table = table["compose"]
        if isinstance(compose_table, dict):
            # a plain string category means the same name in every language
            compose_table = {
                key: ({lang: value for lang in SUPPORTED_LANGS} if key.endswith("_category") and isinstance(value, str)
                      else value)
                for key, value in compose_table.items()
            }
        kwargs["compose"] = _parse_section(compose_table, ComposeSettings, "compose", bad)
    if "notion" in table:
        notion = _parse_section(table["notion"], NotionSettings, "notion", bad)
        if notion.unpublish not in ("invisible", "trash"):
            bad("notion.unpublish", 'expected "invisible" or "trash"')
        if notion.max_retry_after < 0:
            bad("notion.max_retry_after", "expected a number of seconds, 0 or more")
        if "site_url" in table["notion"] and notion.site_url:
            message = _site_url_problem(notion.site_url)
            if message:
                bad("notion.site_url", message)
        if "timezone" in table["notion"] and not _is_time_zone(notion.timezone):
            bad("notion.timezone", f"unknown time zone {notion.timezone!r}; expected an IANA name such as "
                                   '"Asia/Shanghai" or "UTC"')
        _check_post_urls(notion, bad)
        kwargs["notion"] = notion
    for key in ("notes_dir", "drafts_dir", "posts_dir", "templates_dir"):
        if key in kwargs and (root / kwargs[key]).exists() and not (root / kwargs[key]).is_dir():
            bad(key, f"{kwargs[key]!r} is a file, expected a folder (relative to {root})")
    if "enrich" in table:
        kwargs["enrich"] = parse_enrich(table["enrich"], bad)
    category_keys = kwargs.get("categories", {c.key: c for c in DEFAULT_CATEGORIES})
    theme_keys = kwargs.get("themes", {t.key: t for t in DEFAULT_THEMES})
    kwargs["suggest"] = parse_suggest(table.get("suggest", {}), category_keys, theme_keys, bad)
    compose = kwargs.get("compose", ComposeSettings())
    _check_compose(compose, kwargs.get("themes"), bad)
    if problems:
        raise ConfigError("invalid configuration", problems)
    return Config(root=root, source=source, **kwargs)


def _check_compose(compose: ComposeSettings, themes: dict[str, Theme] | None, bad: Any) -> None:
    """Values `_parse_section` cannot judge by type alone."""
    if not 1 <= compose.key_paper_score <= 10:
        bad("compose.key_paper_score", "expected an integer from 1 to 10")
    for key in ("weekly_note_tags", "daily_note_tags"):
        if getattr(compose, key) < 0:
            bad(f"compose.{key}", "expected a number of tags, 0 or more")
    if compose.paper_url and "{id}" not in compose.paper_url:
        bad("compose.paper_url",
            'expected a URL with {id} in it (e.g. "https://arxiv.org/abs/{id}"), or "" for no link')
    table = themes if themes is not None else {t.key: t for t in DEFAULT_THEMES}
    known = {spelling.casefold() for theme in table.values() for spelling in theme.spellings()}
    for name in compose.roundup_only_themes:
        if name.casefold() not in known | set(OTHER_THEME_NAMES):
            bad("compose.roundup_only_themes", f"{name!r} is neither a theme of the theme table (key or name) "
                                               f"nor Other; known: {', '.join(table)}, Other")


def _site_url_problem(url: str) -> str | None:
    """Links between posts become `<site_url>/article/<slug>`: only a web address makes sense there."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"expected the blog's http(s) address, e.g. \"https://blog.example.com\", got {url!r}"
    return None


def _is_time_zone(name: str) -> bool:
    import zoneinfo  # only when a config names a time zone

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_post_urls(notion: NotionSettings, bad: Any) -> None:
    """The URL settings as NotionNext would read them: a segment it would silently drop is an error."""
    for segment in notion.post_url_prefix.split("/"):
        if "%" in segment and segment not in POST_URL_PLACEHOLDERS:
            bad("notion.post_url_prefix", f"NotionNext drops the segment {segment!r}: a segment is plain text "
                f"or exactly one of {', '.join(POST_URL_PLACEHOLDERS)}")
    for lang, prefix in notion.lang_prefix.items():
        if lang not in SUPPORTED_LANGS:
            bad(f"notion.lang_prefix.{lang}", f"unknown language; supported: {list(SUPPORTED_LANGS)}")
        elif not re.fullmatch(r"[A-Za-z0-9_-]*", prefix):
            bad(f"notion.lang_prefix.{lang}", 'expected a locale as NotionNext names it, e.g. "en" (no "/")')


def _parse_categories(value: Any, languages: tuple[str, ...], bad: Any) -> dict[str, Category] | None:
    """`[categories.<key>] label = {en=…, zh=…}, short = {…}`; the table replaces the defaults."""
    if not isinstance(value, dict) or not value:
        bad("categories", "expected a table of categories, e.g. [tool.recweekly.categories.llm]")
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


def _parse_orgs(value: Any, languages: tuple[str, ...], bad: Any) -> dict[str, Org] | None:
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


def _parse_themes(value: Any, languages: tuple[str, ...], bad: Any) -> dict[str, Theme] | None:
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


def _parse_section(value: Any, cls: type, section: str, bad: Any) -> Any:
    """Fill a flat settings dataclass from a table, checking names and types against the defaults."""
    default = cls()
    if not isinstance(value, dict):
        bad(section, "expected a table")
        return default
    names = {f.name for f in fields(cls)}
    kwargs = {}
    for key, item in value.items():
        if key not in names:
            bad(f"{section}.{key}", f"unknown key; known keys are {', '.join(sorted(names))}")
            continue
        expected = type(getattr(default, key))
        if expected is tuple:
            if not isinstance(item, list) or not all(isinstance(v, str) and v.strip() for v in item):
                bad(f"{section}.{key}", 'expected a list of strings, e.g. ["a", "b"]')
                continue
            item = tuple(v.strip() for v in item)
        elif expected is dict:
            if not isinstance(item, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in item.items()
            ):
                bad(f"{section}.{key}", "expected a table of strings")
                continue
        elif expected is int:
            if not isinstance(item, int) or isinstance(item, bool):
                bad(f"{section}.{key}", "expected an integer")
                continue
        elif not isinstance(item, expected):
            bad(f"{section}.{key}", f"expected a {expected.__name__}")
            continue
        kwargs[key] = item
    return cls(**kwargs)
