"""The fake Notion itself: it must refuse what Notion refuses, or the other tests prove nothing."""

from __future__ import annotations

import pytest
import requests

from recweekly.publish.notion.client import NotionClient
from recweekly.publish.notion.errors import NotionValidationError, WriteOutcomeUnknown
from tests.fakes.notion_server import NOTION_VERSION, FakeNotion, notionnext_schema


def para(text: str, children: list | None = None) -> dict:
    content: dict = {"rich_text": [{"text": {"content": text}}]}
    if children:
        content["children"] = children
    return {"paragraph": content}


def page_with(client: NotionClient, notion: FakeNotion, children: list) -> dict:
    return client.create_page({"parent": {"data_source_id": notion.data_source_id},
                               "properties": {"title": {"title": [{"text": {"content": "T"}}]}},
                               "children": children})


def refused(notion: FakeNotion, action: object, match: str) -> None:
    """The fake answers 400 and records the violation (which this test then expects and clears)."""
    with pytest.raises(NotionValidationError, match=match):
        action()  # type: ignore[operator]
    assert len(notion.violations) == 1, notion.violations
    notion.violations.clear()


@pytest.mark.parametrize(
    ("children", "match"),
    [
        ([para("x" * 2001)], r"content.length should be ≤ 2000"),
        ([para("😀" * 1001)], r"content.length should be ≤ 2000, instead was 2002"),
        ([para(str(i)) for i in range(101)], r"length should be ≤ 100"),
        ([{"paragraph": {"rich_text": [{"equation": {"expression": "x" * 1001}}]}}], r"expression.length"),
        ([{"paragraph": {"rich_text": [{"text": {"content": "l", "link": {"url": "https://e.x/" + "a" * 2000}}}]}}],
         r"url.length"),
        ([para("a", [para("b", [para("c", [para("d")])])])], r"CreatePage|nested"),
        ([{"paragraph": {"rich_text": [{"text": {"content": "m", "link": {"url": "MAILTO:x@y.z"}}}]}}],
         r"Invalid URL for link"),
        ([{"paragraph": {"rich_text": [{"text": {"content": "h", "link": {"url": "HTTPS://e.x/"}}}]}}],
         r"Invalid URL for link"),
        ([{"paragraph": {"rich_text": [], "colour": "red"}}], r"CreatePage"),
    ],
)
def test_limits_and_contract_are_enforced(client: NotionClient, notion: FakeNotion, children: list,
                                          match: str) -> None:
    refused(notion, lambda: page_with(client, notion, children), match)
    assert notion.pages == {} and notion.blocks_created == 0


def test_1000_blocks_and_500kb_per_request(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [])
    many = [para(str(i), [para(f"{i}.{j}") for j in range(9)]) for i in range(100)]  # 1000 blocks: allowed
    client.append_children(page["id"], many[:50])
    refused(notion, lambda: client._request("PATCH", f"/v1/blocks/{page['id']}/children",
                                            json={"children": [para(str(i), [para("a") for _ in range(10)])
                                                               for i in range(100)]}), "at most 1000 blocks")
    big = [para("x" * 2000, [para("y" * 2000) for _ in range(2)]) for _ in range(90)]
    refused(notion, lambda: client._request("PATCH", f"/v1/blocks/{page['id']}/children", json={"children": big}),
            "too large")


def test_depth_is_counted_from_the_request(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [para("a", [para("b", [para("c")])])])  # top + 2 levels: fine
    [a] = notion.page_blocks(page["id"])
    c = a["children"][0]["children"][0]
    client.append_children(c["id"], [para("d", [para("e", [para("f")])])])
    assert len(notion.page_blocks(page["id"])[0]["children"][0]["children"][0]["children"]) == 1


def test_answers_look_like_notion(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [{"heading_2": {"rich_text": [{"text": {"content": "H"},
                                                                    "annotations": {"bold": True}}]}},
                                      {"to_do": {"rich_text": []}},
                                      {"image": {"external": {"url": "https://example.org/a.png"}}}])
    heading, todo, image = client.list_children(page["id"])
    run = heading["heading_2"]["rich_text"][0]
    assert run["plain_text"] == "H" and run["href"] is None and run["annotations"]["bold"] is True
    assert run["annotations"]["italic"] is False and run["annotations"]["color"] == "default"
    assert heading["heading_2"]["is_toggleable"] is False and heading["heading_2"]["color"] == "default"
    assert todo["to_do"]["checked"] is False
    assert image["image"] == {"type": "external", "external": {"url": "https://example.org/a.png"}, "caption": []}
    for block in (heading, todo, image):
        assert block["in_trash"] is False and block["has_children"] is False and block["created_time"]
    assert page["properties"]["tags"] == {"id": page["properties"]["tags"]["id"], "type": "multi_select",
                                          "multi_select": []}


def test_block_type_cannot_change_and_trashed_blocks_disappear(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [para("a", [para("child")]), para("b")])
    a, b = client.list_children(page["id"])
    assert a["has_children"] is True
    with pytest.raises(NotionValidationError, match="cannot be changed"):
        client.update_block(b["id"], {"quote": {"rich_text": []}})
    client.delete_block(a["id"])
    assert [blk["id"] for blk in client.list_children(page["id"])] == [b["id"]]
    with pytest.raises(NotionValidationError, match="archived"):
        client.update_block(a["id"], para("again"))
    with pytest.raises(NotionValidationError, match="does not support children"):
        client.append_children(page["id"], [{"divider": {}}])
        client.append_children(client.list_children(page["id"])[-1]["id"], [para("x")])


def test_block_cap_of_a_free_workspace(notion: FakeNotion, client: NotionClient) -> None:
    notion.block_limit = 5
    page = page_with(client, notion, [para(str(i)) for i in range(4)])
    with pytest.raises(NotionValidationError, match="block limit") as info:
        client.append_children(page["id"], [para("x"), para("y")])
    assert info.value.created == []  # type: ignore[attr-defined]
    assert notion.blocks_created == 4


def test_failed_chunk_reports_what_landed(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [])
    notion.inject("PATCH", r"/children$", 503, after=1)  # the first request lands, the second fails
    with pytest.raises(WriteOutcomeUnknown, match="100 of 150 blocks") as info:
        client.append_children(page["id"], [para(str(i)) for i in range(150)])
    assert len(info.value.created) == 100  # type: ignore[attr-defined]


def test_protocol_headers_are_checked(notion: FakeNotion) -> None:
    url = f"{notion.url}/v1/data_sources/{notion.data_source_id}"
    auth = {"Authorization": f"Bearer {notion.token}"}
    assert requests.get(url, headers=auth, timeout=5).json()["code"] == "missing_version"
    assert requests.get(url, headers={**auth, "Notion-Version": "2022-06-28"}, timeout=5).status_code == 400
    assert len(notion.violations) == 2
    notion.violations.clear()
    answer = requests.get(url, headers={"Authorization": "Bearer nope", "Notion-Version": NOTION_VERSION}, timeout=5)
    assert answer.status_code == 401 and answer.json()["code"] == "unauthorized"
    assert answer.headers["x-request-id"] == answer.json()["request_id"]


def test_query_filters_paginates_and_skips_trashed_pages(client: NotionClient, notion: FakeNotion) -> None:
    ids = []
    for slug in ("a", "b", "a"):
        ids.append(client.create_page({"parent": {"data_source_id": notion.data_source_id}, "properties": {
            "title": {"title": [{"text": {"content": slug.upper()}}]},
            "slug": {"rich_text": [{"text": {"content": slug}}]}}})["id"])
    assert len(client.find_pages_by_property(notion.data_source_id, "slug", "a")) == 2
    assert len(client.find_pages_by_property(notion.data_source_id, "title", "B", "title")) == 1
    client.trash_page(ids[0])
    assert [p["id"] for p in client.find_pages_by_property(notion.data_source_id, "slug", "a")] == [ids[2]]
    assert client.retrieve_page(ids[0])["in_trash"] is True
    assert client.retrieve_block(ids[1])["type"] == "child_page"


def test_updating_an_image_replaces_its_source(client: NotionClient, notion: FakeNotion, tmp_path: object) -> None:
    page = page_with(client, notion, [{"image": {"external": {"url": "https://example.org/a.png"},
                                                 "caption": [{"text": {"content": "cap"}}]}}])
    [image] = client.list_children(page["id"])
    client.update_block(image["id"], {"image": {"external": {"url": "https://example.org/b.png"}}})
    [image] = client.list_children(page["id"])
    assert image["image"]["external"] == {"url": "https://example.org/b.png"}
    assert image["image"]["caption"][0]["plain_text"] == "cap"  # untouched fields are kept, as in Notion


# -- the read-only fields real answers carry ------------------------------------------------------------


def numbered(text: str, children: list | None = None) -> dict:
    content: dict = {"rich_text": [{"text": {"content": text}}]}
    if children:
        content["children"] = children
    return {"numbered_list_item": content}


def test_numbered_lists_say_where_they_start(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [numbered("a", [numbered("a.1"), numbered("a.2")]), numbered("b"), para("x"),
                                      numbered("c")])
    a, b, _, c = client.list_children(page["id"])
    assert (a["numbered_list_item"]["list_start_index"], a["numbered_list_item"]["list_format"]) == (1, "numbers")
    assert "list_start_index" not in b["numbered_list_item"] and "list_format" not in b["numbered_list_item"]
    assert c["numbered_list_item"]["list_start_index"] == 1  # a paragraph ends a list: a new one starts
    first, second = client.list_children(a["id"])
    assert first["numbered_list_item"]["list_format"] == "letters" and "list_format" not in second["numbered_list_item"]
    client.delete_block(a["id"])
    assert client.list_children(page["id"])[0]["numbered_list_item"]["list_start_index"] == 1  # b is first now


def test_answers_carry_2026_fields_only(client: NotionClient, notion: FakeNotion) -> None:
    page = page_with(client, notion, [para("p")])
    [block] = client.list_children(page["id"])
    assert block["paragraph"]["icon"] is None and block["paragraph"]["color"] == "default"
    assert "archived" not in block and "archived" not in page  # removed by API version 2026-03-11
    assert (page["in_trash"], page["is_archived"], page["is_locked"]) == (False, False, False)
    assert page["icon"] is None and page["cover"] is None
    assert client.delete_block(block["id"])["in_trash"] is True


def upload(client: NotionClient, tmp_path: object, name: str = "my chart.png") -> str:
    from pathlib import Path

    path = Path(str(tmp_path)) / "chart.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    return client.upload_file(path, filename=name)


def test_uploaded_files_come_back_as_signed_s3_urls(client: NotionClient, notion: FakeNotion, tmp_path: object) -> None:
    upload_id = upload(client, tmp_path)
    page = page_with(client, notion, [{"image": {"type": "file_upload", "file_upload": {"id": upload_id}}}])
    first = client.list_children(page["id"])[0]["image"]
    second = client.list_children(page["id"])[0]["image"]
    assert first["type"] == "file" and "file_upload" not in first
    url = first["file"]["url"]
    assert url.startswith("https://prod-files-secure.s3.us-west-2.amazonaws.com/")
    workspace, file_id, name = url.split("?")[0].split("/")[3:6]
    assert name == "my%20chart.png" and file_id != upload_id and len(workspace) == 36
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
    assert second["file"]["url"] != url  # a new signature on every read: never compare URLs
    assert first["file"]["expiry_time"] > "2026"


def test_page_icon_and_cover_are_checked_and_uploads_signed(client: NotionClient, notion: FakeNotion,
                                                            tmp_path: object) -> None:
    page = page_with(client, notion, [])
    refused_icon = {"icon": {"type": "emoji", "emoji": "rocket"}}
    with pytest.raises(NotionValidationError, match="valid emoji"):
        client.update_page(page["id"], refused_icon)
    updated = client.update_page(page["id"], {"icon": {"type": "emoji", "emoji": "🚀"},
                                              "cover": {"type": "file_upload",
                                                        "file_upload": {"id": upload(client, tmp_path, "c.png")}}})
    assert updated["icon"] == {"type": "emoji", "emoji": "🚀"}
    assert updated["cover"]["type"] == "file" and "/c.png?X-Amz-" in updated["cover"]["file"]["url"]
    cleared = client.update_page(page["id"], {"cover": None})
    assert cleared["cover"] is None and cleared["icon"]["emoji"] == "🚀"


def test_select_options_are_added_only_with_schema_access(client: NotionClient, notion: FakeNotion) -> None:
    def create(category: str) -> dict:
        return client.create_page({"parent": {"data_source_id": notion.data_source_id}, "properties": {
            "title": {"title": [{"text": {"content": "T"}}]}, "category": {"select": {"name": category}}}})

    made = create("Weekly")["properties"]["category"]["select"]
    assert made["name"] == "Weekly" and made["id"] and made["color"]  # ids and colours come back
    assert [o["name"] for o in notion.schema()["category"]["select"]["options"]] == ["Weekly"]
    notion.schema_editable = False
    assert create("Weekly")["properties"]["category"]["select"]["id"] == made["id"]
    with pytest.raises(NotionValidationError, match="cannot edit the database's schema"):
        create("Daily")


def test_query_limits_properties_to_filter_properties_and_caps_results(client: NotionClient,
                                                                        notion: FakeNotion) -> None:
    for i in range(5):
        client.create_page({"parent": {"data_source_id": notion.data_source_id},
                            "properties": {"title": {"title": [{"text": {"content": f"P{i}"}}]}}})
    schema = notion.schema()
    keep = [schema["slug"]["id"], schema["title"]["id"]]
    full = client.query_pages(notion.data_source_id)
    assert full.complete and len(full.pages) == 5 and "summary" in full.pages[0]["properties"]
    some = client.query_pages(notion.data_source_id, filter_properties=keep)
    assert all(set(p["properties"]) == {"slug", "title"} for p in some.pages)
    assert notion.calls[-1].query["filter_properties"] == keep

    refused(notion, lambda: client.query_pages(notion.data_source_id, filter_properties=["nope"]), "nope")
    refused(notion, lambda: client.query_pages(notion.data_source_id, {"page_size": 101}), "page_size")

    notion.query_result_limit = 3  # Notion's is 10,000: has_more false, and request_status says so
    capped = client.query_pages(notion.data_source_id, {"page_size": 2})
    assert not capped.complete and len(capped.pages) == 3


def test_data_source_update_adds_renames_and_removes_columns(client: NotionClient, notion: FakeNotion) -> None:
    page = client.create_page({"parent": {"data_source_id": notion.data_source_id},
                               "properties": {"title": {"title": [{"text": {"content": "P"}}]}}})
    client.update_data_source(notion.data_source_id, {"properties": {"fp": {"rich_text": {}, "description": "d"}}})
    assert notion.schema()["fp"]["type"] == "rich_text"
    assert client.retrieve_page(page["id"])["properties"]["fp"] == {"id": notion.schema()["fp"]["id"],
                                                                     "type": "rich_text", "rich_text": []}
    client.update_data_source(notion.data_source_id, {"properties": {"fp": {"name": "fingerprint"}, "icon": None}})
    assert "fingerprint" in notion.schema() and "icon" not in notion.schema()
    assert "fingerprint" in client.retrieve_page(page["id"])["properties"]
    refused(notion, lambda: client.update_data_source(notion.data_source_id, {"properties": {"x": {"text": {}}}}),
            "UpdateDataSource")
    with pytest.raises(NotionValidationError, match="title"):
        client.update_data_source(notion.data_source_id, {"properties": {"title": None}})


def test_heading_4_is_a_heading_like_the_others(client: NotionClient, notion: FakeNotion) -> None:
    """Notion's deepest heading: coloured, toggleable, childless unless toggleable (like heading_1–3)."""
    toggleable = {"heading_4": {"rich_text": [{"text": {"content": "T"}}], "is_toggleable": True}}
    page = page_with(client, notion, [{"heading_4": {"rich_text": [{"text": {"content": "Four"}}]}}, toggleable])
    plain, toggle = client.list_children(page["id"])
    assert plain["type"] == "heading_4"
    assert plain["heading_4"]["color"] == "default" and plain["heading_4"]["is_toggleable"] is False
    assert plain["heading_4"]["rich_text"][0]["plain_text"] == "Four"
    client.append_children(toggle["id"], [para("inside")])
    with pytest.raises(NotionValidationError, match="heading_4 does not support children"):
        client.append_children(plain["id"], [para("x")])


def test_lower_case_link_schemes_and_notion_paths_are_accepted(client: NotionClient, notion: FakeNotion) -> None:
    links = ["mailto:x@y.z", "https://e.x/a?b=c#d", "/0123456789abcdef0123456789abcdef"]
    page = page_with(client, notion, [{"paragraph": {"rich_text": [{"text": {"content": u, "link": {"url": u}}}
                                                                   for u in links]}}])
    (block,) = client.list_children(page["id"])
    assert [r["href"] for r in block["paragraph"]["rich_text"]] == links


def test_property_ids_are_unique_within_a_data_source() -> None:
    """A listing names the columns it wants by id: two columns sharing one would drop one of them
    from every page of the listing (a status read back empty, once a run, before ids were unique)."""
    ids = [column["id"] for _ in range(2000) for column in notionnext_schema("status").values()
           if column["id"] != "title"]
    assert len(ids) == len(set(ids))  # 18,000 ids, all new (four random hex digits always repeated here)
