"""Three-way merge of the page, the post and the version last published."""

from __future__ import annotations

from recweekly.publish.merge3 import merge3, merge_values


def merged(base: str, page: str, new: str, **options: bool) -> tuple[str, int]:
    result = merge3(list(base), list(page), list(new), **options)
    text = "".join((page if side == "page" else new)[index] for side, index in result.items)
    return text, len(result.conflicts)


def test_each_side_keeps_its_own_edits() -> None:
    assert merged("abcde", "abXde", "abcdY") == ("abXdY", 0)  # Notion changed c, git added Y
    assert merged("abcde", "abde", "Zabcde") == ("Zabde", 0)  # Notion removed c, git added Z


def test_neighbouring_edits_on_either_side_do_not_conflict() -> None:
    assert merged("abcd", "abCd", "aBcd") == ("aBCd", 0)


def test_the_same_edit_on_both_sides_is_taken_once() -> None:
    assert merged("abc", "aXc", "aXc") == ("aXc", 0)


def test_different_edits_of_one_stretch_conflict_and_the_post_wins_unless_asked() -> None:
    assert merged("abc", "aXc", "aYc") == ("aYc", 1)
    assert merged("abc", "aXc", "aYc", prefer_page=True) == ("aXc", 1)


def test_without_a_notion_edit_the_merge_is_the_post() -> None:
    result = merge3(list("abc"), list("abc"), list("aXbc"))
    assert not result.differs_from_new(4) and not result.conflicts


def test_values_merge_key_by_key() -> None:
    sides, conflicts = merge_values({"t": 1, "s": 1, "u": 1}, {"t": 2, "s": 1, "u": 3}, {"t": 1, "s": 2, "u": 4})
    assert sides == {"t": "page", "s": "new", "u": "page"} and conflicts == ["u"]
    assert merge_values(None, {"t": 2}, {"t": 1}) == ({"t": "page"}, [])  # no base: every difference is Notion's
