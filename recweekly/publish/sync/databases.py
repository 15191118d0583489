"""Which Notion database holds each language's posts (config first, then the environment), and
its data source and schema, read once per run.

Shared by the publish run and `publish --setup`, which must agree on where a language's posts live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recweekly.config import Config
from recweekly.errors import ConfigError, Problem
from recweekly.publish.notion.errors import NotionSchemaError
from recweekly.publish.notion.properties import keys_used
from recweekly.publish.notion.schema import check_schema

if TYPE_CHECKING:
    from recweekly.publish.sync.jobs import Job


@dataclass
class Database:
    lang: str
    database_id: str
    data_source_id: str
    pmap: Any  # recweekly.publish.notion.properties.PropertyMap


def database_id_for(config: Config, lang: str, environ: Mapping[str, str]) -> str:
    """The database id for `lang`; ConfigError naming both ways to give it when there is none."""
    configured = config.notion.databases.get(lang)
    if configured:
        return configured
    env_name = config.notion.database_env.get(lang)
    value = environ.get(env_name, "").strip() if env_name else ""
    if value:
        return value
    where = f"{config.table('notion.databases')} {lang} = \"…\""
    hint = f" or set the environment variable {env_name}" if env_name else ""
    raise ConfigError(f"no Notion database for language {lang!r}: add {where}{hint}")


def resolve_databases(config: Config, client: Any, jobs: list[Job], environ: Mapping[str, str]) -> dict[str, Database]:
    """Each language's database, data source and checked schema (two reads per language), before any
    write; NotionSchemaError listing every mismatch with the posts' front matter."""
    found: dict[str, Database] = {}
    problems: list[Problem] = []
    for lang in sorted({job.lang for job in jobs}):
        database_id = database_id_for(config, lang, environ)
        data_source_id = client.data_source_id(database_id)
        source = client.retrieve_data_source(data_source_id)
        try:
            pmap = check_schema(source, config.notion.properties,
                                source=f"Notion database for {lang!r} ({database_id})",
                                fingerprint=config.notion.fingerprint_property, table=config.table("notion"),
                                used=keys_used((j.display, j.post) for j in jobs
                                               if j.lang == lang and j.kind == "publish"))
        except NotionSchemaError as exc:
            problems += exc.problems or [Problem(f"database {lang}", exc.message)]
            continue
        found[lang] = Database(lang, database_id, data_source_id, pmap)
    if problems:
        raise NotionSchemaError("the Notion database does not match the posts' front matter: "
                                "nothing was published", problems)
    return found
