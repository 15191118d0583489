"""`recweekly publish --setup`: give each language's data source the fingerprint column.

Why a command and not a manual step: without the column every unchanged post costs a read of its
whole page (see fingerprint.py), and adding a Text column by hand in two databases, spelled exactly
right, is the kind of step a README asks for and people skip. The change is a schema edit of the
user's database, so it is shown first and made only when asked (`--setup --apply`), like any remote
write; it only ever adds the one column, never renames, retypes or deletes anything, and a column of
that name that is not Text is reported (fix it in Notion, or configure another name), not changed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from recweekly.config import Config
from recweekly.errors import ConfigError, Problem
from recweekly.publish.notion.errors import NotionSchemaError
from recweekly.publish.sync.databases import database_id_for

#: Shown under the column's name in Notion, so whoever finds it knows what it is for.
DESCRIPTION = ("Written by recweekly publish: a stamp of what it last published to this page (a hash, the "
               "post's commit). Leave it as it is: it spares re-reading unchanged pages and tells edits made in "
               "Notion from a page that lags behind its post.")

#: add: the column is missing (added with --apply); present: nothing to do; skipped: no database.
SetupAction = Literal["add", "present", "skipped"]


@dataclass(frozen=True)
class SetupStep:
    """What --setup does (or found done) for one language."""

    lang: str
    action: SetupAction
    column: str
    database_id: str = ""
    data_source_id: str = ""
    reason: str = ""  # why a language is skipped

    def describe(self, applied: bool) -> str:
        where = f"{self.lang}: database {self.database_id}" if self.database_id else f"{self.lang}:"
        if self.action == "add":
            verb = "added" if applied else "would add"
            return f"{where}: {verb} the Text column {self.column!r}"
        if self.action == "present":
            return f"{where}: has the Text column {self.column!r}; nothing to do"
        return f"{where} skipped: {self.reason}"

    def body(self) -> dict[str, Any]:
        """The PATCH /v1/data_sources/{id} body that adds the column."""
        return {"properties": {self.column: {"rich_text": {}, "description": DESCRIPTION}}}


def plan_setup(config: Config, client: Any, environ: Mapping[str, str]) -> list[SetupStep]:
    """Read each language's data source (reads only) and say what --setup --apply would change."""
    column = config.notion.fingerprint_property
    if not column:
        raise ConfigError(f'{config.table("notion")} fingerprint_property is "" (no fingerprint): nothing to set '
                          "up; set it to a column name (default recweekly_fingerprint) to use one")
    steps: list[SetupStep] = []
    problems: list[Problem] = []
    for lang in config.languages:
        try:
            database_id = database_id_for(config, lang, environ)
        except ConfigError as exc:
            steps.append(SetupStep(lang, "skipped", column, reason=exc.message))
            continue
        data_source_id = client.data_source_id(database_id)
        schema = client.retrieve_data_source(data_source_id).get("properties") or {}
        found = schema.get(column)
        if found is None:
            steps.append(SetupStep(lang, "add", column, database_id, data_source_id))
        elif found.get("type") == "rich_text":
            steps.append(SetupStep(lang, "present", column, database_id, data_source_id))
        else:
            problems.append(Problem(f"Notion database for {lang!r} ({database_id})",
                                    f"property {column!r} exists but is of type {found.get('type')}; the "
                                    "fingerprint needs a Text column: change its type in Notion, or name another "
                                    f"column in {config.table('notion')} fingerprint_property", field=column))
    if problems:
        raise NotionSchemaError("cannot set up the fingerprint column: nothing was changed", problems)
    if not any(step.action != "skipped" for step in steps):
        reasons = "; ".join(step.reason for step in steps)
        raise ConfigError(f"no Notion database to set up: {reasons}")
    return steps


def apply_setup(client: Any, steps: list[SetupStep]) -> None:
    """Add the column where it is missing (one PATCH per data source; nothing else is touched)."""
    for step in steps:
        if step.action == "add":
            client.update_data_source(step.data_source_id, step.body())


def set_up_fingerprint(config: Config, make_client: Any, *, apply: bool,
                       environ: Mapping[str, str] | None = None) -> list[SetupStep]:
    """What `publish --setup` runs: the plan for every language, carried out when `apply`."""
    client = make_client()
    try:
        steps = plan_setup(config, client, os.environ if environ is None else environ)
        if apply:
            apply_setup(client, steps)
    finally:
        client.close()
    return steps
