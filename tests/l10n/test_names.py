"""Theme and organization names per language from the config's tables, and "did you mean …"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.config import Config, load_config
from recweekly.errors import ConfigError
from recweekly.l10n.names import org_name, suggest_org, suggest_theme, theme_key, theme_name
from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import note_path, run

DEFAULT = Config(root=Path("."))


def config_with(tmp_path: Path, text: str) -> Config:
    (tmp_path / "recweekly.toml").write_text('name = "Blog"\n' + text, encoding="utf-8")
    return load_config(tmp_path)


def test_a_theme_table_replaces_the_defaults_and_names_themes_per_language(tmp_path: Path) -> None:
    config = config_with(tmp_path, '[themes]\ncold-start = { en = "Cold Start", zh = "冷启动" }\n')
    assert list(config.themes) == ["cold-start"]
    for spelling in ("cold-start", "Cold Start", "冷启动", "COLD START"):
        assert theme_key(spelling, config) == "cold-start"
    assert (theme_name("cold-start", "en", config), theme_name("cold-start", "zh", config)) == ("Cold Start", "冷启动")
    assert theme_key("Ranking", config) == "Ranking"  # unknown: kept as written
    assert theme_name("Ranking", "zh", config) is None


def test_theme_table_errors_name_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        config_with(tmp_path, '[themes]\ncold-start = { en = "Cold Start" }\nbad = 3\n')
    text = str(info.value)
    assert "themes.cold-start: missing language(s) ['zh']" in text
    assert "themes.bad: expected a string or a table of strings per language" in text


def test_org_names_per_language_else_their_own(tmp_path: Path) -> None:
    config = config_with(tmp_path, '[orgs."Aalto University"]\nkind = "academic"\n')
    assert org_name("Kwai", "zh", config) == "快手" and org_name("快手", "en", config) == "Kuaishou"
    assert org_name("Aalto University", "zh", config) == "Aalto University"
    assert org_name("Nowhere Lab", "zh", config) == "Nowhere Lab"


@pytest.mark.parametrize(("name", "expected"), [
    ("Renmin University", "Renmin University of China"), ("Tencnet", "Tencent"), ("Kuaishou Technology", "Kuaishou"),
    ("Meta AI", "Meta"), ("Aalto University", None), ("Shopee Labs", None), ("Peking Union Medical College", None),
])
def test_did_you_mean_for_organizations(name: str, expected: str | None) -> None:
    assert suggest_org(name, DEFAULT) == expected


def test_did_you_mean_for_themes() -> None:
    assert suggest_theme("Ranking Architecture & Efficiency", DEFAULT) == "ranking"
    assert suggest_theme("Generative Rec", DEFAULT) == "generative-rec"
    assert suggest_theme("Cold Start", DEFAULT) is None


def test_notes_add_suggests_the_known_name(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeArxiv() as server:  # one request: no pacing wait
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        result = run("notes", "add", "2603.01234", "--date", "2026-03-04", "--org", "Renmin University",
                     "--org", "Kuaishou", "--theme", "Ranking Architecure and Efficiency")
    assert result.exit_code == 0, result.output
    assert "note: 'Renmin University' is not in the org table; did you mean 'Renmin University of China'?" in (
        result.stderr)
    assert ("note: theme 'Ranking Architecure and Efficiency' is not in the theme table; did you mean "
            "'Ranking Architecture and Efficiency' (key 'ranking')?") in result.stderr
    assert "Kuaishou" not in result.stderr
    assert "- Renmin University\n" in note_path(blog, "2603.01234").read_text(encoding="utf-8")  # kept as given


def test_notes_add_says_nothing_for_known_names(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeArxiv() as server:
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        result = CliRunner().invoke(cli, ["notes", "add", "2603.01234", "--date", "2026-03-04", "--org", "人大",
                                          "--theme", "排序架构与效率"])
    assert result.exit_code == 0, result.output
    assert "note:" not in result.stderr
