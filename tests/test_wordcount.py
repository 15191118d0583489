"""Word count and reading time exactly as NotionNext counts them, over the visible text only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.wordcount import count_words, reading_minutes
from tests.helpers.notes import write_note


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("hello world", 2),
        ("state-of-the-art, e.g. CTR+6.35%", 3),  # punctuation glued to Latin text belongs to the word
        ("推荐系统", 4),  # each CJK character counts one
        ("生成式推荐GR模型", 8),  # 生成式推荐 (5) + GR (1) + 模型 (2)
        ("SORT：一个排序Transformer", 7),  # SORT (1), full-width colon (1), 一个排序 (4), Transformer (1)
        ("共 8 篇 · 精读 0", 7),  # 共, 8, 篇, ·(Latin-1 U+00B7), 精, 读, 0
        ("café naïve", 2),  # é and ï are Latin-1
        ("Łódź", 3),  # Ł and ź are not Latin-1: Ł, ód, ź
        ("a\u00a0b\u3000c", 3),  # no-break space and ideographic space separate words
        ("📊 统计", 4),  # an emoji outside the BMP is two UTF-16 code units in JavaScript
    ],
)
def test_word_count_follows_notionnext(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (399, 1), (400, 2), (799, 2), (800, 3), (4000, 11)])
def test_reading_time(words: int, minutes: int) -> None:
    assert reading_minutes(words) == minutes


def test_stats_command_text_and_json(blog: Path) -> None:
    write_note(blog, "2603.03988", "2026-03-03", "category: discriminative-rec\norgs: [Kuaishou]\n")
    write_note(blog, "2603.00002", "2026-03-04", "category: llm\norgs: [Tsinghua University]\n")
    post = blog / "drafts" / "w.md"
    post.write_text(
        "---\ntitle: T\nslug: t\ntype: Post\nstatus: Draft\nlang: zh\n---\n\n"
        "本周 SORT (2603.03988) 与 [另一篇](https://arxiv.org/abs/2603.00002v1)，以及 (2603.09999)。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["stats", "drafts/w.md", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 本周 (2) SORT (1) (2603.03988) (1) 与 (1) 另一篇 (3) ，以及 (3) (2603.09999)。-> "(2603.09999)" (1) + 。 (1)
    assert data["words"] == 13
    assert data["reading_minutes"] == 1
    assert data["paper_ids"] == ["2603.03988", "2603.00002", "2603.09999"]
    assert data["without_note"] == ["2603.09999"]
    assert data["categories"] == {"discriminative-rec": 1, "llm": 1}
    assert data["affiliations"] == {"industry": 1, "academic": 1}
    text = CliRunner().invoke(cli, ["stats", "drafts/w.md"])
    assert text.exit_code == 0
    assert "words:        13" in text.stdout and "reading time: 1 min" in text.stdout
    assert "no note for:  2603.09999" in text.stdout


def test_stats_of_missing_or_empty_file(blog: Path) -> None:
    (blog / "drafts" / "empty.md").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["stats", "drafts/empty.md"])
    assert result.exit_code == 1 and "drafts/empty.md: file is empty" in result.stderr
    result = CliRunner().invoke(cli, ["stats", "drafts/nope.md"])
    assert result.exit_code == 1 and "drafts/nope.md: no such file" in result.stderr


@pytest.mark.parametrize(
    ("front", "body", "words", "minutes"),
    [
        ("", "alpha\n\nbeta\n", 1, 1),  # NotionNext joins top-level blocks with nothing: "alphabeta"
        ("", "- alpha\n  - beta\n", 2, 1),  # children are joined with a space
        ("password: s3cret\n", "word " * 900 + "\n", 0, 1),  # NotionNext reads no text of a locked post
        ("", "word " * 900 + "\n", 900, 3),
        ("lang: zh\n", "正文[^1]\n\n[^1]: 注。\n", 2 + 1 + 2 + 1 + 2, 1),  # 正文 [1] + 注释 (zh notes) + [1] 注。
    ],
)
def test_stats_counts_the_blocks_notionnext_reads(blog: Path, front: str, body: str, words: int,
                                                  minutes: int) -> None:
    path = blog / "drafts" / "c.md"
    path.write_text(f"---\ntitle: T\nslug: c\ntype: Post\nstatus: Draft\n{front}---\n{body}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["stats", "drafts/c.md", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["words"], data["reading_minutes"]) == (words, minutes)
