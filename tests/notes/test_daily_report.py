"""The daily report (日报, `recweekly/notes/daily_report.py`), on a whole report written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import Config, config_from_mapping
from recweekly.errors import InputError
from recweekly.notes.sources import read_source
from recweekly.notes.titles import title_key
from tests.helpers.notes import REPORT

CONFIG = Config(root=Path("."))


def _papers(path: Path = REPORT, config: Config = CONFIG) -> dict[str, object]:
    source = read_source(path, config)
    return {title_key(p.title): p for p in source.papers}


def test_date_comes_from_the_heading_and_every_row_is_read() -> None:
    source = read_source(REPORT, CONFIG)
    assert source.kind == "daily report"
    assert source.date == dt.date(2026, 3, 4)
    assert len(source.papers) == 7
    assert [p.line for p in source.papers] == list(range(23, 30))


def test_rows_give_model_category_affiliation_and_scores() -> None:
    papers = _papers()
    river = papers[title_key("RIVER: Streaming Interest Memory for Live-Commerce Ranking")]
    assert river.arxiv is None  # the report names papers by title only
    assert {k: river.fields[k] for k in ("model", "category", "affiliation", "score", "deep_read")} == {
        "model": "RIVER", "category": "discriminative-rec", "affiliation": "industry", "score": 8, "deep_read": 9,
    }
    tokens = papers[title_key("Token Budgets for Generative Retrieval: When Longer Semantic IDs Stop Helping")]
    assert "model" not in tokens.fields  # "—" means no model
    assert "deep_read" not in tokens.fields  # "—" means not read in full
    assert tokens.fields["category"] == "generative-rec"
    assert tokens.fields["affiliation"] == "academic"
    prism = papers[title_key("PRISM: Preference-Aligned Generation of Item Descriptions")]
    assert prism.fields["affiliation"] == "mixed"  # 🏢🎓
    assert prism.fields["deep_read"] == 6
    rerank = papers[title_key("Do LLM Rerankers Read the Whole List? Position Effects in Listwise Ranking")]
    assert rerank.fields["category"] == "llm"
    onesearch = papers[title_key("OneSearch-Lite: Unifying Query Rewriting and Retrieval in One Generative Model")]
    assert onesearch.fields["orgs"] == ("JD.com",)  # named in the 公司 cell
    assert onesearch.fields["affiliation"] == "industry"


def test_key_papers_give_chinese_summaries_and_their_own_tags() -> None:
    papers = _papers()
    river = papers[title_key("RIVER: Streaming Interest Memory for Live-Commerce Ranking")]
    assert river.fields["summary"]["zh"].startswith("用分段压缩的流式记忆保存用户")
    assert river.fields["orgs"] == ("Kuaishou",)  # "已在快手直播电商全量"
    prism = papers[title_key("PRISM: Preference-Aligned Generation of Item Descriptions")]
    assert prism.fields["tags"] == ("personalization", "copywriting")
    assert prism.fields["orgs"] == ("Tsinghua University", "Xiaohongshu")
    # a key paper without a model line: its heading is the title
    tokens = papers[title_key("Token Budgets for Generative Retrieval: When Longer Semantic IDs Stop Helping")]
    assert tokens.fields["summary"]["zh"].startswith("在三种码本构造下")
    # the day's 标签 line tags the post, not each paper
    assert "tags" not in river.fields


def test_an_arxiv_link_in_a_row_gives_the_id() -> None:
    papers = _papers()
    linked = papers[title_key("Counting Clicks Twice: Duplicate Exposure in Offline Logs")]
    assert linked.arxiv == "2603.02150"
    assert linked.fields["category"] == "other"


def test_categories_follow_the_configured_labels(tmp_path: Path) -> None:
    config = config_from_mapping({"categories": {
        "ranking": {"label": {"en": "Ranking", "zh": "判别式推荐"}, "short": {"en": "Rank", "zh": "判别式"}},
        "generative": {"label": {"en": "Generative", "zh": "生成式推荐"}, "short": "生成式"},
        "llm": {"label": "LLM"},
        "misc": {"label": {"en": "Misc", "zh": "其他"}},
    }}, root=tmp_path)
    papers = _papers(config=config)
    assert papers[title_key("RIVER: Streaming Interest Memory for Live-Commerce Ranking")].fields["category"] == (
        "ranking")
    assert papers[title_key("PRISM: Preference-Aligned Generation of Item Descriptions")].fields["category"] == (
        "generative")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("| 判别式 | 🏢 工业界 | 8 | 9 |", "| 推荐系统 | 🏢 工业界 | 8 | 9 |", "category"),
        ("| 判别式 | 🏢 工业界 | 8 | 9 |", "| 判别式 | 🏢 工业界 | 11 | 9 |", "score"),
        ("| 判别式 | 🏢 工业界 | 8 | 9 |", "| 判别式 | 🏢 工业界 | 8 | 九 |", "deep_read"),
    ],
)
def test_bad_cells_are_errors_naming_line_and_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = REPORT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_source(path, CONFIG)
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (23, field)
    assert str(path) in str(info.value)


def test_a_report_without_a_dated_heading_takes_the_date_from_its_name(tmp_path: Path) -> None:
    text = REPORT.read_text(encoding="utf-8").replace("2026-03-04 日报", "日报", 1)
    undated = tmp_path / "report.txt"
    undated.write_text(text, encoding="utf-8")
    assert read_source(undated, CONFIG).date is None
    named = tmp_path / "report-2026-03-05.txt"
    named.write_text(text, encoding="utf-8")
    assert read_source(named, CONFIG).date == dt.date(2026, 3, 5)


MARKDOWN_REPORT = """\
# 2026-03-04 日报

## 重点论文

### **RIVER** · ⭐ 8/10
*RIVER: Streaming Interest Memory for Live-Commerce Ranking*
🏢 工业界 · 判别式推荐 · arXiv:2603.02101
用流式记忆替代定长序列。

### [Token Budgets for Generative Retrieval](https://arxiv.org/abs/2603.02102v1) · ⭐ 7/10
🎓 学术 · 生成式推荐
讨论语义 ID 的长度。

## 全部论文

| 模型 | 标题 | 类别 | 公司 | 摘要分 | 精读分 | 标签 |
|:---|:---|:---:|:---:|---:|---:|---|
| RIVER | RIVER: Streaming Interest Memory for Live-Commerce Ranking | 判别式 | 🏢 快手 | 8 | 9 | streaming · memory |
| — | Token Budgets for Generative Retrieval | 生成式 | 🎓 学术 | 7 | — | — |
"""


def test_a_markdown_flavoured_report_with_ids_in_headings(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(MARKDOWN_REPORT, encoding="utf-8")
    source = read_source(path, CONFIG)
    assert source.date == dt.date(2026, 3, 4)
    river, tokens = source.papers
    assert (river.arxiv, river.title, river.fields["model"]) == (
        "2603.02101", "RIVER: Streaming Interest Memory for Live-Commerce Ranking", "RIVER")
    assert river.fields["tags"] == ("streaming", "memory")  # a per-paper 标签 column
    assert river.fields["orgs"] == ("Kuaishou",) and river.fields["affiliation"] == "industry"
    assert river.fields["summary"] == {"zh": "用流式记忆替代定长序列。"}
    assert (tokens.arxiv, tokens.title) == ("2603.02102", "Token Budgets for Generative Retrieval")
    assert tokens.fields["summary"] == {"zh": "讨论语义 ID 的长度。"} and "tags" not in tokens.fields


def test_the_days_theme_and_tags_are_read_for_the_day_not_for_a_paper() -> None:
    source = read_source(REPORT, CONFIG)
    assert source.day_theme == "实时兴趣建模与生成式检索的边界"
    assert source.day_tags == ("streaming-memory", "semantic-id", "industry")
    assert all("streaming-memory" not in p.fields.get("tags", ()) for p in source.papers)
