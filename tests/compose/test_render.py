"""Drafts in each language, from the same notes, hold no text in the other language except names,
paper titles and marked fallbacks — checked by script, piece by piece.

The fixture notes are mixed on purpose: a summary only in English, one only in Chinese, English
highlights, an English note body, a Chinese one, themes named by key, English and Chinese name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.config import load_config
from recweekly.l10n.fallback import find_fallbacks, strip_fallbacks
from recweekly.l10n.typography import has_han, script_lang, typeset
from recweekly.notes.store import NoteStore

DRAFTS = [("--week", "2026-W10"), ("--date", "2026-06-23")]
# pieces of a Chinese line: split at Chinese punctuation, list separators, table cells and bold marks
_PIECES = re.compile(r"[，。、；：！？（）「」《》|·—*]+|\s[-–]\s|^#+\s|^- ")


def draft(kind: str, period: str, lang: str) -> str:
    result = CliRunner().invoke(cli, ["new", kind, period, "--lang", lang, "--stdout"])
    assert result.exit_code == 0, result.output
    return result.stdout


def allowed_names(root: Path) -> list[str]:
    """Names and titles (of papers, models, organizations, the blog; tags and category keys too): what a
    post shows as they are in whatever language it is written in."""
    config = load_config(root)
    notes = NoteStore(config).load_all()
    names = {n.title for n in notes} | {n.model for n in notes if n.model} | {o for n in notes for o in n.orgs}
    names |= {t for n in notes for t in n.tags} | set(config.categories) | {config.name}
    names |= {"academic", "industry", "mixed"}  # the affiliation tag that ends the daily's 标签 line
    return sorted(names, key=len, reverse=True)


def body(text: str) -> str:
    """The body, plus the front matter values a reader sees (title and summary)."""
    _, front, rest = text.split("---\n", 2)
    shown = [line.split(": ", 1)[1] for line in front.splitlines() if line.startswith(("title: ", "summary: "))]
    return "\n".join(shown) + "\n" + re.sub(r"<!--.*?-->", "", rest)


@pytest.mark.parametrize(("kind", "period"), DRAFTS)
def test_the_english_draft_has_no_chinese_outside_marks(fixture_blog: Path, kind: str, period: str) -> None:
    text = draft(kind, period, "en")
    assert find_fallbacks(text), "the fixture notes are meant to need fallbacks"
    assert all(f.source == "zh" and f.target == "en" for f in find_fallbacks(text))
    leftover = [line for line in strip_fallbacks(body(text)).splitlines() if has_han(line)]
    assert leftover == []


@pytest.mark.parametrize(("kind", "period"), DRAFTS)
def test_the_chinese_draft_has_no_english_outside_names_titles_and_marks(fixture_blog: Path, kind: str,
                                                                           period: str) -> None:
    text = draft(kind, period, "zh")
    assert find_fallbacks(text), "the fixture notes are meant to need fallbacks"
    assert all(f.source == "en" and f.target == "zh" for f in find_fallbacks(text))
    remaining = strip_fallbacks(body(text))
    for name in allowed_names(fixture_blog):
        remaining = remaining.replace(name, " ")
    remaining = re.sub(r"\(\d{4}\.\d{4,5}\)|TODO:", " ", remaining)
    english = [piece.strip() for line in remaining.splitlines() for piece in _PIECES.split(line)
               if script_lang(piece) == "en"]
    assert english == []


@pytest.mark.parametrize(("kind", "period"), DRAFTS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_drafts_follow_the_typography_rule(fixture_blog: Path, kind: str, period: str, lang: str) -> None:
    text = draft(kind, period, lang)
    assert typeset(text) == text
    assert "： " not in text and not re.search(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9%][\u4e00-\u9fff]", text)


def test_american_spelling_in_the_english_drafts(fixture_blog: Path) -> None:
    text = draft("--week", "2026-W10", "en") + draft("--date", "2026-06-23", "en")
    assert "Organizations" in text
    assert not re.search(r"(?i)organis|optimis|summaris|colour|behaviour", text)
