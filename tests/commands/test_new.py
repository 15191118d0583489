"""`recweekly new`: periods, defaults, refusing to overwrite, empty periods, template overrides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from recweekly.compose.draft import draft_path, render_draft, render_regions
from recweekly.compose.regions import find_regions
from recweekly.config import load_config
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_day, parse_week


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def front(text: str) -> dict[str, str]:
    head = text.split("---\n")[1]
    return dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)


def test_writes_the_draft_with_notionnext_front_matter(fixture_blog: Path) -> None:
    result = run("new", "--week", "2026-W10", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (fixture_blog / "drafts" / "2026-W10.en.md").read_text(encoding="utf-8")
    meta = front(text)
    assert meta["title"] == "RecSys Weekly 2026-W10"
    assert meta["slug"] == "recsys-weekly-2026-w10"
    assert meta["date"] == "2026-03-09"  # the Monday after the week
    assert meta["type"] == "Post"
    assert meta["status"] == "Draft"
    assert meta["category"] == "RecSys Weekly"
    assert meta["lang"] == "en"
    assert meta["period"] == "2026-W10"
    assert meta["summary"].startswith("'TODO:")
    for key in ("icon", "password"):
        assert meta[key] == "''"


def test_refuses_to_overwrite_and_points_to_fill(fixture_blog: Path) -> None:
    target = fixture_blog / "drafts" / "2026-W10.zh.md"
    target.write_text("my words\n", encoding="utf-8")
    result = run("new", "--week", "2026-W10", "--lang", "zh")
    assert result.exit_code == 1
    assert "recweekly fill drafts/2026-W10.zh.md" in result.output
    assert target.read_text(encoding="utf-8") == "my words\n"


def test_stdout_writes_nothing(fixture_blog: Path) -> None:
    result = run("new", "--date", "2026-06-23", "--stdout")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("---\ntitle: Daily Report 2026-06-23\n")
    assert list((fixture_blog / "drafts").iterdir()) == []


def test_defaults_are_this_iso_week_and_the_blogs_language(fixture_blog: Path) -> None:
    (fixture_blog / "recweekly.toml").write_text('name = "RecSys Weekly"\ndefault_lang = "zh"\n', encoding="utf-8")
    result = run("new", env={"RECWEEKLY_TODAY": "2026-03-08"})  # a Sunday: still W10
    assert result.exit_code == 0, result.output
    assert (fixture_blog / "drafts" / "2026-W10.zh.md").is_file()


def test_iso_week_of_a_year_boundary(fixture_blog: Path) -> None:
    result = run("new", "--allow-empty", "--stdout", env={"RECWEEKLY_TODAY": "2027-01-01"})
    assert result.exit_code == 0, result.output
    assert "period: 2026-W53" in result.stdout
    assert "Week 53 of 2026 (December 28, 2026–January 3, 2027)" in result.stdout


def test_date_implies_daily_and_series_daily_defaults_to_today(fixture_blog: Path) -> None:
    assert run("new", "--date", "2026-06-23").exit_code == 0
    assert (fixture_blog / "drafts" / "2026-06-23.en.md").is_file()
    result = run("new", "--series", "daily", "--lang", "zh", env={"RECWEEKLY_TODAY": "2026-06-23"})
    assert result.exit_code == 0, result.output
    assert (fixture_blog / "drafts" / "2026-06-23.zh.md").is_file()
    shortcut = run("new", "--daily", "--stdout", env={"RECWEEKLY_TODAY": "2026-06-23"})
    assert shortcut.exit_code == 0, shortcut.output
    assert "period: '2026-06-23'" in shortcut.stdout


def test_series_weekly_with_a_date_is_the_week_of_that_date(fixture_blog: Path) -> None:
    result = run("new", "--series", "weekly", "--date", "2026-03-05", "--stdout")
    assert result.exit_code == 0, result.output
    assert "period: 2026-W10" in result.stdout


@pytest.mark.parametrize("args", [
    ["--week", "2026-W10", "--date", "2026-03-02"],
    ["--week", "2026-W10", "--series", "daily"],
    ["--week", "2026-W10", "--daily"],
    ["--daily", "--series", "weekly"],
    ["--week", "2026-W99"],
    ["--date", "2026-13-01"],
    ["--lang", "fr"],
])
def test_bad_usage_exits_2_and_writes_nothing(fixture_blog: Path, args: list[str]) -> None:
    result = run("new", *args)
    assert result.exit_code == 2, result.output
    assert list((fixture_blog / "drafts").iterdir()) == []


def test_a_period_without_notes_is_an_error_unless_allowed(fixture_blog: Path) -> None:
    result = run("new", "--week", "2026-W20")
    assert result.exit_code == 1
    assert "no notes for 2026-W20" in result.output and "--allow-empty" in result.output
    assert list((fixture_blog / "drafts").iterdir()) == []
    result = run("new", "--week", "2026-W20", "--allow-empty")
    assert result.exit_code == 0, result.output
    text = (fixture_blog / "drafts" / "2026-W20.en.md").read_text(encoding="utf-8")
    assert "0 papers" in text


def test_only_the_periods_notes_are_read(fixture_blog: Path) -> None:
    broken = fixture_blog / "notes" / "2026" / "W30" / "2607.00001.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("---\narxiv: [broken\n---\n", encoding="utf-8")
    result = run("new", "--week", "2026-W10", "--stdout")
    assert result.exit_code == 0, result.output
    assert "From the Week Before" not in result.stdout and "From the Week After" not in result.stdout


def test_a_broken_note_in_the_period_is_reported_with_file_and_line(fixture_blog: Path) -> None:
    bad = fixture_blog / "notes" / "2026" / "W10" / "2603.03988.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("score: 9", "score: high"), encoding="utf-8")
    result = run("new", "--week", "2026-W10")
    assert result.exit_code == 1
    assert "notes/2026/W10/2603.03988.md:" in result.output and "score" in result.output
    assert list((fixture_blog / "drafts").iterdir()) == []


def test_a_blog_template_overrides_the_packaged_one(fixture_blog: Path) -> None:
    (fixture_blog / "templates" / "daily.md.j2").write_text(
        '{{ _("Tags") }}!\n{% call region("stats") %}\n'
        '{{ stats.total|number }} / {{ stats.academic }}\n{% endcall %}\n',
        encoding="utf-8")
    daily = run("new", "--date", "2026-06-23", "--lang", "zh", "--stdout")
    assert daily.exit_code == 0, daily.output
    body = daily.stdout.split("---\n", 2)[2]
    assert body.startswith("\n标签!\n<!-- recweekly:begin stats sha256=")
    assert "\n8 / 8\n" in body
    weekly = run("new", "--week", "2026-W10", "--stdout")  # no override: the packaged template
    assert "## Paper Roundup" in weekly.stdout


def test_a_broken_blog_template_is_reported_with_its_line(fixture_blog: Path) -> None:
    (fixture_blog / "templates" / "weekly.md.j2").write_text("ok\n{% if %}\n", encoding="utf-8")
    result = run("new", "--week", "2026-W10")
    assert result.exit_code == 1
    assert "weekly.md.j2:2" in result.output


def test_render_regions_is_what_the_draft_holds_and_is_stable(fixture_blog: Path) -> None:
    config = load_config(fixture_blog)
    store = NoteStore(config)
    for period, lang in ((parse_week("2026-W10"), "en"), (parse_day("2026-06-23"), "zh")):
        draft = render_draft(config, store, period, lang)
        regions = render_regions(config, store, period, lang)
        found = {r.name: r for r in find_regions(draft)}
        assert set(found) == set(regions)
        for name, region in found.items():
            assert region.text == regions[name]
            assert not region.edited
        assert render_regions(config, store, period, lang) == regions
    assert draft_path(config, parse_week("2026-W10"), "zh") == fixture_blog / "drafts" / "2026-W10.zh.md"


def test_a_new_note_changes_only_the_regions_it_should(fixture_blog: Path) -> None:
    config = load_config(fixture_blog)
    store = NoteStore(config)
    before = render_regions(config, store, parse_week("2026-W10"), "en")
    extra = fixture_blog / "notes" / "2026" / "W10" / "2603.07777.md"
    extra.write_text("---\narxiv: '2603.07777'\ntitle: Late Arrival\ndate: 2026-03-07\ncategory: llm\n"
                     "theme: Generative Recommendation\nsummary:\n  en: Arrived late. Second sentence.\n---\n",
                     encoding="utf-8")
    after = render_regions(config, store, parse_week("2026-W10"), "en")
    assert "- Late Arrival — Arrived late." in after["roundup"]
    assert "10 papers" in after["facts"] and "9 papers" in before["facts"]


def test_help_does_not_import_jinja_or_babel() -> None:
    code = ("import sys; from recweekly.cli import main; sys.argv=['recweekly','--help']\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2','babel','markupsafe')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
    code2 = code.replace("'--help'", "'new','--help'")
    out2 = subprocess.run([sys.executable, "-c", code2], capture_output=True, text=True, check=True).stdout
    assert "--stdout" in out2 and out2.strip().splitlines()[-1] == "[]"


def test_a_blog_template_can_extend_the_packaged_one_and_change_one_block(fixture_blog: Path) -> None:
    (fixture_blog / "templates" / "weekly.md.j2").write_text(
        '{% extends "package/weekly.md.j2" %}\n{% block directions %}\n## Where we are looking\n\n'
        'TODO: ours.\n{% endblock %}\n', encoding="utf-8")
    text = run("new", "--week", "2026-W10", "--stdout").stdout
    assert "## Where we are looking\n\nTODO: ours.\n" in text and "## Directions to Watch" not in text
    assert "## Paper Roundup" in text and "<!-- recweekly:begin paper-2603.03988 seed" in text
    # a paper's section is its own template: a blog can replace just that
    (fixture_blog / "templates" / "weekly_paper.md.j2").write_text(
        "{% macro paper_section(paper) %}\n### {{ paper.label }}\n{% endmacro %}\n", encoding="utf-8")
    text = run("new", "--week", "2026-W10", "--stdout").stdout
    assert "### SORT: A Systematically Optimized Ranking Transformer\n" in text


def test_a_template_that_fails_while_rendering_names_its_line(fixture_blog: Path) -> None:
    (fixture_blog / "templates" / "daily.md.j2").write_text("ok\n{{ range(3) }}\n", encoding="utf-8")
    result = run("new", "--date", "2026-06-23")
    assert result.exit_code == 1
    assert "templates/daily.md.j2:2: TypeError: 'str' object is not callable" in result.output
    assert list((fixture_blog / "drafts").iterdir()) == []
