"""Front matter → Notion page properties, in the types the checked columns have, and what changed.

`check_schema` (schema.py) has mapped every key to a column of a type NotionNext can read;
`build_properties` writes each value in that column's type (keys the post leaves out are sent empty,
so a value removed from the file is cleared in Notion too); `diff_properties` compares with what a
page holds after normalising what Notion fills in (annotations, option ids and colours, date offsets,
`time_zone: null`), so only real changes are patched.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from recweekly.errors import Problem
from recweekly.markdown.renderers.notion.richtext import split_utf16
from recweekly.pagemedia import MediaKind, classify_icon
from recweekly.publish.notion.errors import PropertyValueError
from recweekly.publish.notion.schema import OPTIONAL_KEYS, Column, PropertyMap

MAX_TEXT = 2000
MAX_ITEMS = 100
MAX_OPTION_NAME = 100
DEFAULT_TIMEZONE = "Asia/Shanghai"


def column_value(key: str, meta: Mapping[str, Any]) -> Any:
    """What a post's front matter puts in the column of `key`.

    NotionNext's `icon` column holds a Font Awesome class (menus and page links show it); an emoji or
    an image in `icon` is the page icon instead (see pagemedia.py), and leaves the column empty.
    """
    value = meta.get(key)
    if key == "icon":
        return value if value and classify_icon(str(value)) is MediaKind.FONT_AWESOME else None
    return value


def keys_used(posts: Iterable[tuple[str, Any]]) -> dict[str, list[str]]:
    """Front-matter key → "file:line" of every post that has a value for its column (`check_schema(used=…)`)."""
    used: dict[str, list[str]] = {}
    for display, post in posts:
        for key in OPTIONAL_KEYS:
            if column_value(key, post.meta) not in (None, "", []):
                line = post.line_of(key)
                used.setdefault(key, []).append(f"{display}:{line}" if line else display)
    return used


def value_for(pmap: PropertyMap, key: str, value: Any, *, timezone: str = DEFAULT_TIMEZONE) -> dict[str, Any]:
    """One property value in request form, e.g. `value_for(pmap, "status", "Invisible")` to unpublish."""
    column = pmap.columns[key]
    problems: list[str] = []
    built = build_value(column, value, timezone, problems)
    if problems:
        raise PropertyValueError(f"cannot write {key!r} to Notion property {column.name!r}: {problems[0]}")
    return built


def build_properties(
    post: Any,
    pmap: PropertyMap,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    display: str | None = None,
) -> dict[str, dict[str, Any]]:
    """The `properties` of a create/update request for a post (or a mapping of front-matter values).

    Keys the post leaves out are sent empty, so removing e.g. a summary from the file clears it in
    Notion too. Raises PropertyValueError listing every value that cannot be written, each at
    `display` (the post's path as shown to the user) and the line of its key.
    """
    meta: Mapping[str, Any] = post if isinstance(post, Mapping) else post.meta
    path = Path(display or str(getattr(post, "path", "<post>")))
    problems: list[Problem] = []
    out: dict[str, dict[str, Any]] = {}
    for key, column in pmap.columns.items():
        found: list[str] = []
        out[column.name] = build_value(column, column_value(key, meta), timezone, found)
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


def plain_rich_text(text: str) -> list[dict[str, Any]]:
    """Plain text as rich-text items of at most 2,000 UTF-16 units each (Notion's limit per item)."""
    items = []
    for chunk in split_text(text, MAX_TEXT):
        items.append({"type": "text", "text": {"content": chunk}})
    return items


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut text into pieces of at most `limit` UTF-16 code units; empty text is no piece at all."""
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


def build_value(column: Column, value: Any, timezone: str, problems: list[str]) -> dict[str, Any]:
    """One property value in request form for `column`; what cannot be written goes to `problems`."""
    kind = column.type
    if kind in ("title", "rich_text"):
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        text = "" if value is None else _text(value)
        items = plain_rich_text(text)
        if len(items) > MAX_ITEMS:
            problems.append(f"text too long for a Notion property ({len(text)} characters; the limit is "
                            f"{MAX_TEXT * MAX_ITEMS})")
            items = items[:MAX_ITEMS]
        return {kind: items}
    if value is None or value == "" or value == []:
        return {kind: [] if kind == "multi_select" else (False if kind == "checkbox" else None)}
    if kind in ("select", "status"):
        name = _text(value)
        _check_option(column, name, problems, must_exist=kind == "status")
        return {kind: {"name": name}}
    if kind == "multi_select":
        values = value if isinstance(value, (list, tuple)) else [value]
        names = list(dict.fromkeys(_text(v) for v in values))
        if len(names) > MAX_ITEMS:
            problems.append(f"{len(names)} values; a Notion property holds at most {MAX_ITEMS}")
        for name in names:
            _check_option(column, name, problems, must_exist=False)
        return {kind: [{"name": n} for n in names[:MAX_ITEMS]]}
    if kind == "date":
        try:
            return {kind: date_value(value, timezone)}
        except (TypeError, ValueError):
            problems.append(f"expected a date like 2026-03-09 or 2026-03-09T08:00:00+08:00, got {value!r}")
            return {kind: None}
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"Notion property {column.name!r} is a Number column; expected a number, got {value!r}")
            return {kind: None}
        return {kind: value}
    if kind == "checkbox":
        if not isinstance(value, bool):
            problems.append(f"Notion property {column.name!r} is a Checkbox column; expected true or false, "
                            f"got {value!r}")
            return {kind: False}
        return {kind: value}
    if kind in ("url", "email", "phone_number"):
        text = _text(value)
        if len(text) > MAX_TEXT:
            problems.append(f"longer than {MAX_TEXT} characters")
        return {kind: text}
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
    if kind == "number":
        return "number", None if inner is None else float(inner)
    if kind == "checkbox":
        return "checkbox", bool(inner)
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
        parsed = parsed.replace(tzinfo=zoneinfo.ZoneInfo(zone) if zone else dt.timezone.utc)
    return ("instant", parsed.timestamp())


def _without_ids(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _without_ids(v) for k, v in value.items() if k not in ("id", "color")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value
