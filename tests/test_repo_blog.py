"""This repository is itself a blog: its sample notes, drafts and posts must pass its own checks.

These are the commands the README's first line and the pull-request workflow run, on the real
files shipped in the repo, so a change that breaks the shipped samples fails here first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.compose.draft import render_parts
from recweekly.compose.regions import find_regions
from recweekly.config import load_config
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_period
from tests.helpers.paths import REPO


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-09")
    return REPO


def test_sample_notes_load_and_the_weekly_draft_renders(in_repo: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["notes", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) >= 20
    drafted = runner.invoke(cli, ["new", "--week", "2026-W10", "--stdout"])
    assert drafted.exit_code == 0, drafted.output
    assert "title: RecSys Weekly 2026-W10" in drafted.stdout
    assert "Industrial contributions:" in drafted.stdout


def test_shipped_drafts_and_posts_pass_check_and_are_fresh(in_repo: Path) -> None:
    runner = CliRunner()
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output
    filled = runner.invoke(cli, ["fill", "--check"])
    assert filled.exit_code == 0, filled.output


def test_daily_stats_count_the_papers_of_its_period(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "posts/2026-06-23.zh.md", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["papers"] == 8
    assert data["affiliations"] == {"academic": 8}


@pytest.mark.parametrize(("post", "args"), [
    ("posts/2026-W10.en.md", ["--week", "2026-W10", "--lang", "en"]),
    ("posts/2026-06-23.zh.md", ["--date", "2026-06-23", "--lang", "zh"]),
])
def test_the_shipped_posts_were_made_with_new_from_the_notes_and_finished_by_hand(
        in_repo: Path, post: str, args: list[str]) -> None:
    """Every generated region is what `new` makes today; every seeded paper section was rewritten; no TODO."""
    text = (REPO / post).read_text(encoding="utf-8")
    config = load_config(REPO)
    period = parse_period(args[1])
    made = render_parts(config, NoteStore(config), period, args[3])
    regions = find_regions(text)
    assert {r.name for r in regions} == set(made.texts)
    for region in regions:
        if region.seed:
            assert region.edited, f"{region.name}: the seeded section was never rewritten"
        else:
            assert region.text == made.texts[region.name] and not region.edited, region.name
    assert "TODO" not in text and "status: Published" in text
    # the blog's own templates/ override the packaged ones: its sign-off is in the post and in a new draft
    drafted = CliRunner().invoke(cli, ["new", *args, "--stdout"]).stdout
    sign_off = text.rstrip().splitlines()[-1]
    assert sign_off.startswith("*") and sign_off in drafted.splitlines()
    assert sign_off not in (REPO / "recweekly" / "templates" / f"{period.kind}.md.j2").read_text(encoding="utf-8")


def test_the_weekly_post_reads_like_the_real_one(in_repo: Path) -> None:
    text = (REPO / "posts" / "2026-W10.en.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert ("- SORT: A Systematically Optimized Ranking Transformer — Makes a ranking Transformer pay off in "
            "e-commerce by tuning sample layout, attention span, query count and pre-training together rather than "
            "any one of them; Alibaba orders +6.35%, GMV +5.47%, latency -44.67%.") in lines
    assert ("### Efficient, Property-Aligned Fan-Out Retrieval via RL-Compiled Diffusion "
            "(R4T, [2603.06397](https://arxiv.org/abs/2603.06397))") in lines
    assert any(line.startswith("- Industrial contributions: 10/18 (56%). Teams from Alibaba, Kuaishou,")
               for line in lines)
    assert "tags:\n- 推荐系统\n- 论文\n- 技术趋势\n" in text
    stats = json.loads(CliRunner().invoke(cli, ["stats", "posts/2026-W10.en.md", "--json"]).stdout)
    assert stats["papers"] == 18 and "18 papers" in text  # the overview and `stats` agree
    assert "## Other" not in text.split("## Paper Roundup")[0]  # Other papers: roundup only


def test_preview_and_a_publish_without_notion_show_the_blog_or_fail_clearly(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "w10.html"
    previewed = CliRunner().invoke(cli, ["preview", "posts/2026-W10.en.md", "-o", str(out)])
    assert previewed.exit_code == 0, previewed.output
    page = out.read_text(encoding="utf-8")
    assert "Scaling that is planned, not hoped for" in page and "recweekly:begin" not in page
    published = CliRunner().invoke(cli, ["publish", "--all", "--dry-run"])
    assert published.exit_code == 1 and "NOTION_TOKEN is not set" in published.stderr


def test_workflows_shipped_by_init_match_the_repository_ones() -> None:
    """The repository's workflows are what `init` writes for this version (after a version bump,
    `bash .ci/sync-workflows` rewrites them)."""
    from recweekly.scaffold import install_spec, render

    packaged = REPO / "recweekly" / "data" / "init" / ".github" / "workflows"
    for path in sorted(packaged.glob("*.yml")):
        written = render(f".github/workflows/{path.name}", path.read_text(encoding="utf-8"), install_spec())
        assert (REPO / ".github" / "workflows" / path.name).read_text(encoding="utf-8") == written, path.name
