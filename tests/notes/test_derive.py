"""A note's own words (`recweekly/notes/derive.py`): the model in its title, and keyword suggestions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import Config, config_from_mapping
from recweekly.errors import ConfigError
from recweekly.notes.derive import derived_fields, model_from_title, suggest, suggested_fields
from recweekly.notes.model import Note

CONFIG = Config(root=Path("."))


@pytest.mark.parametrize(("title", "model"), [
    ("SMES: Towards Scalable Multi-Task Recommendation via Expert Sparsity", "SMES"),
    ("HeMix: Query-Mixed Interest Extraction", "HeMix"),
    ("MLLMRec-R1: Incentivizing Reasoning", "MLLMRec-R1"),
    ("R4T: Fan-Out Retrieval", "R4T"),
    ("Kunlun: Establishing Scaling Laws", "Kunlun"),
    ("DSRM-HRL: Fairness Begins with State", "DSRM-HRL"),
    ("Beyond Text: Aligning Vision and Language", None),
    ("k-hop Fairness: Addressing Disparities", None),
    ("Cold-Start: a Survey", None),
    ("Survey: Generative Recommendation", None),
    ("Rethinking: What Makes a Good Ranker", None),
    ("Query-Mixed Interest Extraction and Heterogeneous Interaction: A Scalable CTR Model", None),
    ("Scaling Laws for Reranking in Information Retrieval", None),
    ("SORT：一个系统优化的排序 Transformer", "SORT"),
])
def test_the_model_is_the_name_before_the_titles_colon(title: str, model: str | None) -> None:
    assert model_from_title(title) == model


def test_the_title_weighs_three_times_and_acronyms_match_as_written() -> None:
    rules = {"llm": ("LLM", "大模型"), "ranking": ("ranking", "CTR")}
    assert suggest(rules, "LLM Rerankers", ["a ranking model", "more ranking"]) == ("llm", ["LLM"])
    assert suggest(rules, "A study", ["llm in lower case is not the acronym", "ranking"]) == ("ranking", ["ranking"])
    assert suggest(rules, "A study", ["用大模型做推荐", "LLMs everywhere"])[0] == "llm"  # plural of an acronym too
    assert suggest(rules, "Nothing here", ["at all"]) == (None, [])


def test_configured_rules_replace_the_built_in_ones(tmp_path: Path) -> None:
    config = config_from_mapping({"suggest": {"category": {"other": ["survey"]}}}, root=tmp_path)
    assert config.suggest.category == {"other": ("survey",)}
    assert "ranking" in config.suggest.theme  # the theme rules were not given: built in
    assert suggested_fields("A Survey of Ranking", [], config) == {"suggested_category": "other",
                                                                   "suggested_theme": "ranking"}


@pytest.mark.parametrize(("table", "field"), [
    ({"suggest": {"category": {"nope": ["x"]}}}, "suggest.category.nope"),
    ({"suggest": {"category": {"llm": []}}}, "suggest.category.llm"),
    ({"suggest": {"theme": {"ranking": "CTR"}}}, "suggest.theme.ranking"),
    ({"suggest": {"tags": {}}}, "suggest.tags"),
    ({"enrich": {"figure_max_bytes": 0}}, "enrich.figure_max_bytes"),
    ({"enrich": {"figures": "yes"}}, "enrich.figures"),
    ({"enrich": {"cache": ".c"}}, "enrich.cache"),
])
def test_bad_settings_name_the_key(tmp_path: Path, table: dict, field: str) -> None:
    with pytest.raises(ConfigError) as info:
        config_from_mapping(table, root=tmp_path)
    assert [p.field for p in info.value.problems] == [field]


def test_rules_for_categories_the_blog_does_not_have_are_dropped(tmp_path: Path) -> None:
    config = config_from_mapping({"categories": {"misc": {"label": "Misc"}}}, root=tmp_path)
    assert config.suggest.category == {}
    assert "suggested_category" not in suggested_fields("LLM rankers", ["CTR"], config)


def test_derived_fields_fill_only_what_the_note_lacks() -> None:
    note = Note(arxiv="2603.00001", title="TWIRL: Semantic IDs for Generative Retrieval", date=dt.date(2026, 3, 2))
    assert derived_fields(note, CONFIG) == {"model": "TWIRL", "suggested_category": "generative-rec",
                                            "suggested_theme": "generative-rec"}
    decided = note.with_changes(model="Twirl", category="other", suggested_theme="ranking")
    assert derived_fields(decided, CONFIG) == {}
