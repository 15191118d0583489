"""recweekly/compose/draft.py: a period's draft, held to the sample daily report's 📊 line and table,
the golden drafts of the fixture blog, and the real weekly's forms."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.compose.draft import render_regions
from recweekly.config import load_config
from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.notion import document_to_blocks
from recweekly.markdown.renderers.notion.richtext import plain_text_of
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_day
from tests.helpers.blogs import GOLDEN

# -- The sample daily report's 📊 line and 全部论文 table, rebuilt exactly from notes of its 8 papers.
#
# The expected text below is the sample's (../shared/samples/daily-report.2026-06-23.zh.txt): titles,
# models, categories and scores are facts about the papers. The fixture notes carry those facts
# with our own summaries; their arXiv ids put them in an order whose first appearances and ties
# match the sample (categories in order of first appearance, score ties in collection order).

STATS_LINE = (
    "📊 统计: 共 8 篇 · 精读 0 · 🏢 工业界 0 · 🎓 学术 8 · llm 2 · other 2 · discriminative-rec 3 · generative-rec 1"
)
ACADEMIC = "🎓 学术"
ROWS = [
    ("SPRINT", "The Pitfall of Scaling Up: Uncovering and Mitigating Popularity Bias Amplification in "
               "Scaling Transformer-based Recommenders", "判别式", "8"),
    ("—", "On the Expressive Power of Weight Quantization in Large Language Models", "LLM", "6"),
    ("—", "LLM-as-a-Judge for Reliable and Explainable Offline Evaluation in Top-K Recommendation", "判别式", "6"),
    ("TailorMind", "TailorMind: Towards Preference-Aligned Multimodal Content Generation", "生成式", "6"),
    ("—", "Scaling Linear Mode Connectivity and Merging to Billion Parameter Pretrained Transformers", "LLM", "5"),
    ("MORL-A2C", "MORL-A2C: Multi-Objective Reinforcement Learning Reranker for Optimizing Healthiness in "
                 "MOPI-HFRS", "判别式", "5"),
    ("AdaptSim", "Towards Fast Domain Adaptation and Fine-Grained User Simulation for Evaluating Conversational "
                 "Recommender Systems", "其他", "5"),
    ("—", "Trajectory-Based Recommender Systems as Control Systems", "其他", "4"),
]
TABLE = "".join(
    ["| 模型 | 标题 | 类别 | 公司 | 摘要分 | 精读分 |\n", "|---|---|---|---|---|---|\n"]
    + [f"| {model} | {title} | {category} | {ACADEMIC} | {score} | — |\n" for model, title, category, score in ROWS]
)
KEY_PAPER_HEADS = [
    "### SPRINT · ⭐ 8/10",
    "### On the Expressive Power of Weight Quantization in Large Language Models · ⭐ 6/10",
    "### LLM-as-a-Judge for Reliable and Explainable Offline Evaluation in Top-K Recommendation · ⭐ 6/10",
    "### TailorMind · ⭐ 6/10",
]


def _regions(root: Path) -> dict[str, str]:
    config = load_config(root)
    return render_regions(config, NoteStore(config), parse_day("2026-06-23"), "zh")


def test_stats_line_is_the_samples(fixture_blog: Path) -> None:
    assert _regions(fixture_blog)["stats"] == STATS_LINE + "\n"


def test_table_is_the_samples(fixture_blog: Path) -> None:
    assert _regions(fixture_blog)["papers"] == TABLE


def test_key_papers_are_those_at_the_configured_score_highest_first(fixture_blog: Path) -> None:
    key = _regions(fixture_blog)["key_papers"]
    heads = [line for line in key.splitlines() if line.startswith("### ")]
    assert heads == KEY_PAPER_HEADS
    assert "🎓 学术 · 判别式推荐" in key
    # a title that is also the heading's subject is shown under a model heading only
    assert "\nTailorMind: Towards Preference-Aligned Multimodal Content Generation\n" in key


def test_key_paper_threshold_comes_from_config(fixture_blog: Path) -> None:
    (fixture_blog / "recweekly.toml").write_text(
        'name = "RecSys Weekly"\n[compose]\nkey_paper_score = 8\n', encoding="utf-8")
    heads = [line for line in _regions(fixture_blog)["key_papers"].splitlines() if line.startswith("### ")]
    assert heads == ["### SPRINT · ⭐ 8/10"]


def test_the_days_draft_shows_them_as_lines_of_the_file(fixture_blog: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "--date", "2026-06-23", "--lang", "zh", "--stdout"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert STATS_LINE in lines
    start = lines.index(TABLE.splitlines()[0])
    assert lines[start:start + 10] == TABLE.splitlines()
    assert "title: 2026-06-23 日报" in lines
    assert "A Note From the Day Before" not in result.stdout


TAGS_LINE = "标签: parameter-scaling · pretrained-lm · transformer · academic"


def test_tags_line_is_the_samples_the_most_common_note_tags_then_the_affiliation(fixture_blog: Path) -> None:
    assert _regions(fixture_blog)["tags"] == TAGS_LINE + "\n"
    result = CliRunner().invoke(cli, ["new", "--date", "2026-06-23", "--lang", "zh", "--stdout"])
    assert TAGS_LINE in result.stdout.splitlines()
    # the post's tags are the same (the daily's own series tags would come first)
    assert "\ntags:\n- parameter-scaling\n- pretrained-lm\n- transformer\n- academic\n" in result.stdout


def test_tags_line_cap_and_affiliation_tag_are_configurable(fixture_blog: Path) -> None:
    (fixture_blog / "recweekly.toml").write_text(
        'name = "RecSys Weekly"\n[compose]\ndaily_note_tags = 1\ndaily_affiliation_tag = false\n'
        'daily_tags = ["日报"]\n', encoding="utf-8")
    assert _regions(fixture_blog)["tags"] == "标签: 日报 · parameter-scaling\n"


def test_a_day_of_industry_and_academia_is_mixed(fixture_blog: Path) -> None:
    note = fixture_blog / "notes" / "2026" / "W26" / "2606.20245.md"
    note.write_text(note.read_text(encoding="utf-8").replace("- Tsinghua University", "- Kuaishou"), encoding="utf-8")
    assert _regions(fixture_blog)["tags"].endswith(" · mixed\n")


def test_the_english_stats_line_names_categories_by_their_labels(fixture_blog: Path) -> None:
    config = load_config(fixture_blog)
    stats = render_regions(config, NoteStore(config), parse_day("2026-06-23"), "en")["stats"]
    assert stats == ("📊 Stats: 8 papers · 0 deep reads · 🏢 Industry 0 · 🎓 Academic 8 · LLM 2 · Other 2 · "
                     "Discriminative Recommendation 3 · Generative Recommendation 1\n")


def test_an_industrial_paper_with_no_known_organization_says_industry(fixture_blog: Path) -> None:
    note = fixture_blog / "notes" / "2026" / "W26" / "2606.20388.md"
    note.write_text(note.read_text(encoding="utf-8").replace("orgs:\n- Tsinghua University\naffiliation:\n",
                                                             "orgs: []\naffiliation: industry\n"), encoding="utf-8")
    config = load_config(fixture_blog)
    zh = render_regions(config, NoteStore(config), parse_day("2026-06-23"), "zh")
    assert "| SPRINT | The Pitfall of Scaling Up" in zh["papers"] and "| 判别式 | 🏢 工业界 | 8 |" in zh["papers"]
    assert "\n🏢 工业界 · 判别式推荐\n" in zh["key_papers"] and "🏢  ·" not in zh["key_papers"]
    en = render_regions(config, NoteStore(config), parse_day("2026-06-23"), "en")
    assert "\n🏢 Industry · Discriminative Recommendation\n" in en["key_papers"]


# -- Golden drafts: the weekly and the daily, in English and Chinese, from the fixture blog's notes.
#
# Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/compose -q`
# and review the diff of tests/compose/golden/ like any other change.

CASES = [
    (["--week", "2026-W10", "--lang", "en"], "weekly.2026-W10.en.md"),
    (["--week", "2026-W10", "--lang", "zh"], "weekly.2026-W10.zh.md"),
    (["--date", "2026-06-23", "--lang", "en"], "daily.2026-06-23.en.md"),
    (["--date", "2026-06-23", "--lang", "zh"], "daily.2026-06-23.zh.md"),
]


@pytest.mark.parametrize(("args", "golden"), CASES, ids=[c[1] for c in CASES])
def test_draft_matches_golden(fixture_blog: Path, args: list[str], golden: str) -> None:
    result = CliRunner().invoke(cli, ["new", *args, "--stdout"])
    assert result.exit_code == 0, result.output
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "golden"), CASES[1:3], ids=[c[1] for c in CASES[1:3]])
def test_written_draft_is_what_stdout_shows(fixture_blog: Path, args: list[str], golden: str) -> None:
    result = CliRunner().invoke(cli, ["new", *args])
    assert result.exit_code == 0, result.output
    lang = args[-1]
    period = args[1]
    written = fixture_blog / "drafts" / f"{period}.{lang}.md"
    assert written.read_text(encoding="utf-8") == (GOLDEN / golden).read_text(encoding="utf-8")
    assert f"drafts/{period}.{lang}.md" in result.stdout


# -- The real weekly's forms (../shared/samples/weekly.2026-W10.en.scraped.txt), rebuilt from notes.
#
# The forms are the sample's — paper headings, roundup lines, the overview's team list, bylines —
# and the facts are the papers' (titles, ids, organizations, online results); every take below is our
# own wording, not the sample's.

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
