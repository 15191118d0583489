"""Word count and reading time exactly as NotionNext counts them, over the visible text only."""

from __future__ import annotations

import json
import random
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
        ("a\x1cb c\td", 3),  # U+001C is no JavaScript space either (Python's str.split() would split there)
        ("a\u0085b c\ufeffd", 3),  # U+0085 is no JavaScript space (a Latin-1 letter run), U+FEFF is
        ("\u2028中\u1680文\u200a", 2),  # spaces outside Latin-1 separate, they count nothing
    ],
)
def test_word_count_follows_notionnext(text: str, words: int) -> None:
    assert count_words(text) == words


_JS_SPACES = set("\t\n\v\f\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {chr(c) for c in range(0x2000, 0x200B)}


def _notionnext_by_hand(text: str) -> int:
    """NotionNext's counter spelled out one character at a time, as its JavaScript reads."""
    words, in_run = 0, False
    for char in text:
        if char in _JS_SPACES:
            in_run = False
        elif char <= "\xff":
            words += not in_run
            in_run = True
        else:
            words += 2 if char > "\uffff" else 1  # UTF-16 units (a lone surrogate is one)
            in_run = False
    return words


def test_word_count_agrees_with_the_counter_spelled_out() -> None:
    """Random texts mixing every class of character the count distinguishes."""
    alphabet = ["a", "Z", "9", "é", "·", "\x85", "\x1c", "\x00", " ", "\t", "\n", "\xa0", "\u3000", "\u2005",
                "\ufeff", "\u2028", "推", "：", "Ł", "📊", "\ud83d", "—", "\udc00", "\u200a", "\u2029", "\u202f",
                "\u205f", "\u1680", "\u200b", "\u0100", "\xff", "\xc2", "\x80", "\U00010000"]
    rng = random.Random(13)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert count_words(text) == _notionnext_by_hand(text), repr(text)


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
