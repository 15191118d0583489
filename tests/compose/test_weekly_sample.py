"""The real weekly's forms (../shared/samples/weekly.2026-W10.en.scraped.txt), rebuilt from notes.

The forms are the sample's — paper headings, roundup lines, the overview's team list, bylines —
and the facts are the papers' (titles, ids, organizations, online results); every take below is our
own wording, not the sample's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.notion import document_to_blocks
from recweekly.markdown.renderers.notion.richtext import plain_text_of

CONFIG = """name = "RecSys Weekly"

[themes]
ranking = { en = "Ranking Model Architecture and System Efficiency", zh = "排序模型架构与系统效率" }
generative-rec = { en = "Generative Recommendation and Full-Pipeline Unified Modeling", zh = "生成式推荐" }
fairness = { en = "Recommendation Fairness and Causal Debiasing", zh = "推荐公平性与因果去偏" }

[compose]
weekly_tags = ["推荐系统", "论文", "技术趋势"]
"""

# (id, day, title, model, orgs, theme, category, highlights, take); collected in the order the sample lists
# its teams (teams with as many papers are listed in collection order)
PAPERS = [
    ("2603.03988", "2026-03-02", "SORT: A Systematically Optimized Ranking Transformer", "SORT", ["Alibaba"],
     "ranking", "discriminative-rec", ["orders +6.35%", "latency -44.67%"],
     "Makes a ranking Transformer pay off in production by tuning sample layout, attention span and query count "
     "together."),
    ("2603.02999", "2026-03-03", "OneRanker: Unified Generation and Ranking with One Model", "OneRanker",
     ["Tencent"], "generative-rec", "generative-rec", ["WeChat Channels Ads GMV-Normal +1.34%"],
     "One decoder both proposes ads and orders them by value, with task tokens keeping the two goals apart."),
    ("2603.02561", "2026-03-04", "SOLAR: SVD-Optimized Lifelong Attention for Recommendation", "SOLAR",
     ["Kuaishou"], "ranking", "discriminative-rec", ["online Video Views +0.68%"],
     "Keeps softmax over ten-thousand-item histories by working in the low-rank space attention already lives in."),
    ("2603.03770", "2026-03-05", "HAP: Heterogeneity-Aware Adaptive Pre-ranking", "HAP", ["ByteDance"],
     "ranking", "discriminative-rec", ["usage duration +0.4% on Toutiao"],
     "Sends easy candidates to a cheap tower and hard ones to a strong one."),
    ("2603.04227", "2026-03-06", "Constraint-Aware Generative Re-ranking", "CGR", ["Bilibili", "Peking University"],
     "generative-rec", "generative-rec", [],
     "Folds the ad-load and spacing rules into decoding itself, so every generated feed is valid by construction."),
    ("2603.02555", "2026-03-07", "Relevance Matters: Multi-Task LLM Query Rewriting", None, ["JD.com"],
     "Other", "llm", [], "A query rewriter trained to keep relevance, not just meaning."),
    ("2603.01590", "2026-03-08", "IDProxy: Cold-Start CTR Prediction with Multimodal LLMs", "IDProxy",
     ["Xiaohongshu"], "Other", "llm", ["CTR +2.1%", "CVR +2.5%"],
     "Gives brand-new items an ID-like embedding read off their text and images."),
    ("2603.06397", "2026-03-08", "Efficient, Property-Aligned Fan-Out Retrieval via RL-Compiled Diffusion", "R4T",
     ["UMass Amherst"], "generative-rec", "generative-rec", [],
     "Uses RL offline to write training pairs, then serves a small diffusion retriever."),
    ("2603.04816", "2026-03-08", "Scaling Laws for Reranking in Information Retrieval", None, [],
     "ranking", "other", ["NDCG of a 1B model predicted from runs up to 400M parameters"],
     "Shows reranker quality follows power laws across pointwise, pairwise and listwise training"),
]


def write_week(root: Path) -> None:
    (root / "recweekly.toml").write_text(CONFIG, encoding="utf-8")
    folder = root / "notes" / "2026" / "W10"
    folder.mkdir(parents=True, exist_ok=True)
    for arxiv, day, title, model, orgs, theme, category, highlights, take in PAPERS:
        lines = [f"arxiv: '{arxiv}'", f"title: '{title}'", f"date: {day}", f"category: {category}",
                 f"theme: {theme}", "score: 7", f"orgs: [{', '.join(orgs)}]",
                 f"highlights: [{', '.join(repr(h) for h in highlights)}]", f"summary:\n  en: '{take}'"]
        if model:
            lines.append(f"model: {model}")
        if not orgs:
            lines.append("affiliation: academic")
        (folder / f"{arxiv}.md").write_text("---\n" + "\n".join(lines) + "\n---\n", encoding="utf-8")


def weekly(*extra: str) -> str:
    result = CliRunner().invoke(cli, ["new", "--week", "2026-W10", "--stdout", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def week(blog: Path) -> Path:
    write_week(blog)
    return blog


def test_roundup_lines_are_title_take_then_the_industrial_org_and_its_results(week: Path) -> None:
    lines = [line[2:] for line in weekly().split("## Paper Roundup", 1)[1].splitlines() if line.startswith("- ")]
    assert ("SORT: A Systematically Optimized Ranking Transformer — Makes a ranking Transformer pay off in "
            "production by tuning sample layout, attention span and query count together; Alibaba orders +6.35%, "
            "latency -44.67%.") in lines
    assert ("IDProxy: Cold-Start CTR Prediction with Multimodal LLMs — Gives brand-new items an ID-like embedding "
            "read off their text and images; Xiaohongshu CTR +2.1%, CVR +2.5%.") in lines
    # without highlights the line ends after the take; a model the title lacks follows it in parentheses
    assert ("Constraint-Aware Generative Re-ranking (CGR) — Folds the ad-load and spacing rules into decoding "
            "itself, so every generated feed is valid by construction.") in lines
    # an academic paper's results stand without an org; the take gets its full stop
    assert ("Scaling Laws for Reranking in Information Retrieval — Shows reranker quality follows power laws "
            "across pointwise, pairwise and listwise training; NDCG of a 1B model predicted from runs up to 400M "
            "parameters.") in lines
    assert len(lines) == len(PAPERS)


def test_paper_headings_are_title_then_model_and_id_linked_to_the_paper(week: Path) -> None:
    text = weekly()
    assert ("### SORT: A Systematically Optimized Ranking Transformer "
            "([2603.03988](https://arxiv.org/abs/2603.03988))\n") in text
    assert ("### Efficient, Property-Aligned Fan-Out Retrieval via RL-Compiled Diffusion "
            "(R4T, [2603.06397](https://arxiv.org/abs/2603.06397))\n") in text
    blocks = document_to_blocks(parse_document(text.split("---\n", 2)[2], DocumentContext())).blocks
    shown = [plain_text_of(b["heading_3"]["rich_text"]) for b in blocks if b["type"] == "heading_3"]  # as Notion shows
    assert "SORT: A Systematically Optimized Ranking Transformer (2603.03988)" in shown
    assert "Efficient, Property-Aligned Fan-Out Retrieval via RL-Compiled Diffusion (R4T, 2603.06397)" in shown
    assert not any(line.count(": ") > 1 for line in text.splitlines() if line.startswith("### "))


def test_the_paper_link_is_configurable(week: Path) -> None:
    with (week / "recweekly.toml").open("a", encoding="utf-8") as handle:
        handle.write('paper_url = ""\n')
    text = weekly()
    assert "### Efficient, Property-Aligned Fan-Out Retrieval via RL-Compiled Diffusion (R4T, 2603.06397)\n" in text
    (week / "recweekly.toml").write_text(CONFIG + 'paper_url = "https://alphaxiv.org/abs/{id}"\n', encoding="utf-8")
    assert "(SORT: A" not in weekly() and "([2603.03988](https://alphaxiv.org/abs/2603.03988))" in weekly()


def test_bylines_name_every_organization_with_its_kind(week: Path) -> None:
    text = weekly()
    assert "*🏢 Bilibili · 🎓 Peking University · Generative Recommendation · ⭐ 7/10*" in text
    assert "*🏢 Alibaba · Discriminative Recommendation · ⭐ 7/10*" in text
    # an org the table lacks, on a paper of no known kind, is named without a mark
    assert "*UMass Amherst · Generative Recommendation · ⭐ 7/10*" in text
    # no org at all: the paper's affiliation
    assert "*🎓 Academic · Other · ⭐ 7/10*" in text
    zh = weekly("--lang", "zh")
    assert "*🏢 哔哩哔哩 · 🎓 北京大学 · 生成式推荐 · ⭐ 7/10*" in zh


def test_the_overview_names_the_industrial_teams_beside_their_share(week: Path) -> None:
    text = weekly()
    assert ("- Industrial contributions: 7/9 (78%). Teams from Alibaba, Tencent, Kuaishou, ByteDance, Bilibili, "
            "JD.com, and Xiaohongshu.\n") in text
    zh = weekly("--lang", "zh")
    assert "- 工业界参与：7/9（78%）。参与团队：阿里巴巴、腾讯、快手、字节跳动、哔哩哔哩、京东和小红书。\n" in zh


def test_other_is_roundup_only_by_default_and_the_set_is_configurable(week: Path) -> None:
    text = weekly()
    body, roundup = text.split("## Paper Roundup", 1)
    assert "## Other" not in body and "IDProxy" not in body and "2603.01590" not in body
    assert "### Other" in roundup and "IDProxy: Cold-Start CTR Prediction" in roundup
    assert "9 papers" in text  # still in the facts
    (week / "recweekly.toml").write_text(CONFIG + 'roundup_only_themes = ["Other", "Generative Recommendation and '
                                         'Full-Pipeline Unified Modeling"]\n', encoding="utf-8")
    body, roundup = weekly().split("## Paper Roundup", 1)
    assert "## Generative Recommendation" not in body and "(CGR, 2603.04227" not in body
    assert "Constraint-Aware Generative Re-ranking (CGR) —" in roundup
    (week / "recweekly.toml").write_text(CONFIG + "roundup_only_themes = []\n", encoding="utf-8")
    body, _ = weekly().split("## Paper Roundup", 1)
    assert "## Other\n" in body and "([2603.01590](https://arxiv.org/abs/2603.01590))" in body


def test_weekly_tags_come_from_the_series_and_note_tags_only_if_asked(week: Path) -> None:
    assert "\ntags:\n- 推荐系统\n- 论文\n- 技术趋势\nsummary:" in weekly()
    note = week / "notes" / "2026" / "W10" / "2603.03988.md"
    note.write_text(note.read_text(encoding="utf-8").replace("score: 7", "score: 7\ntags: [ranking, 论文]"),
                    encoding="utf-8")
    assert "\ntags:\n- 推荐系统\n- 论文\n- 技术趋势\nsummary:" in weekly()
    (week / "recweekly.toml").write_text(CONFIG + "weekly_note_tags = 2\n", encoding="utf-8")
    assert "\ntags:\n- 推荐系统\n- 论文\n- 技术趋势\n- ranking\nsummary:" in weekly()  # 论文 once
