"""The daily arXiv digest (`recweekly/notes/digest.py`), on a whole 12-paper digest written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import Config
from recweekly.errors import InputError
from recweekly.notes.digest import DigestSource
from recweekly.notes.sources import read_source
from tests.helpers.notes import DIGEST

CONFIG = Config(root=Path("."))


def test_every_paper_of_the_digest_is_read_with_its_fields() -> None:
    source = read_source(DIGEST, CONFIG)
    assert source.kind == "digest"
    assert source.date == dt.date(2026, 3, 3)  # from the file name
    assert [p.arxiv for p in source.papers] == [f"2603.021{n:02d}" for n in range(1, 13)]
    first = source.papers[0]
    assert first.title == "RIVER: Streaming Interest Memory for Live-Commerce Ranking"
    assert first.fields["authors"] == ("Lin Qiao", "Tao Wen", "Mei Huang", "Jun Ge")
    assert first.fields["arxiv_category"] == "cs.IR"
    assert first.fields["summary"] == {
        "zh": "RIVER用流式兴趣记忆替代定长行为序列，在快手直播电商排序中上线后订单量提升1.8%。"}
    assert first.fields["orgs"] == ("Kuaishou",)
    body = first.fields["body"]
    for label in ("**Motivation:**", "**Method:**", "**Result:**", "**Conclusion:**", "## Abstract"):
        assert label in body
    # a wrapped abstract becomes one paragraph
    assert "item-aware gate. RIVER is fully deployed in Kuaishou live commerce" in body
    assert "<details>" not in body and "TL;DR" not in body


def test_versioned_links_titles_with_brackets_and_orgs_per_paper() -> None:
    papers = {p.arxiv: p for p in read_source(DIGEST, CONFIG).papers}
    assert "2603.02103" in papers  # linked as .../abs/2603.02103v2
    assert papers["2603.02112"].title == "[Re] Revisiting Negative Sampling for Two-Tower Retrieval"
    orgs = {arxiv_id: p.fields["orgs"] for arxiv_id, p in papers.items()}
    assert orgs["2603.02103"] == ("Alibaba",)  # 阿里妈妈 is an alias
    assert orgs["2603.02105"] == ("Meituan",)
    assert orgs["2603.02107"] == ("JD.com",)
    assert orgs["2603.02109"] == ("Tencent",)
    assert orgs["2603.02111"] == ("Tsinghua University", "Xiaohongshu")
    assert orgs["2603.02102"] == ()  # Amazon-Book / Amazon Reviews are data sets
    assert orgs["2603.02110"] == ()  # Meta-Learning is not Meta
    assert orgs["2603.02104"] == ()


def test_a_broken_paper_link_is_reported_with_its_line(tmp_path: Path) -> None:
    text = DIGEST.read_text(encoding="utf-8").replace(
        "(https://arxiv.org/abs/2603.02105)", "(https://example.org/paper/5)"
    )
    path = tmp_path / "daily-digest.cs.IR.2026-03-03.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_source(path, CONFIG)
    (problem,) = info.value.problems
    assert problem.field == "arxiv"
    assert problem.line == text.splitlines().index(
        "### [5] [Graph Prompting for Cold-Start Local Services](https://example.org/paper/5)") + 1


def test_a_digest_without_a_date_in_its_name_has_none(tmp_path: Path) -> None:
    source, problems = DigestSource(CONFIG).parse(DIGEST.read_text(encoding="utf-8"), tmp_path / "digest.md")
    assert problems == [] and source.date is None and len(source.papers) == 12


def test_a_digest_gives_the_model_online_results_and_suggestions() -> None:
    papers = {p.arxiv: p.fields for p in read_source(DIGEST, CONFIG).papers}
    river = papers["2603.02101"]
    assert river["model"] == "RIVER"  # "RIVER: Streaming Interest Memory …"
    assert river["highlights"] == ("orders +1.8%", "GMV +2.1%")  # from the Result part, names in English
    assert river["suggested_category"] == "discriminative-rec" and river["suggested_theme"] == "ranking"
    assert "category" not in river and "theme" not in river  # a suggestion is not a decision
    assert papers["2603.02102"]["model"] is None  # "Token Budgets for …: When …" is a title, not a model
    assert papers["2603.02102"]["highlights"] == ()  # offline numbers on public data sets are not online results
    assert papers["2603.02102"]["suggested_category"] == "generative-rec"
    assert papers["2603.02107"]["highlights"] == ("UCVR +0.9%", "无结果率 -12%")
    assert papers["2603.02109"]["highlights"] == ("GMV +1.2%",)
