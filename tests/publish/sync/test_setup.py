"""`recweekly publish --setup [--apply]`: the fingerprint column, shown first, added on request."""

from __future__ import annotations

from tests.fakes.notion_server import notion_property
from tests.helpers.publishing import Env

FP = "recweekly_fingerprint"
SHORT = "# Week 10\n\nFirst paragraph.\n"


def test_setup_is_a_dry_run_that_names_the_change_and_the_language_without_a_database(env: Env) -> None:
    result = env.run("--setup")
    assert result.exit_code == 0, result.output
    assert f"en: database {env.notion.database_id}: would add the Text column '{FP}'" in result.output
    assert "zh: skipped: no Notion database for language 'zh'" in result.output
    assert "--setup --apply" in result.output
    assert env.notion.writes() == [] and FP not in env.notion.schema()


def test_apply_adds_the_column_once_and_publishing_then_uses_it(env: Env) -> None:
    result = env.run("--setup", "--apply")
    assert result.exit_code == 0, result.output
    assert f"added the Text column '{FP}'" in result.output
    (write,) = env.notion.writes()
    assert (write.method, write.path) == ("PATCH", f"/v1/data_sources/{env.notion.data_source_id}")
    assert list(write.body["properties"]) == [FP]  # the one column, nothing else touched
    column = env.notion.schema()[FP]
    assert column["type"] == "rich_text" and "recweekly" in column["description"]

    env.notion.reset_calls()
    again = env.run("--setup", "--apply")
    assert again.exit_code == 0 and "nothing to do" in again.output and env.notion.writes() == []

    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    env.notion.reset_calls()
    assert "unchanged (fingerprint)" in env.run("posts/w10.en.md").output
    assert env.notion.calls_to("GET", r"/children$") == []


def test_a_column_of_another_type_is_reported_and_nothing_changes(env: Env) -> None:
    env.notion.schema()[FP] = notion_property(FP, "number")
    result = env.run("--setup", "--apply")
    assert result.exit_code == 1
    assert "type number" in result.output and "nothing was changed" in result.output
    assert env.notion.writes() == [] and env.notion.schema()[FP]["type"] == "number"


def test_options_that_do_not_go_with_setup_are_usage_errors(env: Env) -> None:
    assert env.run("--apply", "--all").exit_code == 2
    assert env.run("--setup", "--all").exit_code == 2
    assert env.notion.calls == []


def test_setup_with_the_fingerprint_turned_off_says_so(env: Env) -> None:
    (env.root / "recweekly.toml").write_text('name = "Test Blog"\n[notion]\nfingerprint_property = ""\n',
                                             encoding="utf-8")
    result = env.run("--setup")
    assert result.exit_code == 1 and "nothing to set up" in result.output
    assert env.notion.calls == []


def test_messages_name_settings_as_the_blog_s_config_file_writes_them(env: Env) -> None:
    """A blog configured in pyproject.toml is told `[tool.recweekly.notion.databases]`, one configured
    in recweekly.toml `[notion.databases]`: the fix is pasted where the file has its settings."""
    assert "add [notion.databases] zh = " in env.run("--setup").output
    (env.root / "recweekly.toml").unlink(missing_ok=True)
    (env.root / "pyproject.toml").write_text('[project]\nname = "blog"\n\n[tool.recweekly]\nname = "Test Blog"\n',
                                             encoding="utf-8")
    result = env.run("--setup")
    assert result.exit_code == 0, result.output
    assert "add [tool.recweekly.notion.databases] zh = " in result.output
