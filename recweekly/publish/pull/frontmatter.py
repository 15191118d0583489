"""Notion properties → front-matter values, written into the post at the text level.

The inverse of properties.build_value for the column types a post publishes to: a title or text
column gives its plain text, a select or status its option name, a multi-select the list of
names, a date its start (a date, or a date-time with its offset), numbers, check boxes and URLs
their value. Only the keys whose property was edited are rewritten, each on its own lines
(`replace_keys`), so every other key, comment and the order of keys stay byte for byte; a list
that was written `[a, b]` is written that way again.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from recweekly.notes.frontmatter_text import dump_value, parse_front_matter, replace_keys
from recweekly.publish.signatures import LOCAL_PREFIX


class Unrepresentable(ValueError):
    """A value Notion holds that the front matter cannot (formatted title text, an uploaded cover…)."""


def property_value(kind: str, value: Mapping[str, Any] | None) -> Any:
    """The front-matter value of a property as Notion answers it (`kind`: the column's type)."""
    inner = (value or {}).get(kind)
    if kind in ("title", "rich_text"):
        items = inner or []
        if any(i.get("type", "text") != "text" or (i.get("text") or {}).get("link")
               or any(v not in (False, "default") for v in (i.get("annotations") or {}).values()) for i in items):
            raise Unrepresentable("has formatting, links or mentions a front-matter value cannot hold")
        text = "".join(str((i.get("text") or {}).get("content", i.get("plain_text", ""))) for i in items)
        return text or None
    if kind in ("select", "status"):
        return inner.get("name") if isinstance(inner, Mapping) else None
    if kind == "multi_select":
        return [str(item.get("name", "")) for item in inner or []]
    if kind == "date":
        if not isinstance(inner, Mapping) or not inner.get("start"):
            return None
        if inner.get("end"):
            raise Unrepresentable("is a date range; a post has one date")
        start = str(inner["start"])
        if "T" not in start:
            return dt.date.fromisoformat(start)
        moment = dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
        if moment.tzinfo is None and inner.get("time_zone"):
            moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(str(inner["time_zone"])))
        return moment
    if kind == "checkbox":
        return bool(inner)
    return inner  # number, url, email, phone_number


def page_field_value(value: Mapping[str, Any] | None, image_path: Callable[[str], str]) -> str | None:
    """The front-matter `icon` / `cover` for a page icon or cover Notion shows."""
    if not value:
        return None
    kind = value.get("type", "")
    inner = value.get(kind)
    if kind == "emoji":
        return str(inner)
    if kind == "external":
        return str((inner or {}).get("url", ""))
    if kind == "file_upload" and str((inner or {}).get("id", "")).startswith(LOCAL_PREFIX):
        return image_path(str(inner["id"])[len(LOCAL_PREFIX):])
    raise Unrepresentable("was uploaded in Notion; save the image in the repository and name it here")


def edit_front_matter(text: str, values: Mapping[str, Any]) -> str:
    """`text` with only the lines of `values`' keys rewritten (lists stay in the style they had)."""
    if not values:
        return text
    fm = parse_front_matter(text, "<post>")
    lines = text.splitlines()

    def dump(key: str, value: Any) -> str:
        span = fm.key_lines.get(key)
        flow = span is not None and "[" in lines[span[0] - 1].split(":", 1)[-1]
        if isinstance(value, list) and flow:
            return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100000,
                                  default_flow_style=None)
        if isinstance(value, dt.datetime):
            return f"{key}: {value.isoformat()}\n"
        return dump_value(key, value)

    return replace_keys(text, fm, dict(values), dump=dump)
