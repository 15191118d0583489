"""Where fenced code is, as every line scanner of the package sees it (CommonMark's rule)."""

from __future__ import annotations

import pytest

from recweekly.check.references import arxiv_references
from recweekly.compose.papers import demote_headings
from recweekly.fences import FenceTracker


def code_lines(text: str) -> list[bool]:
    fences = FenceTracker()
    return [fences.code(line) for line in text.split("\n")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n```\n# x\n```\nb", [False, True, True, True, False]),
        ("~~~~\n```\n~~~\n~~~~\nb", [True, True, True, True, False]),  # closes on the same mark, as long
        ("```py\n~~~\n```\nb", [True, True, True, False]),
        ("   ```\nx\n   ```", [True, True, True]),  # up to three spaces of indent
        ("    ```\nx", [False, False]),  # four: an indented code line, not a fence
    ],
    ids=["backticks", "tildes-need-as-many", "other-mark-inside", "indented-3", "indented-4"],
)
def test_fences_open_and_close_as_commonmark_says(text: str, expected: list[bool]) -> None:
    assert code_lines(text) == expected


def test_a_heading_in_code_stays_and_an_indented_heading_is_demoted() -> None:
    body = "  # Method\n\n```\n# not a heading\n```\n\n## Results"
    assert demote_headings(body, top=4) == "#### Method\n\n```\n# not a heading\n```\n\n##### Results"


def test_an_arxiv_id_in_fenced_code_is_not_a_reference() -> None:
    text = "See 2603.03988.\n\n~~~\n2603.06397\n~~~\n"
    assert [ref.target for ref in arxiv_references(text)] == ["2603.03988"]
