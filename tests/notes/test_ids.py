"""arXiv ids as people paste them (`recweekly/notes/ids.py`)."""

from __future__ import annotations

import pytest

from recweekly.notes.ids import BadArxivId, id_to_filename, normalize_arxiv_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2603.03988", "2603.03988"),
        ("2603.03988v2", "2603.03988"),
        ("arXiv:2603.03988", "2603.03988"),
        ("ARXIV:2603.03988v1", "2603.03988"),
        ("https://arxiv.org/abs/2603.03988", "2603.03988"),
        ("https://arxiv.org/abs/2603.03988v3", "2603.03988"),
        ("https://arxiv.org/pdf/2603.03988v1.pdf", "2603.03988"),
        ("http://export.arxiv.org/abs/2603.03988", "2603.03988"),
        ("1501.0001", "1501.0001"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("math.GT/0309136v2", "math.GT/0309136"),
        ("  2603.03988 ", "2603.03988"),
        ("arxiv.org/abs/2603.03988v2", "2603.03988"),
    ],
)
def test_accepted_spellings(text: str, expected: str) -> None:
    assert normalize_arxiv_id(text) == expected


@pytest.mark.parametrize("text", ["", "2603", "2603.039", "abc", "2603.03988v", "https://example.com/2603.03988"])
def test_rejected(text: str) -> None:
    with pytest.raises(BadArxivId, match="not an arXiv id"):
        normalize_arxiv_id(text)


def test_old_style_filename_has_no_slash() -> None:
    assert id_to_filename("hep-th/9901001") == "hep-th_9901001.md"
