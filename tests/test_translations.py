"""Translations kept in step: pairing, the recorded source hash, stale reports and `translations`."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from recweekly.config import load_config
from recweekly.translations import Library, content_hash
from tests.helpers.notes import snapshot, write_note

EN = """---
title: RecSys Weekly 2026-W10
slug: recsys-weekly-2026-w10
type: Post
status: Published
date: 2026-03-09
lang: en
---

## Ranking

SORT (2603.03988) scales a ranking Transformer.

## Generative Recommendation

UniGR (2603.02999) puts generation and ranking in one decoder.
"""

ZH = """---
title: RecSys Weekly 2026-W10
slug: recsys-weekly-2026-w10
type: Post
status: Published
date: 2026-03-09
lang: zh
---

## 排序

SORT（2603.03988）把排序 Transformer 做大。

## 生成式推荐

UniGR（2603.02999）用一个解码器同时生成与排序。
"""


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def pair(blog: Path) -> git.Repo:
    """An English post and its Chinese translation, committed, notes for every paper named."""
    for arxiv in ("2603.03988", "2603.02999", "2603.05555"):
        write_note(blog, arxiv, "2026-03-03")
    (blog / "posts" / "2026-W10.en.md").write_text(EN, encoding="utf-8")
    (blog / "posts" / "2026-W10.zh.md").write_text(ZH, encoding="utf-8")
    repo = git.Repo.init(blog)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Test")
        cw.set_value("user", "email", "test@example.com")
    repo.git.add("-A")
    repo.git.commit("-m", "W10 in two languages")
    return repo


def statuses(root: Path) -> list[tuple[str, str, str | None]]:
    return [(row.state, row.target_lang, row.translation.display if row.translation else None)
            for row in Library.load(load_config(root)).statuses()]


def test_mark_synced_edits_two_front_matter_lines_only(blog: Path, pair: git.Repo) -> None:
    path = blog / "posts" / "2026-W10.zh.md"
    assert statuses(blog) == [("untracked", "zh", "posts/2026-W10.zh.md")]
    result = invoke("translations", "mark-synced", "posts/2026-W10.zh.md")
    assert result.exit_code == 0, result.output
    source_hash = content_hash(Library.load(load_config(blog)).groups["recsys-weekly-2026-w10"]["en"].post)
    assert path.read_text(encoding="utf-8") == ZH.replace(
        "lang: zh\n", f"lang: zh\ntranslated_from: en\nsource_sha256: {source_hash}\n")
    assert f"marked posts/2026-W10.zh.md as synced with posts/2026-W10.en.md (translated_from: en, " \
           f"source_sha256: {source_hash})" in result.stdout
    assert statuses(blog) == [("up to date", "zh", "posts/2026-W10.zh.md")]
    assert invoke("check").exit_code == 0
    again = invoke("translations", "mark-synced", "posts/2026-W10.zh.md")
    assert "already up to date" in again.stdout


def test_a_changed_source_makes_the_translation_stale_with_what_changed(blog: Path, pair: git.Repo) -> None:
    invoke("translations", "mark-synced", "posts/2026-W10.zh.md")
    pair.git.add("-A")
    pair.git.commit("-m", "zh synced")
    english = blog / "posts" / "2026-W10.en.md"
    changed = EN.replace("## Generative Recommendation\n\nUniGR (2603.02999) puts generation and ranking in one "
                         "decoder.\n", "## Late Papers\n\nLATE (2603.05555) arrived on Friday.\n")
    english.write_text(changed, encoding="utf-8")
    pair.git.add("-A")
    pair.git.commit("-m", "en: a late paper")

    result = invoke("check")
    assert result.exit_code == 1
    line = ZH.splitlines().index("lang: zh") + 3  # source_sha256 follows translated_from after lang
    assert (f"posts/2026-W10.zh.md:{line}: source_sha256: stale translation: the en post posts/2026-W10.en.md "
            "changed since this translation was synced (sections added: Late Papers; sections removed: "
            "Generative Recommendation; papers added: 2603.05555; papers removed: 2603.02999); update it, then "
            "run `recweekly translations mark-synced posts/2026-W10.zh.md`") in result.stderr

    listed = invoke("translations", "status")
    assert "stale       recsys-weekly-2026-w10: en posts/2026-W10.en.md -> zh posts/2026-W10.zh.md" in listed.stdout
    assert "sections added: Late Papers" in listed.stdout
    rows = json.loads(invoke("translations", "status", "--json").stdout)
    assert [(r["state"], r["lang"], r["source"]) for r in rows] == [("stale", "zh", "posts/2026-W10.en.md")]

    assert invoke("translations", "mark-synced", "posts/2026-W10.zh.md").exit_code == 0
    assert invoke("check").exit_code == 0


def test_an_uncommitted_version_cannot_be_compared_but_is_still_stale(blog: Path, pair: git.Repo) -> None:
    english = blog / "posts" / "2026-W10.en.md"
    english.write_text(EN.replace("scales", "grows"), encoding="utf-8")  # never committed
    invoke("translations", "mark-synced", "posts/2026-W10.zh.md")
    english.write_text(EN, encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 1
    assert "the version it was translated from is not in git history" in result.stderr


def test_a_stale_draft_translation_is_a_note_not_a_failure(blog: Path, pair: git.Repo) -> None:
    pair.git.mv("posts/2026-W10.zh.md", "drafts/2026-W10.zh.md")
    invoke("translations", "mark-synced", "drafts/2026-W10.zh.md")
    (blog / "posts" / "2026-W10.en.md").write_text(EN + "\nOne more line.\n", encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 0, result.output
    assert "note: drafts/2026-W10.zh.md:" in result.stderr
    assert "stale translation" in result.stderr
    assert "(text changed (no section or paper added or removed))" in result.stderr


def test_missing_languages_and_explicit_translation_keys(blog: Path, pair: git.Repo) -> None:
    daily = EN.replace("slug: recsys-weekly-2026-w10", "slug: daily-2026-03-04").replace(
        "RecSys Weekly 2026-W10", "Daily Report 2026-03-04")
    (blog / "posts" / "2026-03-04.en.md").write_text(daily, encoding="utf-8")
    assert ("missing", "zh", None) in statuses(blog)
    # a Chinese version under another slug, paired by an explicit key
    zh = ZH.replace("slug: recsys-weekly-2026-w10", "slug: ribao-2026-03-04\ntranslation_key: daily-2026-03-04")
    (blog / "drafts" / "2026-03-04.zh.md").write_text(zh, encoding="utf-8")
    result = invoke("translations", "mark-synced", "drafts/2026-03-04.zh.md")
    assert result.exit_code == 0, result.output
    assert "as synced with posts/2026-03-04.en.md" in result.stdout
    assert ("up to date", "zh", "drafts/2026-03-04.zh.md") in statuses(blog)


def test_mark_synced_refuses_without_a_source_and_changes_nothing(blog: Path, pair: git.Repo) -> None:
    lonely = ZH.replace("recsys-weekly-2026-w10", "lonely-post")
    (blog / "drafts" / "lonely.zh.md").write_text(lonely, encoding="utf-8")
    before = snapshot(blog)
    result = invoke("translations", "mark-synced", "posts/2026-W10.zh.md", "drafts/lonely.zh.md")
    assert result.exit_code == 1
    assert "drafts/lonely.zh.md: cannot tell which language it is translated from" in result.stderr
    result = invoke("translations", "mark-synced", "drafts/lonely.zh.md", "--from", "en")
    assert result.exit_code == 1
    assert "no en post or draft with translation key 'lonely-post'" in result.stderr
    assert snapshot(blog) == before  # the first, valid path was not written either


def test_front_matter_values_are_validated(blog: Path, pair: git.Repo) -> None:
    path = blog / "posts" / "2026-W10.zh.md"
    path.write_text(ZH.replace("lang: zh\n", "lang: zh\ntranslated_from: zh\nsource_sha256: nothex\n"),
                    encoding="utf-8")
    result = invoke("check", "posts/2026-W10.zh.md")
    assert result.exit_code == 1
    assert "translated_from: expected the source's language, one of en, zh and not this post's own" in result.stderr
    assert "source_sha256: expected 12 hex digits" in result.stderr
