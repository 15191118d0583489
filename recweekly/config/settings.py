"""The settings object every command receives: `Config`, with its `[notion]` and `[compose]` sections.

Frozen dataclasses whose defaults make an empty config a working blog; `loading.py` fills them from
TOML and judges the values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from recweekly.config.enrich import EnrichSettings, SuggestRules
from recweekly.config.tables import (
    DEFAULT_CATEGORIES,
    DEFAULT_ORGS,
    DEFAULT_THEMES,
    SUPPORTED_LANGS,
    Category,
    Org,
    Theme,
)

#: What a segment of NotionNext's POST_URL_PREFIX may be besides plain text (markdown/posturls.py).
POST_URL_PLACEHOLDERS = ("%year%", "%month%", "%day%", "%category%", "%slug%")


@dataclass(frozen=True)
class NotionSettings:
    """Where and how posts are published. Database ids are not secret but may come from the env."""

    databases: dict[str, str] = field(default_factory=dict)
    database_env: dict[str, str] = field(
        default_factory=lambda: {"en": "NOTION_DATABASE_ID_EN", "zh": "NOTION_DATABASE_ID_ZH"}
    )
    properties: dict[str, str] = field(default_factory=dict)
    unpublish: Literal["invisible", "trash"] = "invisible"
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
    enrich: EnrichSettings = field(default_factory=EnrichSettings)  # config/enrich.py
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

    def table(self, name: str) -> str:
        """A settings table as the blog's config file writes it (`notion` → `[notion]` in recweekly.toml,
        `[tool.recweekly.notion]` in pyproject.toml): a message says where to fix a setting."""
        in_pyproject = self.source is not None and self.source.name == "pyproject.toml"
        return f"[{'tool.recweekly.' if in_pyproject else ''}{name}]"

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
