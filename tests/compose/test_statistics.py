"""Counting rules: first appearance for the 📊 line, counts for prose, themes with Other last."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recweekly.compose import statistics
from recweekly.compose.papers import heading_of, label_of, roundup_text
from recweekly.config import Config
from recweekly.notes.model import Note

CONFIG = Config(root=Path("."))


def note(arxiv: str, **kw: object) -> Note:
    return Note(arxiv=arxiv, title=str(kw.pop("title", f"Paper {arxiv}")), date=dt.date(2026, 3, 2), **kw)  # type: ignore[arg-type]


def test_categories_in_order_of_first_appearance_and_by_count() -> None:
    notes = [note("1", category="llm"), note("2", category="other"), note("3", category="discriminative-rec"),
             note("4", category="discriminative-rec"), note("5", category="llm"), note("6")]
    assert statistics.category_counts(notes) == [("llm", 2), ("other", 1), ("discriminative-rec", 2)]
    assert statistics.by_count(statistics.category_counts(notes)) == [
        ("llm", 2), ("discriminative-rec", 2), ("other", 1)]


def test_affiliations_count_industry_with_mixed_and_skip_unknown() -> None:
    notes = [note("1", orgs=("Alibaba",)), note("2", orgs=("Tencent", "Tsinghua")), note("3", orgs=("USTC",)),
             note("4", orgs=("Nowhere Lab",)), note("5", deep_read=7, affiliation="academic")]
    stats = statistics.period_stats(notes, CONFIG)
    assert (stats.total, stats.industry, stats.academic, stats.unknown, stats.deep_read) == (5, 2, 2, 1, 1)


def test_orgs_by_paper_count_with_aliases_merged() -> None:
    notes = [note("1", orgs=("Kwai",)), note("2", orgs=("Kuaishou", "快手")), note("3", orgs=("Alibaba",))]
    assert statistics.org_counts(notes, CONFIG) == [("Kuaishou", 2), ("Alibaba", 1)]


def test_themes_by_size_then_name_other_last_papers_by_score() -> None:
    notes = [note("1", theme="B", score=5), note("2", theme="A", score=4), note("3", score=9),
             note("4", theme="B", score=8), note("5", theme="A", score=4), note("6", theme="C")]
    groups = statistics.theme_groups(notes, CONFIG)
    assert [g for g, _ in groups] == ["A", "B", "C", None]
    assert [n.arxiv for n in groups[1][1]] == ["4", "1"]
    assert [n.arxiv for n in groups[0][1]] == ["2", "5"]  # a tie keeps collection order


def test_a_theme_named_by_key_or_either_language_is_one_group_and_other_joins_no_theme() -> None:
    notes = [note("1", theme="ranking"), note("2", theme="Ranking Architecture and Efficiency"),
             note("3", theme="排序架构与效率"), note("4", theme="ranking architecture AND efficiency"),
             note("5", theme="Other"), note("6", theme="其他"), note("7"), note("8", theme="Cold Start")]
    groups = statistics.theme_groups(notes, CONFIG)
    assert [(key, [n.arxiv for n in group]) for key, group in groups] == [
        ("ranking", ["1", "2", "3", "4"]), ("Cold Start", ["8"]), (None, ["5", "6", "7"])]


def test_headings_name_the_model_only_when_the_title_does_not_start_with_it() -> None:
    sort = note("2603.03988", title="SORT: A Ranking Transformer", model="SORT")
    assert heading_of(sort) == "SORT: A Ranking Transformer (2603.03988)"
    fan = note("2603.06397", title="Fan-Out Retrieval via Compiled Diffusion", model="R4T")
    assert heading_of(fan) == "Fan-Out Retrieval via Compiled Diffusion (R4T, 2603.06397)"
    assert heading_of(fan, "https://arxiv.org/abs/{id}") == (
        "Fan-Out Retrieval via Compiled Diffusion (R4T, [2603.06397](https://arxiv.org/abs/2603.06397))")
    assert label_of(fan) == "Fan-Out Retrieval via Compiled Diffusion (R4T)" and label_of(sort) == sort.title
    # a model that is only the start of the title's first word is not its prefix
    assert heading_of(note("1", title="Sortable Lists", model="SORT")) == "Sortable Lists (SORT, 1)"


def test_roundup_text_is_one_sentence_whatever_the_summary_ends_with() -> None:
    import gettext

    en = gettext.NullTranslations()
    assert roundup_text("Does X. Then Y.", "Alibaba orders +1%", en) == "Does X. Then Y; Alibaba orders +1%."
    assert roundup_text("Does X", "", en) == "Does X."
    assert roundup_text("Does X.", "", en) == "Does X."
    assert roundup_text("Does X?", "", en) == "Does X?"
    assert roundup_text("", "orders +1%", en) == ""
