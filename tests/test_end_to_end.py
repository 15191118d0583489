"""The whole loop with the real generator: new → edit by hand → add a note → fill → check → promote."""

from __future__ import annotations

import json
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
                                 f"  zh: {model} 做了一件事。\n", body="")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_new_edit_fill_check_promote(blog: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-12")
    git.Repo.init(blog)
    note(blog, "2603.03988", "2026-03-03", "SORT", "Ranking")
    note(blog, "2603.03001", "2026-03-04", "GRX", "generative-rec")
    code, _, err = invoke("new", "--week", "2026-W10", "--lang", lang)
    assert code == 0, err
    path = blog / "drafts" / f"2026-W10.{lang}.md"
    assert invoke("fill", "--check")[0] == 0

    # A person writes: replaces every TODO outside regions, rewrites SORT's seeded section in their own
    # words (it is theirs from then on), adds prose between regions.
    text = path.read_text(encoding="utf-8")
    regions = find_regions(text)
    outside_todo = [i for i, line in enumerate(text.splitlines()) if "TODO:" in line
                    and not any(r.begin_line <= i + 1 <= r.end_line for r in regions)]
    lines = text.splitlines(keepends=True)
    for i in outside_todo:
        lines[i] = lines[i].replace("TODO:", "Done —")
    edited = "".join(lines).replace("SORT does a thing.", "My own words on SORT.", 1).replace(
        "SORT 做了一件事。", "我自己写的 SORT 评述。", 1) + "\nA closing paragraph, 结束。\n"
    path.write_text(edited, encoding="utf-8")
    assert next(r for r in find_regions(edited) if r.name == "paper-2603.03988").edited

    # A late note arrives; check sees the stale regions and the paper without a section; fill refreshes
    # the facts and the roundup, inserts the paper's seeded section after SORT's, and keeps every edit.
    note(blog, "2603.05555", "2026-03-06", "LATE", "Ranking")
    code, _, err = invoke("check", f"drafts/2026-W10.{lang}.md")
    assert code == 1 and "is out of date with the notes" in err
    assert "paper 2603.05555 has no section in this post yet" in err
    code, out, err = invoke("fill", f"drafts/2026-W10.{lang}.md")
    assert code == 0, err
    assert f"drafts/2026-W10.{lang}.md: refreshed facts, roundup, added the section of 2603.05555" in out
    filled = path.read_text(encoding="utf-8")
    assert "LATE" in filled and filled.endswith("\nA closing paragraph, 结束。\n")
    before_regions = find_regions(edited)
    names = [r.name for r in before_regions]
    names.insert(names.index("paper-2603.03988") + 1, "paper-2603.05555")
    assert [r.name for r in find_regions(filled)] == names
    late = next(r for r in find_regions(filled) if r.name == "paper-2603.05555")
    assert late.seed and not late.edited and "(LATE, [2603.05555](https://arxiv.org/abs/2603.05555))" in late.text
    assert "My own words on SORT." in filled or "我自己写的 SORT 评述。" in filled

    # Without the inserted section, every byte outside the regions is the edited draft's.
    without = filled[:late.begin_start] + filled[late.end_stop + 1:]

    def outside(doc: str, regs: list) -> list[str]:
        pieces, pos = [], 0
        for r in regs:
            pieces.append(doc[pos:r.text_start].split("sha256=")[0])
            pos = r.text_end
        return [*pieces, doc[pos:]]

    assert outside(without, find_regions(without)) == outside(edited, before_regions)
    # The overview and `stats` count the same papers.
    stats = json.loads(invoke("stats", f"drafts/2026-W10.{lang}.md", "--json")[1])
    assert stats["papers"] == 3 and ("3 papers" in filled or "3 篇论文" in filled)
    assert invoke("fill", "--check")[0] == 0
    code, _, err = invoke("check")
    assert code == 0, err

    code, _, err = invoke("promote", f"drafts/2026-W10.{lang}.md")
    assert code == 0, err
    post = (blog / "posts" / f"2026-W10.{lang}.md").read_text(encoding="utf-8")
    assert post == filled.replace("status: Draft\n", "status: Published\n")  # the draft's own date is kept
    assert invoke("check")[0] == 0
