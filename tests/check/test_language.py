"""`check` on language: fallbacks counted per post (failing in posts/), names the tables lack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from tests.helpers.notes import write_note


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def week(blog: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two notes of 2026-W10: one summarized in both languages, one only in English with a highlight."""
    monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-12")
    write_note(blog, "2603.03988", "2026-03-03", "model: SORT\ntheme: ranking\norgs: [Alibaba]\nscore: 9\n"
               "summary:\n  en: Tunes a ranking Transformer end to end.\n  zh: 端到端调优排序 Transformer。\n",
               body="")
    write_note(blog, "2603.02999", "2026-03-04", "model: UniGR\ntheme: generative-rec\norgs: [Tencent]\n"
               "highlights: [orders +1.2%]\nsummary:\n  en: One decoder generates and ranks.\n", body="")
    return blog


def test_fallbacks_are_counted_in_a_draft_and_it_still_passes(week: Path) -> None:
    assert invoke("new", "--week", "2026-W10", "--lang", "zh").exit_code == 0
    draft = week / "drafts" / "2026-W10.zh.md"
    text = draft.read_text(encoding="utf-8")
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "⟦en→zh TODO:" in line]
    # UniGR's summary and highlight in its section, and both again in its roundup line (one line, two
    # marks); SORT has a zh summary
    marks = [i for i, line in enumerate(text.splitlines(), 1) for _ in range(line.count("⟦en→zh TODO:"))]
    assert len(lines) == 3 and len(marks) == 4
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert (f"note: drafts/2026-W10.zh.md:{lines[0]}: 4 untranslated fallback(s) (en→zh) at line(s) "
            f"{', '.join(map(str, marks))}; translate them before promoting") in result.stderr


def test_each_fallback_fails_a_post_with_its_line_and_promote_refuses(week: Path) -> None:
    assert invoke("new", "--week", "2026-W10", "--lang", "zh").exit_code == 0
    draft = week / "drafts" / "2026-W10.zh.md"
    text = draft.read_text(encoding="utf-8")
    refused = invoke("promote", "drafts/2026-W10.zh.md")
    assert refused.exit_code == 1 and "TODO marker" in refused.stderr and "⟦en→zh TODO:" in refused.stderr
    finished = "\n".join(line for line in text.splitlines() if "TODO:" not in line or "⟦" in line) + "\n"
    post = week / "posts" / "2026-W10.zh.md"
    post.write_text(finished.replace("status: Draft", "status: Published"), encoding="utf-8")
    draft.unlink()
    result = invoke("check")
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("posts/")]
    assert len(problems) == 4
    first = line_of(post, "⟦en→zh TODO: One decoder generates and ranks.⟧")
    assert (f"posts/2026-W10.zh.md:{first}: untranslated en text in a zh post (fallback 1 of 4): "
            "'One decoder generates and ranks.'; translate it and remove the ⟦…⟧ mark") in problems
    assert not any("TODO marker left in a post" in p for p in problems)  # one report per fallback, not two
    assert "4 problem(s) in 1 of 1 file(s)" in result.stderr


def test_a_misspelled_theme_or_org_fails_with_did_you_mean_at_the_notes_line(week: Path) -> None:
    note = write_note(week, "2603.04011", "2026-03-05", "theme: Generative Recomendation\n"
                      "orgs: [Renmin University]\n", body="")
    assert invoke("new", "--week", "2026-W10", "--lang", "en").exit_code == 0
    assert invoke("new", "--week", "2026-W10", "--lang", "zh").exit_code == 0
    result = invoke("check")
    assert result.exit_code == 1
    theme = (f"notes/2026/W10/2603.04011.md:{line_of(note, 'theme:')}: theme: theme 'Generative Recomendation' is "
             "not in the theme table; did you mean 'Generative Recommendation' (key 'generative-rec')?")
    org = (f"notes/2026/W10/2603.04011.md:{line_of(note, 'orgs:')}: orgs: 'Renmin University' is not in the org "
           "table; did you mean 'Renmin University of China'?")
    assert result.stderr.count(theme) == 1 and result.stderr.count(org) == 1  # once, though two drafts cover it


def test_a_new_theme_or_org_is_a_note_only(week: Path) -> None:
    write_note(week, "2603.04011", "2026-03-05", "theme: Cold Start\norgs: [Aalto University]\n", body="")
    write_note(week, "2603.04012", "2026-03-05", "orgs: [Shopee Labs]\naffiliation: industry\n", body="")
    assert invoke("new", "--week", "2026-W10", "--lang", "en").exit_code == 0
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert re.search(r"note: notes/2026/W10/2603.04011.md:\d+: theme: theme 'Cold Start' is not in the theme "
                     r"table; used as written in every language", result.stderr)
    assert re.search(r"note: notes/2026/W10/2603.04011.md:\d+: orgs: 'Aalto University' is not in the org table; "
                     r".*affiliation is unknown", result.stderr)
    assert "Shopee Labs" not in result.stderr  # its affiliation is given: nothing is missing


def test_an_unknown_theme_in_the_other_language_is_marked_in_the_draft(week: Path) -> None:
    write_note(week, "2603.04011", "2026-03-05", "theme: Cold Start\n", body="")
    assert invoke("new", "--week", "2026-W10", "--lang", "zh").exit_code == 0
    text = (week / "drafts" / "2026-W10.zh.md").read_text(encoding="utf-8")
    assert "## ⟦en→zh TODO: Cold Start⟧\n" in text and "### ⟦en→zh TODO: Cold Start⟧\n" in text
    assert "## 排序架构与效率\n" in text and "## 生成式推荐\n" in text
