"""The weekly shows a paper's lead figure under its section, and seeds no imported text (`compose/papers.py`,
templates/_lead_figure.md.j2)."""

from __future__ import annotations

import re
from pathlib import Path

from recweekly.l10n.fallback import find_fallbacks, strip_fallbacks
from recweekly.l10n.typography import has_han
from tests.fakes.arxiv_html import tiny_png
from tests.helpers.notes import DIGEST, run

SORT = Path("notes/2026/W10/2603.03988.md")
IMAGE = "![Figure 1: Overview of SORT (request-level [grouping]). (Alibaba, 2603.03988)]" \
        "(/notes/2026/W10/2603.03988.figure.png)"


def with_figure(root: Path) -> None:
    path = root / SORT
    text = path.read_text(encoding="utf-8").replace(
        "---\n\n", "figure: 2603.03988.figure.png\n"
                   "figure_caption: 'Figure 1: Overview of SORT (request-level [grouping]).'\n---\n\n", 1)
    path.write_text(text, encoding="utf-8")
    path.with_name("2603.03988.figure.png").write_bytes(tiny_png())


def section(draft: str, heading_start: str) -> str:
    start = draft.index(heading_start)
    return draft[start: draft.index("\n### ", start + 1)]


def test_the_figure_sits_under_its_papers_section_with_caption_org_and_id(fixture_blog: Path) -> None:
    with_figure(fixture_blog)
    en = run("new", "--week", "2026-W10", "--lang", "en", "--stdout").stdout
    sort = section(en, "### SORT")
    assert IMAGE.replace("[grouping]", "(grouping)") in sort  # a bracket would end the caption
    assert sort.index("![Figure 1") < sort.index("Online results:")
    zh = run("new", "--week", "2026-W10", "--lang", "zh", "--stdout").stdout
    assert ("![⟦en→zh TODO: Figure 1: Overview of SORT (request-level (grouping)).⟧ (阿里巴巴, 2603.03988)]"
            "(/notes/2026/W10/2603.03988.figure.png)") in zh
    assert en.count("![") == 1 and zh.count("![") == 1  # one paper has a figure; the roundup shows none


def test_check_sees_the_figure(fixture_blog: Path) -> None:
    with_figure(fixture_blog)
    assert run("new", "--week", "2026-W10", "--lang", "en").exit_code == 0
    assert run("check", "drafts/2026-W10.en.md").exit_code == 0
    (fixture_blog / SORT).with_name("2603.03988.figure.png").unlink()
    result = run("check", "drafts/2026-W10.en.md")
    assert result.exit_code == 1
    assert "image '/notes/2026/W10/2603.03988.figure.png' does not exist" in result.stderr


def test_a_week_of_digest_notes_seeds_no_abstract_and_no_chinese_details(blog: Path) -> None:
    # notes without a theme are "Other", roundup-only by default: give them sections here
    (blog / "recweekly.toml").write_text('name = "Test Blog"\n[compose]\nroundup_only_themes = []\n',
                                         encoding="utf-8")
    assert run("notes", "import", str(DIGEST), "--offline").exit_code == 0
    draft = run("new", "--week", "2026-W10", "--lang", "en", "--stdout")
    assert draft.exit_code == 0, draft.output
    text = draft.stdout
    assert "## Abstract" not in text and "Motivation" not in text and "Live-commerce ranking must react" not in text
    assert not [line for line in strip_fallbacks(text).splitlines() if has_han(line)]  # Chinese only when marked
    sections = re.split(r"\n### ", text.split("## Paper Roundup")[0])[1:]
    assert len(sections) == 12
    for paper in sections:  # the TL;DR, marked, once; maybe a metric the glossary lacks; never a body block
        marks = find_fallbacks(paper)
        assert 1 <= len(marks) <= 2 and not any("\n" in mark.text for mark in marks), paper
    river = next(s for s in sections if s.startswith("RIVER"))
    assert "Online results: orders +1.8%, GMV +2.1%." in river
