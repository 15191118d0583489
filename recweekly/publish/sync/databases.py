"""Which Notion database holds each language's posts: config first, then the environment.

Shared by the publish run and `publish --setup`, which must agree on where a language's posts live.
"""

from __future__ import annotations

from collections.abc import Mapping

from recweekly.config import Config
from recweekly.errors import ConfigError


def database_id_for(config: Config, lang: str, environ: Mapping[str, str]) -> str:
    """The database id for `lang`; ConfigError naming both ways to give it when there is none."""
    configured = config.notion.databases.get(lang)
    if configured:
        return configured
    env_name = config.notion.database_env.get(lang)
    value = environ.get(env_name, "").strip() if env_name else ""
    if value:
        return value
    where = f"[tool.recweekly.notion.databases] {lang} = \"…\""
    hint = f" or set the environment variable {env_name}" if env_name else ""
    raise ConfigError(f"no Notion database for language {lang!r}: add {where}{hint}")
