"""Word count and reading time exactly as NotionNext counts them, over the visible text only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.compose.regions import wrap
from recweekly.markdown.plaintext import markdown_to_text
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


def test_markdown_syntax_markers_and_comments_are_not_counted() -> None:
    md = (
        "# Title here\n\n"
        "Some **bold** text with a [link](https://example.com/a-very-long-url) and `code`.\n\n"
        "<!-- a private note with many words in it -->\n"
        + wrap("stats", "推荐 papers")
        + "\n\n| 模型 | 标题 |\n|---|---|\n| SORT | 排序 |\n\n![diagram of things](img/x.png)\n"
    )
    text = markdown_to_text(md)
    assert "recweekly" not in text and "private" not in text and "https" not in text and "diagram" not in text
    # Title here (2) + Some bold text with a link and code. (8) + 推荐 (2) + papers (1)
    # + 模型 标题 (4) + SORT 排序 (3)
    assert count_words(text) == 2 + 8 + 3 + 4 + 3


def test_table_cells_do_not_run_together() -> None:
    assert count_words(markdown_to_text("| a | b |\n|---|---|\n| c | d |\n")) == 4


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


def test_every_token_type_of_the_shared_parser_has_a_rule() -> None:
    from recweekly.markdown.parser import parse_markdown
    from recweekly.markdown.plaintext import KNOWN_TYPES

    md = (
        "# H\n\nText *em* **strong** ~~del~~ `code` [l](u) ![i](p.png) $m$ <b>x</b>\\\nnext\nsoft[^1]\n\n"
        "> quote\n\n- [x] task\n- item\n\n1. one\n\n| a | b |\n|---|---|\n| 1 |\n\n```\ncode\n```\n\n"
        "$$\nM\n$$\n\n<div>html</div>\n\n---\n\n[^1]: foot\n"
    )
    seen: set[str] = set()

    def walk(tokens: list) -> None:
        for token in tokens:
            seen.add(token["type"])
            walk(token.get("children", []))

    walk(parse_markdown(md))
    assert seen - KNOWN_TYPES == set()


def test_html_entities_count_as_the_characters_the_page_shows() -> None:
    text = markdown_to_text("R&amp;D at 字节\n")
    assert "amp" not in text
    assert count_words(text) == 2 + 2  # "R&D", "at", 字, 节
