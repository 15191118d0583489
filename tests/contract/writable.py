"""Which block fields a request can set, read from the contract schemas; writes the package's table.

Notion answers with fields no request can send (`list_start_index`, `list_format`, …). The block diff
must compare only fields recweekly could have written, and the authority on those is the request
schemas here, which the package does not ship. So this module derives the table from the schemas
and renders it as `recweekly/publish/notion/request_fields.py`; a test fails when the two disagree.

    .venv/bin/python -m tests.contract.writable > recweekly/publish/notion/request_fields.py
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent.parent / "recweekly" / "publish" / "notion" / "request_fields.py"
# keys beside the type's own object in a block request; never content fields
_ENVELOPE = frozenset({"type", "object", "in_trash", "archived"})


@cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def _resolver(schema: dict[str, Any]) -> Any:
    definitions = schema["definitions"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = definitions[unquote(node["$ref"].rsplit("/", 1)[-1])]
        return node

    return resolve


def _fields_by_type(schema_name: str, root: str | None) -> dict[str, frozenset[str]]:
    """block type → fields its content object accepts, over every alternative the schema allows."""
    schema = _schema(schema_name)
    resolve = _resolver(schema)
    top = resolve(schema["definitions"][root] if root else schema)
    out: dict[str, set[str]] = {}
    for alternative in top.get("anyOf", []):
        props = resolve(alternative).get("properties", {})
        for kind, content in props.items():
            if kind in _ENVELOPE:
                continue
            content = resolve(content)
            fields: set[str] = set()
            for option in content.get("anyOf", [content]):
                fields |= set(resolve(option).get("properties", {}))
            out.setdefault(kind, set()).update(fields)
    return {kind: frozenset(fields) for kind, fields in sorted(out.items())}


def creatable() -> dict[str, frozenset[str]]:
    """Fields a block can be created with (append children / create page), `children` aside."""
    found = _fields_by_type("AppendBlockChildrenBodyParameters", "BlockObjectRequest")
    return {kind: fields - {"children"} for kind, fields in found.items()}


def updatable() -> dict[str, frozenset[str]]:
    """Fields `PATCH /v1/blocks/{id}` accepts per block type."""
    return _fields_by_type("UpdateBlockBodyParameters", None)


def _table(creatable: dict[str, frozenset[str]], updatable: dict[str, frozenset[str]]) -> list[str]:
    """One row per block type, both lists side by side: two tables would repeat most rows."""
    def cell(fields: frozenset[str] | None) -> str:
        return "None" if fields is None else json.dumps(" ".join(sorted(fields)))

    lines = ["#: Per block type: (the fields a new block may carry, children aside; the fields",
             "#: `PATCH /v1/blocks/{id}` accepts), space-separated; None: no request of that kind takes the type.",
             "_FIELDS: dict[str, tuple[str | None, str | None]] = {"]
    for kind in sorted(creatable.keys() | updatable.keys()):
        lines.append(f"    {json.dumps(kind)}: ({cell(creatable.get(kind))}, {cell(updatable.get(kind))}),")
    lines += ["}", "",
              "#: Fields a new block may carry (children aside).",
              "CREATABLE: dict[str, frozenset[str]] = {",
              "    kind: frozenset(made.split()) for kind, (made, _) in _FIELDS.items() if made is not None",
              "}", "",
              "#: Fields `PATCH /v1/blocks/{id}` accepts.",
              "UPDATABLE: dict[str, frozenset[str]] = {",
              "    kind: frozenset(patch.split()) for kind, (_, patch) in _FIELDS.items() if patch is not None",
              "}"]
    return lines


def render_module() -> str:
    head = '''"""Block fields Notion requests can set, per block type. GENERATED: do not edit by hand.

Made by `python -m tests.contract.writable` from the request JSON Schemas in tests/contract/ (the
official SDK's request types); tests/publish/notion/test_request_fields.py fails when they disagree. Why a
table: Notion's answers carry fields no request can send (`list_start_index` and `list_format` on
numbered list items, and whatever a newer API adds), so the block diff compares only these.
"""

from __future__ import annotations
'''
    lines = [head]
    lines += _table(creatable(), updatable())
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_module(), end="")
