"""Refusing before the first write: bad posts, duplicate slugs, a database that does not match;
and the token never shows, whatever is printed."""

from __future__ import annotations

import pytest

from tests.helpers.publishing import Env

BODY = "Hello.\n"


def test_duplicate_slug_stops_before_any_write(env: Env) -> None:
    env.write_post("a.en.md", BODY, slug="same")
    env.write_post("b.en.md", BODY, slug="same")
    env.write_post("c.en.md", BODY, slug="other")
    result = env.run("posts/c.en.md")
    assert result.exit_code == 1
    assert "duplicate" in result.output and "posts/a.en.md" in result.output and "posts/b.en.md" in result.output
    assert env.notion.calls == []


def test_same_slug_in_two_languages_is_fine(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    db_zh, _ = env.notion.add_database("Blog zh")
    monkeypatch.setenv("NOTION_DATABASE_ID_ZH", db_zh)
    env.write_post("a.en.md", BODY, slug="w10")
    env.write_post("a.zh.md", "你好。\n", slug="w10", lang="zh")
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    zh_source = env.notion.databases[db_zh]["data_sources"][0]
    assert len(env.notion.live_pages()) == 1 and len(env.notion.live_pages(zh_source)) == 1


def test_schema_mismatch_lists_every_problem_and_writes_nothing(env: Env) -> None:
    schema = env.notion.schema()
    del schema["slug"]
    schema["tags"]["type"] = "rich_text"
    env.write_post("a.en.md", BODY, slug="w10")
    result = env.run("posts/a.en.md")
    assert result.exit_code == 1
    assert "slug" in result.output and "tags" in result.output
    assert env.notion.writes() == []


def test_invalid_post_stops_before_any_network_call(env: Env) -> None:
    env.write_post("good.en.md", BODY, slug="good")
    bad = env.write_post("bad.en.md", BODY, slug="bad")
    bad.write_text(bad.read_text(encoding="utf-8").replace("status: Published", "status: Live"), encoding="utf-8")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "posts/bad.en.md" in result.output and "status" in result.output
    assert env.notion.calls == []


def test_missing_database_id_is_a_config_error(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTION_DATABASE_ID_EN")
    env.write_post("a.en.md", BODY, slug="w10")
    result = env.run("posts/a.en.md")
    assert result.exit_code == 1
    assert "NOTION_DATABASE_ID_EN" in result.output


def test_missing_token(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTION_TOKEN")
    env.write_post("a.en.md", BODY, slug="w10")
    result = env.run("posts/a.en.md")
    assert result.exit_code == 1
    assert "NOTION_TOKEN" in result.output
    assert env.notion.calls == []


@pytest.mark.parametrize("fault", ["schema", "auth", "server", "ok"])
def test_token_never_printed_even_verbose(env: Env, fault: str, monkeypatch: pytest.MonkeyPatch) -> None:
    token = env.notion.token  # what NOTION_TOKEN holds
    env.write_post("a.en.md", BODY, slug="w10")
    if fault == "schema":
        del env.notion.schema()["slug"]
    elif fault == "auth":
        env.notion.token = "a-different-token"
    elif fault == "server":
        env.notion.inject("*", r".", 500, times=100)
    summary = env.root / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for args in (["--verbose", "posts/a.en.md"], ["--verbose", "--json", "posts/a.en.md"],
                 ["--verbose", "--dry-run", "posts/a.en.md"]):
        result = env.run(*args)
        assert token not in result.output
        assert (fault == "ok") == (result.exit_code == 0), result.output
        if "--json" not in args:
            assert "notion: GET" in result.output  # verbose logs requests, without headers
    if summary.exists():
        assert token not in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(("token", "said"), [
    ("ntn_first_half\nntn_second_half", "holds a line break (character 15)"),
    ("ntn_pasted\u2019quote_0123456789", "not Latin-1"),
    ("ntn_two words_0123456789", "space or control character"),
])
def test_a_token_no_header_can_carry_is_a_clear_error(env: Env, monkeypatch: pytest.MonkeyPatch, token: str,
                                                      said: str) -> None:
    monkeypatch.setenv("NOTION_TOKEN", token)
    env.write_post("a.en.md", BODY, slug="w10")
    result = env.run("--verbose", "posts/a.en.md")
    assert result.exit_code == 1, result.output  # a configuration problem, like a missing token
    assert said in result.output and "NOTION_TOKEN" in result.output
    assert "Traceback" not in result.output
    for part in ("first_half", "second_half", "pasted", "quote_0123456789", "two words"):
        assert part not in result.output
    assert env.notion.calls == []


def test_a_folder_or_a_broken_link_named_like_a_post_cannot_be_read(env: Env) -> None:
    env.write_post("good.en.md", BODY, slug="good")
    (env.root / "posts" / "folder.md").mkdir()
    (env.root / "posts" / "gone.md").symlink_to("nowhere.md")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "posts/folder.md: cannot read (Is a directory)" in result.output
    assert "posts/gone.md: cannot read (broken symbolic link to nowhere.md)" in result.output
    assert "Traceback" not in result.output and env.notion.calls == []

    result = env.run("posts/good.en.md")  # the others are reported, and the named post published
    assert result.exit_code == 0, result.output
    assert "posts/folder.md: invalid (run `recweekly check`)" in result.output
