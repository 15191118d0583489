"""The diff between a page's blocks and a post's blocks: fewest operations, in the right place."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from recweekly.publish.blockdiff import (
    DeleteBlock,
    InsertBlocks,
    RemoteBlock,
    UpdateBlock,
    diff_blocks,
    upload_hash_from_name,
)

_ids = itertools.count(1)


def text(content: str, **ann: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "text", "text": {"content": content}}
    if ann:
        item["annotations"] = ann
    return item


def para(*runs: str) -> dict[str, Any]:
    return {"type": "paragraph", "paragraph": {"rich_text": [text(r) for r in runs]}}


def bullet(label: str, *children: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = {"rich_text": [text(label)]}
    if children:
        payload["children"] = list(children)
    return {"type": "bulleted_list_item", "bulleted_list_item": payload}


def readback(block: dict[str, Any]) -> RemoteBlock:
    """What Notion returns for a created block: ids, defaults filled in, plain_text, href."""
    btype = block["type"]
    payload = copy.deepcopy(block[btype])
    kids = payload.pop("children", [])
    for key in ("rich_text", "caption"):
        if key in payload or (key == "rich_text" and btype != "divider"):
            runs = []
            for item in payload.get(key, []):
                full = {"type": "text", "text": {"content": item["text"]["content"], "link": None},
                        "annotations": {"bold": False, "italic": False, "strikethrough": False,
                                        "underline": False, "code": False, "color": "default",
                                        **item.get("annotations", {})},
                        "plain_text": item["text"]["content"], "href": None}
                runs.append(full)
            if key in payload or btype not in ("image", "divider", "equation", "table"):
                payload[key] = runs
    payload.setdefault("color", "default")
    return RemoteBlock(f"id-{next(_ids)}", btype, payload, [readback(k) for k in kids])


def page(*blocks: dict[str, Any]) -> list[RemoteBlock]:
    return [readback(b) for b in blocks]


def test_unchanged_blocks_need_no_operation_even_though_notion_filled_defaults() -> None:
    new = [para("Hello ", "world"), bullet("a", bullet("b", bullet("c"))), {"type": "divider", "divider": {}}]
    assert diff_blocks("page", page(*new), new) == []


def test_runs_split_differently_but_same_text_and_style_are_equal() -> None:
    old = page(para("Hello world"))
    assert diff_blocks("page", old, [para("Hello ", "world")]) == []


def test_editing_one_paragraph_is_one_update_in_place() -> None:
    new = [para(f"paragraph {i}") for i in range(50)]
    old = page(*new)
    edited = list(new)
    edited[20] = para("paragraph 20, rewritten")
    ops = diff_blocks("page", old, edited)
    assert len(ops) == 1
    op = ops[0]
    assert isinstance(op, UpdateBlock) and op.block_id == old[20].id
    assert op.body["paragraph"]["rich_text"][0]["text"]["content"] == "paragraph 20, rewritten"


def test_new_block_is_inserted_after_its_predecessor() -> None:
    new = [para("one"), para("two"), para("three")]
    old = page(*new)
    ops = diff_blocks("page", old, [new[0], para("one and a half"), new[1], new[2]])
    assert len(ops) == 1 and isinstance(ops[0], InsertBlocks)
    assert ops[0].after_id == old[0].id and ops[0].parent_id == "page"


def test_insert_at_the_very_start_uses_position_start() -> None:
    new = [para("one"), para("two")]
    old = page(*new)
    ops = diff_blocks("page", old, [para("zero"), *new])
    assert len(ops) == 1 and isinstance(ops[0], InsertBlocks)
    assert ops[0].after_id is None and ops[0].at_start


def test_removed_block_is_trashed_and_nothing_else_changes() -> None:
    new = [para("one"), para("two"), para("three")]
    old = page(*new)
    ops = diff_blocks("page", old, [new[0], new[2]])
    assert ops == [DeleteBlock(old[1].id, "paragraph", ops[0].where)]


def test_type_change_replaces_the_block() -> None:
    old = page(para("one"), para("two"))
    ops = diff_blocks("page", old, [para("one"), {"type": "heading_2", "heading_2": {"rich_text": [text("two")]}}])
    kinds = sorted(type(op).__name__ for op in ops)
    assert kinds == ["DeleteBlock", "InsertBlocks"]
    insert = next(op for op in ops if isinstance(op, InsertBlocks))
    assert insert.after_id == old[0].id


def test_change_deep_in_a_nested_list_touches_only_that_item() -> None:
    new = [bullet("a", bullet("b", bullet("c", bullet("d"))))]
    old = page(*new)
    edited = [bullet("a", bullet("b", bullet("c", bullet("d!"))))]
    ops = diff_blocks("page", old, edited)
    deepest = old[0].children[0].children[0].children[0]
    assert len(ops) == 1 and isinstance(ops[0], UpdateBlock) and ops[0].block_id == deepest.id


def test_new_child_is_appended_under_its_existing_parent() -> None:
    new = [bullet("a", bullet("b"))]
    old = page(*new)
    ops = diff_blocks("page", old, [bullet("a", bullet("b"), bullet("c"))])
    assert len(ops) == 1 and isinstance(ops[0], InsertBlocks)
    assert ops[0].parent_id == old[0].id and ops[0].after_id == old[0].children[0].id


def test_style_change_is_an_update() -> None:
    old = page(para("x"))
    bold = {"type": "paragraph", "paragraph": {"rich_text": [text("x", bold=True)]}}
    ops = diff_blocks("page", old, [bold])
    assert len(ops) == 1 and isinstance(ops[0], UpdateBlock)


def test_table_width_change_replaces_table_but_cell_edit_updates_row() -> None:
    def table(width: int, *rows: list[str]) -> dict[str, Any]:
        return {"type": "table", "table": {"table_width": width, "has_column_header": True, "children": [
            {"type": "table_row", "table_row": {"cells": [[text(c)] for c in row]}} for row in rows]}}

    def readback_table(block: dict[str, Any]) -> RemoteBlock:
        payload = {k: v for k, v in block["table"].items() if k != "children"}
        rows = [RemoteBlock(f"row-{i}", "table_row", {"cells": [
            [{"type": "text", "text": {"content": c[0]["text"]["content"], "link": None},
              "plain_text": c[0]["text"]["content"]}] for c in r["table_row"]["cells"]]})
            for i, r in enumerate(block["table"]["children"])]
        return RemoteBlock("table-1", "table", payload, rows)

    original = table(2, ["h1", "h2"], ["a", "b"])
    old = [readback_table(original)]
    assert diff_blocks("page", old, [original]) == []
    ops = diff_blocks("page", old, [table(2, ["h1", "h2"], ["a", "B"])])
    assert len(ops) == 1 and isinstance(ops[0], UpdateBlock) and ops[0].block_id == "row-1"
    ops = diff_blocks("page", old, [table(3, ["h1", "h2", "h3"], ["a", "b", "c"])])
    assert sorted(type(op).__name__ for op in ops) == ["DeleteBlock", "InsertBlocks"]


def test_uploaded_image_is_recognised_by_the_hash_in_its_file_name() -> None:
    digest = "0123456789abcdef"
    remote = RemoteBlock("img", "image", {
        "caption": [], "type": "file",
        "file": {"url": f"https://files.example/x/{digest}_chart.png?X-Amz-Expires=3600", "expiry_time": "…"}})
    new = {"type": "image", "image": {"type": "file_upload", "file_upload": {"id": "local:posts/img/chart.png"}}}
    assert diff_blocks("page", [remote], [new], {"posts/img/chart.png": digest}) == []
    ops = diff_blocks("page", [remote], [new], {"posts/img/chart.png": "fedcba9876543210"})
    assert len(ops) == 1 and isinstance(ops[0], UpdateBlock)
    assert ops[0].body == {"image": {"caption": [], "file_upload": {"id": "local:posts/img/chart.png"}}}


def test_upload_hash_parsing() -> None:
    assert upload_hash_from_name("https://h/x/0123456789abcdef_a%20b.png?sig=1") == "0123456789abcdef"
    assert upload_hash_from_name("https://h/x/chart.png") is None


def test_child_pages_added_by_hand_are_never_trashed() -> None:
    old = [*page(para("one")), RemoteBlock("sub", "child_page", {"title": "notes"})]
    assert diff_blocks("page", old, [para("one")]) == []


def test_emptying_a_page_trashes_every_block() -> None:
    old = page(para("one"), bullet("a", bullet("b")))
    ops = diff_blocks("page", old, [])
    assert [type(op) for op in ops] == [DeleteBlock, DeleteBlock]


def numbered(label: str) -> dict[str, Any]:
    return {"type": "numbered_list_item", "numbered_list_item": {"rich_text": [text(label)]}}


def test_fields_no_request_can_set_never_make_a_change() -> None:
    """Notion marks the first item of a numbered list with where and how its numbering starts."""
    new = [numbered("one"), numbered("two"), para("between"), numbered("again")]
    remote = page(*new)
    for block in (remote[0], remote[3]):
        block.payload.update(list_start_index=1, list_format="numbers")
    remote[2].payload["icon"] = None
    remote[2].payload["a_field_a_later_api_adds"] = {"x": 1}
    assert diff_blocks("page", remote, new) == []
    edited = [numbered("one, edited"), *new[1:]]
    [op] = diff_blocks("page", remote, edited)
    assert isinstance(op, UpdateBlock) and op.block_id == remote[0].id  # updated in place, not re-created
    assert op.body == {"numbered_list_item": {"rich_text": [text("one, edited")], "color": "default"}}
