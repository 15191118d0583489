"""The contract helper itself: schemas load, and bad bodies are rejected with a useful path."""

from __future__ import annotations

import pytest

from tests.contract.validate import SCHEMA_NAMES, request_slice, validate_body, validator


def test_all_schemas_are_present_and_valid_draft7() -> None:
    # the seven shared ones, plus UpdateDataSource (publish --setup) generated here the same way
    assert len(SCHEMA_NAMES) == 8 and "UpdateDataSourceBodyParameters" in SCHEMA_NAMES
    for name in SCHEMA_NAMES:
        assert validator(name) is validator(name)  # built once


def test_rejects_wrong_types_and_unknown_keys() -> None:
    good = {"children": [{"object": "block", "type": "divider", "divider": {}}]}
    validate_body("AppendBlockChildrenBodyParameters", good)
    bad = {"children": [{"type": "paragraph", "paragraph": {"rich_text": [], "colour": "red"}}]}
    with pytest.raises(AssertionError, match="children/0"):
        validate_body("AppendBlockChildrenBodyParameters", bad)
    with pytest.raises(AssertionError):
        validate_body(
            "AppendBlockChildrenBodyParameters",
            {"children": [{"type": "code", "code": {"rich_text": [], "language": "py"}}]},
        )


def test_depth_three_is_rejected_and_request_slice_trims_it() -> None:
    def item(name: str, kids: list | None = None) -> dict:
        body: dict = {"rich_text": [{"type": "text", "text": {"content": name}}]}
        if kids:
            body["children"] = kids
        return {"object": "block", "type": "bulleted_list_item", "bulleted_list_item": body}

    deep = [item("0", [item("1", [item("2", [item("3")])])])]
    with pytest.raises(AssertionError):
        validate_body("AppendBlockChildrenBodyParameters", {"children": deep})
    sliced = request_slice(deep)
    validate_body("AppendBlockChildrenBodyParameters", {"children": sliced})
    level2 = sliced[0]["bulleted_list_item"]["children"][0]["bulleted_list_item"]["children"][0]
    assert "children" not in level2["bulleted_list_item"]
    assert (
        "children"
        in deep[0]["bulleted_list_item"]["children"][0]["bulleted_list_item"]["children"][0]["bulleted_list_item"]
    )
