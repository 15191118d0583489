"""The whole loop with the real generator: new → edit by hand → add a note → fill → check → promote."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.compose.regions import find_regions
from tests.helpers.notes import write_note


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def note(blog: Path, arxiv: str, day: str, model: str, theme: str) -> None:
    write_note(blog, arxiv, day, f"model: {model}\ncategory: discriminative-rec\norgs: [Kuaishou]\n"
                                 f"theme: {theme}\nscore: 7\nsummary:\n  en: {model} does a thing.\n"
                                 f"  zh: {model} 做了一件事。\n")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_new_edit_fill_check_promote(blog: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-12")
    git.Repo.init(blog)
    note(blog, "2603.03988", "2026-03-03", "SORT", "Ranking")
    note(blog, "2603.03001", "2026-03-04", "GRX", "Generative")
    code, _, err = invoke("new", "--week", "2026-W10", "--lang", lang)
    assert code == 0, err
    path = blog / "drafts" / f"2026-W10.{lang}.md"
    assert invoke("fill", "--check")[0] == 0

    # A person writes: replaces every TODO outside regions, adds prose between regions.
    text = path.read_text(encoding="utf-8")
    regions = find_regions(text)
    outside_todo = [i for i, line in enumerate(text.splitlines()) if "TODO:" in line
                    and not any(r.begin_line <= i + 1 <= r.end_line for r in regions)]
    lines = text.splitlines(keepends=True)
    for i in outside_todo:
        lines[i] = lines[i].replace("TODO:", "Done —")
    edited = "".join(lines) + "\nA closing paragraph, 结束。\n"
    path.write_text(edited, encoding="utf-8")

    # A late note arrives; check sees the stale region, fill refreshes it and keeps the edits.
    note(blog, "2603.05555", "2026-03-06", "LATE", "Ranking")
    code, _, err = invoke("check", f"drafts/2026-W10.{lang}.md")
    assert code == 1 and "is out of date with the notes" in err
    code, out, err = invoke("fill", f"drafts/2026-W10.{lang}.md")
    assert code == 0, err
    assert f"drafts/2026-W10.{lang}.md: refreshed" in out
    filled = path.read_text(encoding="utf-8")
    assert "LATE" in filled and filled.endswith("\nA closing paragraph, 结束。\n")
    before_regions = find_regions(edited)
    after_regions = find_regions(filled)
    assert [r.name for r in before_regions] == [r.name for r in after_regions]

    def outside(doc: str, regs: list) -> list[str]:
        pieces, pos = [], 0
        for r in regs:
            pieces.append(doc[pos:r.text_start].split("sha256=")[0])
            pos = r.text_end
        return [*pieces, doc[pos:]]

    assert outside(filled, after_regions) == outside(edited, before_regions)
    assert invoke("fill", "--check")[0] == 0
    code, _, err = invoke("check")
    assert code == 0, err

    code, _, err = invoke("promote", f"drafts/2026-W10.{lang}.md")
    assert code == 0, err
    post = (blog / "posts" / f"2026-W10.{lang}.md").read_text(encoding="utf-8")
    assert post == filled.replace("status: Draft\n", "status: Published\n")  # the draft's own date is kept
    assert invoke("check")[0] == 0
