"""Validate request bodies against the Notion JSON Schemas kept next to this file.

The schemas are single documents whose `$ref`s point into their own `definitions`, so a draft-07
validator built on the whole document resolves them without any registry; building one takes a
moment, so each schema's validator is built once per test session.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

HERE = Path(__file__).resolve().parent
SCHEMA_NAMES = tuple(sorted(p.stem for p in HERE.glob("*.json")))

#: Nesting one request may carry: top-level blocks plus this many levels of children.
MAX_NESTING = 2
MAX_ARRAY = 100


@cache
def validator(schema_name: str) -> jsonschema.Draft7Validator:
    path = HERE / f"{schema_name}.json"
    if not path.is_file():
        raise ValueError(f"no schema {schema_name!r}; have {', '.join(SCHEMA_NAMES)}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(schema_name: str, body: Any) -> list[str]:
    """Human-readable schema violations of `body` (empty when valid)."""
    found = []
    for error in validator(schema_name).iter_errors(body):
        where = "/".join(str(p) for p in error.absolute_path) or "<body>"
        # anyOf failures are vague at the top; the deepest context says what actually failed
        best = jsonschema.exceptions.best_match([error])
        detail = best.message if best is not None else error.message
        found.append(f"{where}: {detail[:300]}")
    return found


def validate_body(schema_name: str, body: Any) -> None:
    """Assert that `body` is a valid `schema_name` request body (e.g. 'AppendBlockChildrenBodyParameters')."""
    problems = errors(schema_name, body)
    if problems:
        raise AssertionError(f"body does not match {schema_name}:\n  " + "\n  ".join(problems[:10]))


def request_slice(blocks: list[dict[str, Any]], max_nesting: int = MAX_NESTING) -> list[dict[str, Any]]:
    """What one append request can carry of `blocks`: ≤100 per array, children ≤`max_nesting` deep.

    A table's rows are part of the table (Notion creates them together), so a table that would
    sit deeper than a request allows is left out here, as it must be sent by a later request.
    """

    def trim(items: list[dict[str, Any]], depth: int) -> list[dict[str, Any]]:
        out = []
        for original in items[:MAX_ARRAY]:
            item = copy.deepcopy(original)
            content = item.get(item.get("type", ""), {})
            if isinstance(content, dict) and "children" in content:
                if item["type"] == "table":
                    if depth >= max_nesting:
                        continue
                    content["children"] = content["children"][:MAX_ARRAY]
                elif depth >= max_nesting:
                    del content["children"]
                else:
                    content["children"] = trim(content["children"], depth + 1)
            out.append(item)
        return out

    return trim(blocks, 0)
