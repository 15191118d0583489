"""Configuration: defaults, both file locations, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.config import find_config_file, load_config
from recweekly.errors import ConfigError


def test_defaults_without_any_config(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.root == tmp_path.resolve()
    assert config.languages == ("en", "zh")
    assert config.categories["discriminative-rec"].label["zh"] == "判别式推荐"
    assert config.categories["discriminative-rec"].short["zh"] == "判别式"
    assert config.find_org("快手").key == "Kuaishou"
    assert config.find_org("kuaishou").name["zh"] == "快手"
    assert config.find_org("Nowhere Labs") is None


def test_recweekly_toml_wins_and_is_found_from_a_subdirectory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.recweekly]\nname = "From pyproject"\n', encoding="utf-8")
    (tmp_path / "recweekly.toml").write_text('name = "From recweekly.toml"\n', encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    config = load_config(sub)
    assert config.name == "From recweekly.toml"
    assert config.root == tmp_path.resolve()


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.recweekly]\nname = "Blog"\ndefault_lang = "zh"\n[tool.recweekly.compose]\nkey_paper_score = 7\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert (config.name, config.default_lang, config.compose.key_paper_score) == ("Blog", "zh", 7)
    assert find_config_file(tmp_path) == tmp_path / "pyproject.toml"


def test_pyproject_without_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(tmp_path) is None or find_config_file(tmp_path) != tmp_path / "pyproject.toml"


def test_unknown_keys_and_bad_values_are_all_reported_by_name(tmp_path: Path) -> None:
    (tmp_path / "recweekly.toml").write_text(
        'nmae = "typo"\ndefault_lang = "fr"\n[compose]\nkey_paper_score = "high"\n'
        '[notion]\nunpublish = "burn"\nshiny = 1\n[orgs.Acme]\nkind = "company"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    fields = {p.field for p in info.value.problems}
    assert {"nmae", "default_lang", "compose.key_paper_score", "notion.unpublish", "notion.shiny",
            "orgs.Acme.kind"} <= fields
    assert "recweekly.toml" in str(info.value)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "recweekly.toml").write_text('name = "unterminated\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "recweekly.toml" in str(info.value)
    assert "TOML" in str(info.value)


def test_categories_replace_and_orgs_extend(tmp_path: Path) -> None:
    (tmp_path / "recweekly.toml").write_text(
        '[categories.ranking]\nlabel = {en = "Ranking", zh = "排序"}\nshort = {en = "Rank", zh = "排序"}\n'
        '[orgs."Acme Labs"]\nzh = "阿克米"\nkind = "industry"\naliases = ["ACME"]\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert list(config.categories) == ["ranking"]
    assert config.find_org("acme").name["zh"] == "阿克米"
    assert config.find_org("Kuaishou") is not None  # defaults kept


def test_post_categories_per_language_or_one_string(tmp_path: Path) -> None:
    (tmp_path / "recweekly.toml").write_text(
        '[compose]\nweekly_category = "Weekly"\ndaily_category = {en = "Daily", zh = "每日"}\n', encoding="utf-8")
    compose = load_config(tmp_path).compose
    assert compose.weekly_category == {"en": "Weekly", "zh": "Weekly"}
    assert compose.daily_category == {"en": "Daily", "zh": "每日"}
    (tmp_path / "recweekly.toml").write_text('[compose]\ndaily_category = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"compose.daily_category: expected a table of strings"):
        load_config(tmp_path)


def test_draft_settings_have_defaults_and_bad_values_name_their_key(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.compose.paper_url == "https://arxiv.org/abs/{id}"
    assert config.compose.roundup_only_themes == ("Other",)
    assert (config.compose.weekly_tags, config.compose.weekly_note_tags) == ((), 0)
    assert (config.compose.daily_note_tags, config.compose.daily_affiliation_tag) == (3, True)
    (tmp_path / "recweekly.toml").write_text(
        '[compose]\nroundup_only_themes = ["其他", "Multimodal Recommendation"]\nweekly_tags = ["推荐系统"]\n',
        encoding="utf-8")
    config = load_config(tmp_path)
    assert config.compose.roundup_only_themes == ("其他", "Multimodal Recommendation")
    assert config.compose.weekly_tags == ("推荐系统",)
    (tmp_path / "recweekly.toml").write_text(
        '[compose]\nroundup_only_themes = ["Misc"]\npaper_url = "https://arxiv.org/abs/"\n'
        'weekly_tags = "推荐系统"\ndaily_note_tags = -1\ndaily_affiliation_tag = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    messages = {p.field: p.message for p in info.value.problems}
    assert set(messages) == {"compose.roundup_only_themes", "compose.paper_url", "compose.weekly_tags",
                             "compose.daily_note_tags", "compose.daily_affiliation_tag"}
    assert "'Misc' is neither a theme" in messages["compose.roundup_only_themes"]
    assert "{id}" in messages["compose.paper_url"]


def test_post_url_settings_default_to_notionnexts_and_are_checked_like_notionnext_reads_them(tmp_path: Path) -> None:
    notion = load_config(tmp_path).notion
    assert (notion.post_url_prefix, notion.post_url_prefix_mapping_category, notion.lang_prefix,
            notion.pseudo_static) == ("article", {}, {}, False)
    (tmp_path / "recweekly.toml").write_text(
        '[notion]\npost_url_prefix = "article/%year%/%month%"\nlang_prefix = {en = "en"}\n'
        'post_url_prefix_mapping_category = {"日报" = "daily"}\npseudo_static = true\n', encoding="utf-8")
    notion = load_config(tmp_path).notion
    assert (notion.post_url_prefix, notion.lang_prefix, notion.post_url_prefix_mapping_category,
            notion.pseudo_static) == ("article/%year%/%month%", {"en": "en"}, {"日报": "daily"}, True)
    (tmp_path / "recweekly.toml").write_text(
        '[notion]\npost_url_prefix = "article/%postname%/x-%year%"\nlang_prefix = {fr = "fr", en = "en/x"}\n'
        'pseudo_static = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    messages = [(p.field, p.message) for p in info.value.problems]
    assert [f for f, _ in messages] == ["notion.pseudo_static", "notion.post_url_prefix", "notion.post_url_prefix",
                                        "notion.lang_prefix.fr", "notion.lang_prefix.en"]
    assert "NotionNext drops the segment '%postname%'" in messages[1][1]
    assert "'x-%year%'" in messages[2][1]
