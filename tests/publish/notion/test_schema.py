"""recweekly/publish/notion/schema.py, through `publish`: the database as NotionNext reads it — columns
of a type it cannot read refused together, new Select options announced or refused before any write,
and a column a post uses that the database lacks named with the post's line."""

from __future__ import annotations

from tests.fakes.notion_server import notion_property
from tests.helpers.publishing import WEEK10, Env, configure


def test_columns_notionnext_cannot_read_are_refused_together(env: Env) -> None:
    schema = env.notion.schema()
    schema["status"] = notion_property("status", "status", ["Published", "Invisible", "Draft"])
    schema["category"] = notion_property("category", "rich_text")
    schema["type"] = notion_property("type", "multi_select", ["Post"])
    env.write_post("w10.en.md", WEEK10, slug="w10")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1
    assert "3 problems" in result.output or result.output.count("change column") == 3
    assert "change column 'status' to Select" in result.output
    assert "reads 'P' for 'Published'" in result.output and "silently hidden" in result.output
    assert "change column 'category' to Select" in result.output
    assert "change column 'type' to Select" in result.output and "Multi-select" in result.output
    assert env.notion.writes() == []


def test_new_select_values_are_announced_or_refused_before_any_write(env: Env) -> None:
    env.write_post("w10.en.md", WEEK10, slug="w10", category="Weekly", tags="[ranking, llm]")
    result = env.run("--all", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "category: 'Weekly' is not yet an option of the Notion column 'category'" in result.output
    assert "tags: 'llm' is not yet an option" in result.output and "edit access" in result.output

    configure(env, "create_options = false")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "posts/w10.en.md:8: category: 'Weekly' is not an option of the Notion column 'category'" in result.output
    assert "tags: 'ranking' is not an option" in result.output
    assert env.notion.writes() == []

    configure(env, "create_options = true")
    assert env.run("--all").exit_code == 0  # Notion adds the options when the page is written
    assert [o["name"] for o in env.notion.schema()["category"]["select"]["options"]] == ["Weekly"]
    assert "not yet an option" not in env.run("--all").output


def test_without_schema_access_a_new_option_is_notions_refusal(env: Env) -> None:
    env.notion.schema_editable = False
    env.write_post("w10.en.md", WEEK10, slug="w10", category="Weekly")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "cannot edit the database's schema" in result.output and env.notion.live_pages() == []


def test_a_post_using_a_column_the_database_lacks_names_it(env: Env) -> None:
    env.write_post("w10.en.md", WEEK10, slug="w10", comment="Hide")
    env.write_post("w11.en.md", WEEK10, slug="w11")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "no property 'comment' (Select)" in result.output and "posts/w10.en.md:11 uses" in result.output
    assert env.notion.writes() == []
    env.write_post("w10.en.md", WEEK10, slug="w10")
    assert env.run("--all").exit_code == 0  # no post uses comment: the column is not needed
