"""When two spellings are one title (`recweekly/notes/titles.py`), and the queries built from a title."""

from __future__ import annotations

import pytest

from recweekly.notes.titles import normalise_title, phrase_query, title_key, words_query


@pytest.mark.parametrize(("a", "b"), [
    ("Why Do Generative Retrievers Forget Rare Items?", "why do generative  retrievers forget rare items"),
    ("ＨＡＬＯ: Attention", "HALO: attention."),
    ("Top-K Recs", " top-k\trecs "),
])
def test_titles_that_are_the_same_title(a: str, b: str) -> None:
    assert normalise_title(a) == normalise_title(b) and title_key(a) == title_key(b)


def test_titles_that_are_other_papers() -> None:
    assert normalise_title("Contrastive Pretraining for Cold-Start Bundles") != normalise_title(
        "Contrastive Pretraining for Cold-Start Bundles in Food Delivery")
    assert normalise_title("Top-K Recs") != normalise_title("Top K Recs")


def test_queries_leave_out_what_the_query_language_reserves() -> None:
    assert phrase_query('On "1.58-bit" (Ternary) LLMs: AND/OR?') == 'ti:"on 1.58 bit ternary llms and or"'
    assert words_query("The Art of the Feed: A Study") == "ti:art AND ti:feed AND ti:study"
    assert words_query("On the A") is None
