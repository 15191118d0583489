"""Notion properties → front-matter values, written at the text level."""

from __future__ import annotations

import datetime as dt

import pytest

from recweekly.publish.pull.frontmatter import Unrepresentable, edit_front_matter, page_field_value, property_value

TEXT = "---\ntitle: Old  # a comment stays\ntags: [a, b]\ndate: 2026-03-09\nsummary: >-\n  folded\n  text\n---\nBody.\n"


def test_only_the_edited_keys_change_and_flow_lists_stay_flow() -> None:
    out = edit_front_matter(TEXT, {"tags": ["a", "c"], "summary": "New summary."})
    assert out == ("---\ntitle: Old  # a comment stays\ntags: [a, c]\ndate: 2026-03-09\nsummary: New summary.\n"
                   "---\nBody.\n")


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("title", {"title": [{"type": "text", "text": {"content": "T"}, "plain_text": "T",
                          "annotations": {"bold": False, "color": "default"}}]}, "T"),
    ("select", {"select": {"id": "x", "name": "Published", "color": "green"}}, "Published"),
    ("multi_select", {"multi_select": [{"name": "a"}, {"name": "b"}]}, ["a", "b"]),
    ("date", {"date": {"start": "2026-03-10", "end": None, "time_zone": None}}, dt.date(2026, 3, 10)),
    ("date", {"date": {"start": "2026-03-10T08:00:00.000+08:00"}},
     dt.datetime(2026, 3, 10, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))),
    ("rich_text", {"rich_text": []}, None),
])
def test_property_values(kind: str, value: dict, expected: object) -> None:
    assert property_value(kind, value) == expected


def test_what_front_matter_cannot_hold_is_said() -> None:
    with pytest.raises(Unrepresentable):
        property_value("title", {"title": [{"type": "text", "text": {"content": "T"}, "annotations": {"bold": True}}]})
    with pytest.raises(Unrepresentable):
        page_field_value({"type": "file", "file": {"url": "https://s3/x.png"}}, lambda p: p)
    assert page_field_value({"type": "emoji", "emoji": "🧪"}, lambda p: p) == "🧪"
