"""Front matter → Notion properties: schema check, values per column type, and change detection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import config_from_mapping
from recweekly.post import Post, parse_post
from recweekly.publish.notion.client import NotionClient
from recweekly.publish.notion.errors import PropertyValueError
from recweekly.publish.notion.properties import (
    build_properties,
    date_value,
    diff_properties,
    keys_used,
    split_text,
    value_for,
)
from recweekly.publish.notion.schema import check_schema, missing_options, property_names
from tests.contract.validate import validate_body
from tests.fakes.notion_server import FakeNotion, notion_property, notionnext_schema
from tests.helpers.publishing import WEEK10, Env, configure, only_page, republish_writes, text_of

POST = """\
---
title: "RecSys Weekly 2026-W10: semantic ids everywhere"
slug: recsys-weekly-2026-w10
date: 2026-03-09
type: Post
status: Published
category: RecSys Weekly
tags: [generative-rec, semantic-ids, ranking]
summary: Twelve papers this week, most of them about tokenising items.
icon: fa-solid fa-newspaper
lang: en
period: 2026-W10
---

Body text.
"""


def make_post(text: str = POST, **changes: str) -> Post:
    for key, value in changes.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.splitlines()]
        if not any(line.startswith(f"{key}:") for line in text.splitlines()):
            lines.insert(1, f"{key}: {value}")
        text = "\n".join(lines) + "\n"
    post, problems = parse_post(text, Path("posts/2026-w10.md"))
    assert post is not None, problems
    return post


def create(client: NotionClient, notion: FakeNotion, props: dict) -> dict:
    return client.create_page({"parent": {"data_source_id": notion.data_source_id}, "properties": props})


# -- building ---------------------------------------------------------------------------------------


def test_notionnext_properties_are_built_and_match_the_contract(client: NotionClient, notion: FakeNotion) -> None:
    pmap = check_schema(client.retrieve_data_source(notion.data_source_id))
    props = build_properties(make_post(), pmap)
    assert props["title"] == {"title": [{"type": "text", "text": {"content": "RecSys Weekly 2026-W10: semantic ids "
                                                                           "everywhere"}}]}
    assert props["type"] == {"select": {"name": "Post"}}
    assert props["tags"] == {"multi_select": [{"name": "generative-rec"}, {"name": "semantic-ids"},
                                              {"name": "ranking"}]}
    assert props["date"] == {"date": {"start": "2026-03-09"}}
    assert props["password"] == {"rich_text": []}  # not set in the file: sent empty, clearing Notion's value
    validate_body("CreatePageBodyParameters", {"parent": {"data_source_id": notion.data_source_id},
                                               "properties": props})
    validate_body("UpdatePageBodyParameters", {"properties": props})
    page = create(client, notion, props)
    assert page["properties"]["slug"]["rich_text"][0]["plain_text"] == "recsys-weekly-2026-w10"
    assert diff_properties(page, props) == {}  # a round trip through Notion changes nothing


def test_dates_carry_a_time_zone() -> None:
    assert date_value(dt.date(2026, 3, 9)) == {"start": "2026-03-09"}
    assert date_value(dt.datetime(2026, 3, 9, 8, 30)) == {"start": "2026-03-09T08:30:00", "time_zone": "Asia/Shanghai"}
    assert date_value(dt.datetime(2026, 3, 9, 8, 30), "Europe/Paris")["time_zone"] == "Europe/Paris"
    aware = dt.datetime(2026, 3, 9, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert date_value(aware) == {"start": "2026-03-09T08:30:00+02:00"}


def test_datetime_round_trip_is_not_a_change(client: NotionClient, notion: FakeNotion) -> None:
    pmap = check_schema(client.retrieve_data_source(notion.data_source_id))
    props = build_properties(make_post(date="2026-03-09T08:30:00"), pmap, timezone="Asia/Shanghai")
    assert props["date"] == {"date": {"start": "2026-03-09T08:30:00", "time_zone": "Asia/Shanghai"}}
    page = create(client, notion, props)
    assert page["properties"]["date"]["date"]["start"] != props["date"]["date"]["start"]  # Notion rewrites it
    assert diff_properties(page, props) == {}
    later = build_properties(make_post(date="2026-03-09T09:30:00"), pmap)
    assert diff_properties(page, later) == {"date": later["date"]}


def test_long_summary_is_split_and_survives_a_round_trip(client: NotionClient, notion: FakeNotion) -> None:
    pmap = check_schema(client.retrieve_data_source(notion.data_source_id))
    summary = ("Semantic ids 🧪 " * 400).strip()
    props = build_properties(make_post(summary=f'"{summary}"'), pmap)
    items = props["summary"]["rich_text"]
    assert len(items) == 4
    assert "".join(i["text"]["content"] for i in items) == summary
    page = create(client, notion, props)  # the fake rejects any item over 2000 UTF-16 units
    assert diff_properties(page, props) == {}


def test_split_text_counts_utf16_units_and_never_cuts_a_character() -> None:
    pieces = split_text("a" + "😀" * 1500, 2000)
    assert "".join(pieces) == "a" + "😀" * 1500
    assert [len(p.encode("utf-16-le")) // 2 for p in pieces] == [1999, 1002]
    assert split_text("") == []


def test_a_custom_status_column_needs_existing_options(notion: FakeNotion) -> None:
    schema = notionnext_schema()
    schema["Stage"] = notion_property("Stage", "status", ["Writing", "Done"])
    pmap = check_schema({"properties": schema}, property_names({"period": "Stage"}))
    assert build_properties(make_post(period="Done"), pmap)["Stage"] == {"status": {"name": "Done"}}
    with pytest.raises(PropertyValueError) as info:
        build_properties(make_post(), pmap)  # period: 2026-W10
    [problem] = info.value.problems
    assert problem.field == "period" and problem.line == 12
    assert "'2026-W10' is not an option" in str(info.value) and "add it in Notion" in str(info.value)


def test_bad_values_are_all_reported_with_lines(notion: FakeNotion) -> None:
    pmap = check_schema({"properties": notionnext_schema()})
    with pytest.raises(PropertyValueError) as info:
        build_properties(make_post(tags="[a, 'b,c']", category='"x,y"'), pmap)
    assert {p.field for p in info.value.problems} == {"tags", "category"}
    assert "cannot contain commas" in str(info.value)


def test_value_for_builds_one_property_for_unpublishing() -> None:
    pmap = check_schema({"properties": notionnext_schema()})
    assert value_for(pmap, "status", "Invisible") == {"select": {"name": "Invisible"}}
    assert (pmap.slug_property, pmap.slug_filter_kind) == ("slug", "rich_text")


# -- renaming and the schema check ------------------------------------------------------------------


def test_renamed_properties_from_config(client: NotionClient, notion: FakeNotion) -> None:
    config = config_from_mapping({"notion": {"properties": {"slug": "URL slug", "tags": "标签", "password": ""}}},
                                 root=Path("."))
    schema = notion.schema()
    schema["URL slug"] = dict(schema.pop("slug"), name="URL slug")
    schema["标签"] = dict(schema.pop("tags"), name="标签")
    del schema["password"]
    pmap = check_schema(client.retrieve_data_source(notion.data_source_id), property_names(config.notion.properties))
    props = build_properties(make_post(), pmap, timezone=config.notion.timezone)
    assert set(props) == {"title", "URL slug", "date", "type", "status", "category", "标签", "summary", "icon"}
    create(client, notion, props)
    found = client.find_pages_by_property(notion.data_source_id, pmap.slug_property, "recsys-weekly-2026-w10",
                                          pmap.slug_filter_kind)
    assert len(found) == 1


# -- diffing -------------------------------------------------------------------------------------------


def test_diff_finds_only_what_changed(client: NotionClient, notion: FakeNotion) -> None:
    pmap = check_schema(client.retrieve_data_source(notion.data_source_id))
    page = create(client, notion, build_properties(make_post(), pmap))
    edited = build_properties(make_post(summary="A new summary.", tags="[ranking, generative-rec]"), pmap)
    assert set(diff_properties(page, edited)) == {"summary", "tags"}
    without_icon = build_properties({k: v for k, v in make_post().meta.items() if k != "icon"}, pmap)
    assert diff_properties(page, without_icon) == {"icon": {"rich_text": []}}
    patch = diff_properties(page, edited)
    updated = client.update_page(page["id"], {"properties": patch})
    assert diff_properties(updated, edited) == {}


def test_diff_ignores_what_notion_fills_in() -> None:
    current = {
        "title": {"id": "title", "type": "title", "title": [
            {"type": "text", "text": {"content": "Hello ", "link": None}, "plain_text": "Hello ", "href": None,
             "annotations": {"bold": False, "italic": False, "strikethrough": False, "underline": False,
                             "code": False, "color": "default"}},
            {"type": "text", "text": {"content": "world", "link": None}, "plain_text": "world", "href": None,
             "annotations": {"bold": False, "code": False, "color": "default"}}]},
        "type": {"id": "x1", "type": "select", "select": {"id": "o1", "name": "Post", "color": "blue"}},
        "date": {"id": "x2", "type": "date", "date": {"start": "2026-03-09T00:30:00.000+00:00", "end": None,
                                                      "time_zone": None}},
    }
    wanted = {
        "title": {"title": [{"text": {"content": "Hello world"}}]},
        "type": {"select": {"name": "Post"}},
        "date": {"date": {"start": "2026-03-09T08:30:00", "time_zone": "Asia/Shanghai"}},
    }
    assert diff_properties(current, wanted) == {}
    wanted["title"]["title"][0]["annotations"] = {"bold": True}
    assert set(diff_properties(current, wanted)) == {"title"}
    assert set(diff_properties({}, {"summary": {"rich_text": []}})) == {"summary"}


# -- NotionNext's column types, optional columns, a blog's own columns -------------------------------


def test_keys_used_counts_only_values_for_the_column() -> None:
    emoji = make_post(icon="🧪", comment="Hide")
    awesome = make_post()  # icon: fa-solid fa-newspaper
    assert keys_used([("a.md", emoji), ("b.md", awesome)]) == {"comment": ["a.md:2"], "icon": ["b.md:10"]}


def test_a_blogs_own_columns_round_trip(client: NotionClient, notion: FakeNotion) -> None:
    schema = notion.schema()
    own = {"Priority": "number", "Featured": "checkbox", "Source": "url", "Reviewed": "date", "Labs": "multi_select",
           "Stage": "select", "Note": "rich_text"}
    for name, kind in own.items():
        schema[name] = notion_property(name, kind, [] if "select" in kind else None)
    config = config_from_mapping({"notion": {"properties": {
        "priority": "Priority", "featured": "Featured", "source": "Source", "reviewed": "Reviewed", "labs": "Labs",
        "stage": "Stage", "note": "Note"}}}, root=Path("."))
    pmap = check_schema(client.retrieve_data_source(notion.data_source_id), property_names(config.notion.properties))
    meta = {**make_post().meta, "priority": 2.5, "featured": True, "source": "https://arxiv.org/abs/2603.03988",
            "reviewed": dt.date(2026, 3, 10), "labs": ["Alibaba", "Kuaishou"], "stage": "done", "note": 7}
    props = build_properties(meta, pmap)
    assert props["Priority"] == {"number": 2.5} and props["Featured"] == {"checkbox": True}
    assert props["Note"] == {"rich_text": [{"type": "text", "text": {"content": "7"}}]}
    page = create(client, notion, props)
    assert diff_properties(page, props) == {}
    cleared = build_properties(make_post().meta, pmap)
    assert set(diff_properties(page, cleared)) == set(own)
    page = client.update_page(page["id"], {"properties": diff_properties(page, cleared)})
    assert diff_properties(page, cleared) == {}


def test_missing_options_are_listed_per_column() -> None:
    schema = notionnext_schema()
    schema["category"] = notion_property("category", "select", ["RecSys Weekly"])
    schema["tags"] = notion_property("tags", "multi_select", ["ranking"])
    pmap = check_schema({"properties": schema})
    wanted = build_properties(make_post(tags="[ranking, semantic-ids]", status="Draft"), pmap)
    assert [(c.key, name) for c, name in missing_options(pmap, wanted)] == [("tags", "semantic-ids")]


# -- through `publish`: NotionNext's comment and ext columns, and a blog's own columns


def test_comment_and_ext_columns(env: Env) -> None:
    schema = env.notion.schema()
    schema["comment"] = notion_property("comment", "select", ["Hide"])
    schema["ext"] = notion_property("ext", "rich_text")
    path = env.write_post("w10.en.md", WEEK10, slug="w10", comment="Hide",
                          ext='\'{"video": "https://example.org/v.mp4"}\'')
    assert env.run("--all").exit_code == 0
    props = only_page(env)["properties"]
    assert props["comment"]["select"]["name"] == "Hide"
    assert text_of(props["ext"]) == '{"video": "https://example.org/v.mp4"}'
    assert republish_writes(env) == []

    path.write_text(path.read_text(encoding="utf-8").replace("comment: Hide\n", ""), encoding="utf-8")
    [write] = republish_writes(env)
    assert write.body == {"properties": {"comment": {"select": None}}}  # removed from the file: cleared


def test_a_blogs_own_columns_are_typed_from_the_schema(env: Env) -> None:
    schema = env.notion.schema()
    schema["Priority"] = notion_property("Priority", "number")
    schema["Featured"] = notion_property("Featured", "checkbox")
    env.write_post("w10.en.md", WEEK10, slug="w10", priority="2", featured="true")
    result = env.run("--all")
    assert result.exit_code == 1 and "unknown key" in result.output and "priority" in result.output
    assert env.notion.calls == []

    configure(env, 'properties = { priority = "Priority", featured = "Featured" }')
    assert env.run("--all").exit_code == 0
    props = only_page(env)["properties"]
    assert props["Priority"]["number"] == 2 and props["Featured"]["checkbox"] is True
    assert republish_writes(env) == []

    env.write_post("w10.en.md", WEEK10, slug="w10", priority="high", featured="true")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "posts/w10.en.md:11: priority: Notion property 'Priority' is a Number column; expected a number" \
        in result.output
    assert env.notion.writes() == []
