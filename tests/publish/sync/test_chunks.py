"""Splitting deep and long block trees into requests within Notion's limits, losing nothing."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from recweekly.publish.blockdiff import children_of
from recweekly.publish.notion.client import count_blocks
from recweekly.publish.sync.chunks import MAX_ARRAY, MAX_BLOCKS, Deferred, take_chunk


def item(label: str, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"rich_text": [{"type": "text", "text": {"content": label}}]}
    if children:
        payload["children"] = children
    return {"type": "bulleted_list_item", "bulleted_list_item": payload}


def depth(blocks: list[dict[str, Any]]) -> int:
    return max((1 + depth(children_of(b)) for b in blocks), default=0)


def labels(blocks: list[dict[str, Any]]) -> list[str]:
    out = []
    for b in blocks:
        out.append(b[b["type"]]["rich_text"][0]["text"]["content"])
        out += labels(children_of(b))
    return out


def rebuild(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Simulate sending every request and deferred item; return the resulting tree."""
    result: list[dict[str, Any]] = []
    start = 0
    while start < len(blocks):
        chunk, deferred, start = take_chunk(blocks, start)
        assert len(chunk) <= MAX_ARRAY and count_blocks(chunk) <= MAX_BLOCKS and depth(chunk) <= 3
        _check_arrays(chunk)
        base = len(result)
        result += chunk
        for item_ in deferred:
            _attach(result, (base + item_.path[0], *item_.path[1:]), item_)
    return result


def _check_arrays(blocks: list[dict[str, Any]]) -> None:
    for b in blocks:
        kids = children_of(b)
        assert len(kids) <= MAX_ARRAY
        _check_arrays(kids)


def _attach(result: list[dict[str, Any]], path: tuple[int, ...], deferred: Deferred) -> None:
    node = result[path[0]]
    for index in path[1:]:
        node = children_of(node)[index]
    payload = node[node["type"]]
    payload["children"] = list(payload.get("children", [])) + rebuild(deferred.blocks)


def test_deep_list_is_cut_after_two_levels_and_rest_deferred() -> None:
    tree = [item("a", [item("b", [item("c", [item("d", [item("e")])])])])]
    chunk, deferred, nxt = take_chunk(tree)
    assert nxt == 1 and depth(chunk) == 3
    assert deferred == [Deferred((0, 0, 0), [item("d", [item("e")])])]


def test_long_lists_are_split_by_100_and_1000() -> None:
    tree = [item(f"t{i}", [item(f"t{i}.{j}", [item(f"t{i}.{j}.{k}") for k in range(30)]) for j in range(120)])
            for i in range(3)]
    assert labels(rebuild(tree)) == labels(tree)


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.just([]), lambda kids: st.lists(kids, max_size=7), max_leaves=400))
def test_any_tree_survives_splitting_in_order(shape: list[Any]) -> None:
    counter = iter(range(10**6))

    def build(node: list[Any]) -> list[dict[str, Any]]:
        return [item(f"n{next(counter)}", build(child)) for child in node]

    tree = build(shape)
    assert labels(rebuild(tree)) == labels(tree)


def test_table_rows_always_travel_with_their_table() -> None:
    table = {"type": "table", "table": {"table_width": 1, "children": [
        {"type": "table_row", "table_row": {"cells": [[{"type": "text", "text": {"content": "x"}}]]}}]}}
    tree = [item("a", [item("b", [table])])]
    chunk, deferred, _ = take_chunk(tree)
    # the table would sit at the deepest level without its rows: its parent's children wait instead
    assert children_of(children_of(chunk[0])[0]) == []
    assert deferred == [Deferred((0, 0), [table])]
