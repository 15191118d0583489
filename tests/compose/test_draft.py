"""The sample daily report's 📊 line and 全部论文 table, rebuilt exactly from notes of its 8 papers.

The expected text below is the sample's (../shared/samples/daily-report.2026-06-23.zh.txt): titles,
models, categories and scores are facts about the papers. The fixture notes carry those facts
with our own summaries; their arXiv ids put them in an order whose first appearances and ties
match the sample (categories in order of first appearance, score ties in collection order).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.compose.draft import render_regions
from recweekly.config import load_config
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_day

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
