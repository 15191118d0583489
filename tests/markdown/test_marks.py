"""TODO markers and translation-fallback marks, found the same way by the preview page and its index."""

from __future__ import annotations

from recweekly.l10n.fallback import mark, mark_blocks
from recweekly.markdown.marks import MarkCount, MarkScanner, Segment, count_marks


def test_a_todo_marks_the_rest_of_its_line_and_plain_text_is_one_segment() -> None:
    scanner = MarkScanner()
    assert scanner.split("Nothing to do here.") == [Segment("Nothing to do here.")]
    assert scanner.split("Intro. TODO: write it.\nNext line.") == [
        Segment("Intro. "), Segment("TODO: write it.", "todo", True), Segment("\nNext line.")]


def test_the_todo_inside_a_fallback_belongs_to_the_fallback() -> None:
    text = f"Summary: {mark('用贝叶斯方法校准', 'zh', 'en')} done."
    assert MarkScanner().split(text) == [
        Segment("Summary: "), Segment("⟦zh→en TODO: 用贝叶斯方法校准⟧", "fallback", True), Segment(" done.")]
    assert count_marks(text) == MarkCount(todos=0, fallbacks=1)


def test_a_block_fallback_spans_the_text_fed_after_it_until_its_closing_bracket() -> None:
    scanner = MarkScanner()
    opening, *inside, closing = mark_blocks("#### Why it matters\n\nFirst paper.", "en", "zh").split("\n\n")
    assert scanner.split(opening) == [Segment(opening, "fallback", True)]
    assert [scanner.split(text) for text in inside] == [[Segment(text, "fallback")] for text in inside]
    assert scanner.split(closing + " After. TODO: x") == [
        Segment("⟧", "fallback"), Segment(" After. "), Segment("TODO: x", "todo", True)]
    assert not scanner.in_fallback


def test_count_covers_front_matter_and_every_line() -> None:
    text = ("---\nsummary: 'TODO: one sentence'\n---\n\nTODO: overview\n\n"
            f"{mark('An English take', 'en', 'zh')}\n\n<!-- TODO: hidden in a comment -->\n")
    count = count_marks(text)
    assert count == MarkCount(todos=3, fallbacks=1) and count.total == 4
