"""Front matter → Notion page properties, shaped by the columns the data source really has.

Why read the schema first: NotionNext databases are copied from a template and then edited by hand —
a column renamed, `status` turned into a Notion "status" column, `tags` deleted. Writing blindly
fails on the first bad property, after some pages were already written. So `check_schema` compares
the mapping (front-matter key → column name, renamable in config) with the schema and reports EVERY
missing or mistyped column in one error, before any write; `build_properties` then writes each value
in the type its column has; `diff_properties` compares with what a page holds after normalising what
Notion fills in (annotations, option ids and colours, date offsets), so only changes are patched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.errors import Problem
from recweekly.publish.notion.errors import NotionSchemaError, PropertyValueError

#: Front-matter keys published as properties, in NotionNext's column order.
PUBLISHED_KEYS = ("title", "slug", "date", "type", "status", "category", "tags", "summary", "icon", "password")
#: NotionNext's column names (the key is the front-matter key); override with config notion.properties.
DEFAULT_PROPERTY_NAMES: dict[str, str] = {key: key for key in PUBLISHED_KEYS}
#: Column types each key can be written to; the first is what NotionNext's template has.
ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "slug": ("rich_text",),
    "date": ("date",),
    "type": ("select", "status", "rich_text"),
    "status": ("select", "status", "rich_text"),
    "category": ("select", "status", "rich_text"),
    "tags": ("multi_select",),
    "summary": ("rich_text",),
    "icon": ("rich_text",),
    "password": ("rich_text",),
}
#: Keys that cannot be switched off: pages are found by slug and need a title.
REQUIRED_KEYS = ("title", "slug")
MAX_TEXT = 2000
MAX_ITEMS = 100
MAX_OPTION_NAME = 100
DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class Column:
    """Where one front-matter key goes: the Notion column's name, type and existing options."""

    key: str
    name: str
    type: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class PropertyMap:
    """The checked mapping for one data source; build values only through it."""

    columns: dict[str, Column]
    source: str = "Notion data source"
    skipped: tuple[str, ...] = field(default=())
    fingerprint_property: str = ""  # recweekly's own rich_text column ("" = no fingerprint)

    @property
    def slug_property(self) -> str:
        return self.columns["slug"].name

    @property
    def slug_filter_kind(self) -> str:
        """The filter kind to find a page by slug (`client.find_pages_by_property(ds, prop, slug, kind)`)."""
        return self.columns["slug"].type

    def value_for(self, key: str, value: Any, *, timezone: str = DEFAULT_TIMEZONE) -> dict[str, Any]:
        """One property value in request form, e.g. `value_for("status", "Invisible")` to unpublish."""
        column = self.columns[key]
        problems: list[str] = []
        built = _build_value(column, value, timezone, problems)
        if problems:
            raise PropertyValueError(f"cannot write {key!r} to Notion property {column.name!r}: {problems[0]}")
        return built


def property_names(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """NotionNext's names with the config's renames applied (front-matter key → column name; "" = skip)."""
    names = dict(DEFAULT_PROPERTY_NAMES)
    names.update(overrides or {})
    return names


def check_schema(
    schema: Mapping[str, Any],
    mapping: Mapping[str, str] | None = None,
    *,
    source: str | None = None,
    fingerprint: str = "",
) -> PropertyMap:
    """Check the data source's columns against the mapping; raise one error listing every problem.

    `schema` is a data source object (GET /v1/data_sources/{id}) or its `properties`. `mapping` is
    front-matter key → column name (see `property_names`); a key mapped to "" is not published.
    `fingerprint` names recweekly's own rich_text column (config notion.fingerprint_property): it is
    checked like the others and may not also receive a front-matter key, which could overwrite it.
    """
    inner = schema.get("properties")
    # a data source has a `properties` mapping; a bare schema may have a column named "properties",
    # which is a mapping whose `type` is a string
    is_source = isinstance(inner, Mapping) and not isinstance(inner.get("type"), str)
    props: Mapping[str, Any] = inner if is_source else schema  # type: ignore[assignment]
    label = source or (_source_label(schema) if is_source else "Notion data source")
    names = property_names(mapping)
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(label, message, field=key))

    columns: dict[str, Column] = {}
    skipped = []
    claimed: dict[str, str] = {}
    for key, name in names.items():
        if key not in ACCEPTED_TYPES:
            bad(key, f"unknown front-matter key in notion.properties; known keys: {', '.join(PUBLISHED_KEYS)}")
            continue
        if not name:
            if key in REQUIRED_KEYS:
                bad(key, f"{key!r} must be published (it cannot be mapped to an empty name)")
            else:
                skipped.append(key)
            continue
        expected = ACCEPTED_TYPES[key]
        wanted = " or ".join(expected)
        if name in claimed:
            bad(key, f"property {name!r} is already used for {claimed[name]!r}; map each key to its own property")
            continue
        claimed[name] = key
        prop = props.get(name)
        if prop is None:
            others = [n for n, p in props.items() if isinstance(p, Mapping) and p.get("type") in expected
                      and n not in names.values()]
            hint = f" (unmapped {wanted} properties: {', '.join(repr(n) for n in others)})" if others else ""
            bad(key, f"the database has no property {name!r} ({wanted}) for front-matter key {key!r}; add it in "
                     f"Notion, or map {key!r} to another property with [tool.recweekly.notion.properties]{hint}")
            continue
        kind = prop.get("type")
        if kind not in expected:
            bad(key, f"property {name!r} is of type {kind}, expected {wanted}; change its type in Notion or map "
                     f"{key!r} to another property with [tool.recweekly.notion.properties]")
            continue
        inner = prop.get(kind) if isinstance(prop.get(kind), Mapping) else {}
        options = tuple(str(o.get("name")) for o in inner.get("options", []) if isinstance(o, Mapping))
        columns[key] = Column(key, name, str(kind), options)
    if fingerprint:
        _check_fingerprint_column(props, fingerprint, claimed, bad)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise NotionSchemaError(
            f"the Notion database does not match the posts' front matter ({count}); nothing was written", problems
        )
    return PropertyMap(columns, label, tuple(skipped), fingerprint)


def _check_fingerprint_column(props: Mapping[str, Any], name: str, claimed: Mapping[str, str], bad: Any) -> None:
    key = "fingerprint_property"
    if name in claimed:
        bad(key, f"property {name!r} is both notion.fingerprint_property and the column of front-matter key "
                 f"{claimed[name]!r}; the fingerprint needs a column of its own")
        return
    prop = props.get(name)
    if prop is None:
        bad(key, f"the database has no property {name!r} (rich_text) for the publish fingerprint; add a Text "
                 "property with that name in Notion, or unset [tool.recweekly.notion] fingerprint_property")
    elif prop.get("type") != "rich_text":
        bad(key, f"property {name!r} is of type {prop.get('type')}, expected rich_text for the publish "
                 "fingerprint; change its type to Text in Notion or name another property in "
                 "[tool.recweekly.notion] fingerprint_property")


def build_properties(
    post: Any,
    pmap: PropertyMap,
    *,
    timezone: str = DEFAULT_TIMEZONE,
) -> dict[str, dict[str, Any]]:
    """The `properties` of a create/update request for a post (or a mapping of front-matter values).

    Keys the post leaves out are sent empty, so removing e.g. a summary from the file clears it in
    Notion too. Raises PropertyValueError listing every value that cannot be written.
    """
    meta: Mapping[str, Any] = post if isinstance(post, Mapping) else post.meta
    path = Path(str(getattr(post, "path", "<post>")))
    problems: list[Problem] = []
    out: dict[str, dict[str, Any]] = {}
    for key, column in pmap.columns.items():
        found: list[str] = []
        out[column.name] = _build_value(column, meta.get(key), timezone, found)
        line = post.line_of(key) if hasattr(post, "line_of") else None
        problems += [Problem(path, message, line, key) for message in found]
    if problems:
        raise PropertyValueError("front matter cannot be written to Notion", problems)
    return out


def diff_properties(current: Mapping[str, Any], wanted: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The subset of `wanted` that differs from `current` (a page, or its `properties`)."""
    props = current.get("properties", current) if current.get("object") == "page" else current
    changed: dict[str, Any] = {}
    for name, value in wanted.items():
        have = props.get(name)
        if have is None or canonical_property(have) != canonical_property(value):
            changed[name] = value
    return changed


# -- building values ---------------------------------------------------------------------------


def rich_text(text: str) -> list[dict[str, Any]]:
    """Plain text as rich-text items of at most 2,000 UTF-16 units each (Notion's limit per item)."""
    items = []
    for chunk in split_text(text, MAX_TEXT):
        items.append({"type": "text", "text": {"content": chunk}})
    return items


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut text into pieces of at most `limit` UTF-16 code units; empty text is no piece at all."""
    from recweekly.markdown.renderers.notion.richtext import split_utf16

    return split_utf16(text, limit) if text else []


def date_value(value: dt.date | dt.datetime | str, timezone: str = DEFAULT_TIMEZONE) -> dict[str, Any]:
    """A bare date stays a date; a datetime carries its offset, or `timezone` when it has none."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        spec = "seconds" if value.microsecond == 0 else "milliseconds"
        if value.tzinfo is None or value.utcoffset() is None:
            return {"start": value.isoformat(timespec=spec), "time_zone": timezone}
        return {"start": value.isoformat(timespec=spec)}
    return {"start": value.isoformat()}


def _build_value(column: Column, value: Any, timezone: str, problems: list[str]) -> dict[str, Any]:
    kind = column.type
    if kind in ("title", "rich_text"):
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        text = "" if value is None else _text(value)
        items = rich_text(text)
        if len(items) > MAX_ITEMS:
            problems.append(f"text too long for a Notion property ({len(text)} characters; the limit is "
                            f"{MAX_TEXT * MAX_ITEMS})")
            items = items[:MAX_ITEMS]
        return {kind: items}
    if kind in ("select", "status"):
        if value is None or value == "":
            return {kind: None}
        name = _text(value)
        _check_option(column, name, problems, must_exist=kind == "status")
        return {kind: {"name": name}}
    if kind == "multi_select":
        values = value if isinstance(value, (list, tuple)) else ([] if value in (None, "") else [value])
        names = list(dict.fromkeys(_text(v) for v in values))
        if len(names) > MAX_ITEMS:
            problems.append(f"{len(names)} values; a Notion property holds at most {MAX_ITEMS}")
        for name in names:
            _check_option(column, name, problems, must_exist=False)
        return {kind: [{"name": n} for n in names[:MAX_ITEMS]]}
    if kind == "date":
        if value is None or value == "":
            return {kind: None}
        try:
            return {kind: date_value(value, timezone)}
        except (TypeError, ValueError):
            problems.append(f"expected a date like 2026-03-09 or 2026-03-09T08:00:00+08:00, got {value!r}")
            return {kind: None}
    problems.append(f"recweekly cannot write {kind} properties")  # pragma: no cover - check_schema prevents it
    return {kind: None}


def _text(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _check_option(column: Column, name: str, problems: list[str], *, must_exist: bool) -> None:
    if "," in name:
        problems.append(f"{name!r}: Notion option names cannot contain commas")
    elif len(name) > MAX_OPTION_NAME:
        problems.append(f"{name[:30]!r}…: Notion option names are at most {MAX_OPTION_NAME} characters")
    elif must_exist and name not in column.options:
        problems.append(f"{name!r} is not an option of the Notion status property {column.name!r} (options: "
                        f"{', '.join(column.options) or 'none'}); the API cannot add status options: add it in "
                        "Notion or change the value")


def _source_label(schema: Mapping[str, Any]) -> str:
    name = schema.get("name") or "".join(t.get("plain_text", "") for t in schema.get("title") or [])
    ident = schema.get("id")
    if name and ident:
        return f"Notion data source {name!r} ({ident})"
    return f"Notion data source {ident}" if ident else "Notion data source"


# -- comparing values ------------------------------------------------------------------------------


def canonical_property(value: Mapping[str, Any]) -> tuple[str, Any]:
    """What a property value means, whether in request form or as Notion returns it."""
    kind = value.get("type") or next((k for k in value if k not in ("id", "type")), "")
    inner = value.get(kind)
    if kind in ("title", "rich_text"):
        return "text", canonical_rich_text(inner or [])
    if kind in ("select", "status"):
        return "option", None if not inner else inner.get("name")
    if kind == "multi_select":
        return "options", tuple(item.get("name") for item in inner or [])
    if kind == "date":
        if not inner:
            return "date", None
        zone = inner.get("time_zone")
        return "date", (_instant(inner.get("start"), zone), _instant(inner.get("end"), zone))
    return kind, json.dumps(_without_ids(inner), sort_keys=True, ensure_ascii=False)


def canonical_rich_text(items: list[Mapping[str, Any]]) -> tuple[tuple[Any, ...], ...]:
    """Runs of (kind, text, link, non-default annotations), adjacent equal-format runs merged."""
    runs: list[list[Any]] = []
    for item in items:
        kind = item.get("type") or next((k for k in ("text", "equation", "mention") if k in item), "text")
        annotations = tuple(sorted((k, v) for k, v in (item.get("annotations") or {}).items()
                                   if v not in (False, "default")))
        if kind == "text":
            text = item["text"].get("content", "")
            link = (item["text"].get("link") or {}).get("url")
        elif kind == "equation":
            text, link = item["equation"].get("expression", ""), None
        else:
            text, link = item.get("plain_text", json.dumps(item.get(kind), sort_keys=True)), None
        if runs and kind == "text" and runs[-1][0] == "text" and runs[-1][2] == link and runs[-1][3] == annotations:
            runs[-1][1] += text
        elif text or kind != "text":
            runs.append([kind, text, link, annotations])
    return tuple(tuple(run) for run in runs)


def _instant(raw: str | None, zone: str | None) -> Any:
    if not raw:
        return None
    if "T" not in raw:
        return ("date", raw)
    try:
        parsed = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return ("raw", raw)
    if parsed.tzinfo is None:
        if zone:
            import zoneinfo

            parsed = parsed.replace(tzinfo=zoneinfo.ZoneInfo(zone))
        else:
            parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return ("instant", parsed.timestamp())


def _without_ids(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _without_ids(v) for k, v in value.items() if k not in ("id", "color")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value
