"""Three-way merge of the page, the post and the version last published."""

from __future__ import annotations

import pytest

from recweekly.publish.merge3 import merge3, merge_values


def merged(base: str, page: str, new: str, **options: bool) -> tuple[str, int]:
    result = merge3(list(base), list(page), list(new), **options)
    text = "".join((page if side == "page" else new)[index] for side, index in result.items)
    return text, len(result.conflicts)


@pytest.mark.parametrize(("base", "page", "new", "options", "expected"), [
    pytest.param("abcde", "abXde", "abcdY", {}, ("abXdY", 0), id="each side keeps its own edits (change, add)"),
    pytest.param("abcde", "abde", "Zabcde", {}, ("Zabde", 0), id="each side keeps its own edits (remove, add)"),
    pytest.param("abcd", "abCd", "aBcd", {}, ("aBCd", 0), id="neighbouring edits on either side do not conflict"),
    pytest.param("abc", "aXc", "aXc", {}, ("aXc", 0), id="the same edit on both sides is taken once"),
    pytest.param("abc", "aXc", "aYc", {}, ("aYc", 1), id="different edits of one stretch conflict: the post wins"),
    pytest.param("abc", "aXc", "aYc", {"prefer_page": True}, ("aXc", 1),
                 id="different edits of one stretch conflict: the page wins when asked"),
])
def test_merged_text_and_conflicts(base: str, page: str, new: str, options: dict[str, bool],
                                   expected: tuple[str, int]) -> None:
    assert merged(base, page, new, **options) == expected


def test_without_a_notion_edit_the_merge_is_the_post() -> None:
    result = merge3(list("abc"), list("abc"), list("aXbc"))
    assert not result.differs_from_new(4) and not result.conflicts


def test_values_merge_key_by_key() -> None:
    sides, conflicts = merge_values({"t": 1, "s": 1, "u": 1}, {"t": 2, "s": 1, "u": 3}, {"t": 1, "s": 2, "u": 4})
    assert sides == {"t": "page", "s": "new", "u": "page"} and conflicts == ["u"]
    assert merge_values(None, {"t": 2}, {"t": 1}) == ({"t": "page"}, [])  # no base: every difference is Notion's
