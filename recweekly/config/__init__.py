"""The blog's settings: one typed object, loaded and validated once.

Settings live in `[tool.recweekly]` of the blog's `pyproject.toml`, or in `recweekly.toml` (which wins,
as with ruff). Every key has a default so an empty config is a working blog. Unknown keys and bad
values are errors naming the key, because a typo in a config silently ignored is a bug found weeks
later. Secrets never live here: the Notion token is read from the environment by the publisher.

Split by noun: `tables` (languages, categories, organisations, themes), `settings` (the `Config`
object and its sections), `enrich` (`[enrich]`, `[suggest]`), `loading` (file and validation). The
names callers use are re-exported here.
"""

from __future__ import annotations

from recweekly.config.loading import CONFIG_FILES, config_from_mapping, find_config_file, load_config
from recweekly.config.settings import POST_URL_PLACEHOLDERS, ComposeSettings, Config, NotionSettings
from recweekly.config.tables import (
    AFFILIATIONS,
    DEFAULT_CATEGORIES,
    DEFAULT_ORGS,
    DEFAULT_THEMES,
    OTHER_THEME_NAMES,
    SUPPORTED_LANGS,
    Category,
    Org,
    Theme,
)

__all__ = ["AFFILIATIONS", "CONFIG_FILES", "DEFAULT_CATEGORIES", "DEFAULT_ORGS", "DEFAULT_THEMES",
           "OTHER_THEME_NAMES", "POST_URL_PLACEHOLDERS", "SUPPORTED_LANGS", "Category", "ComposeSettings", "Config",
           "NotionSettings", "Org", "Theme", "config_from_mapping", "find_config_file", "load_config"]
