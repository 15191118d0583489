"""recweekly/publish/notion/schema.py: the database as NotionNext reads it. Through `publish`: columns
of a type it cannot read refused together, new Select options announced or refused before any write,
a column a post uses that the database lacks named with the post's line. check_schema on its own:
every problem at once, mapping mistakes, column types NotionNext cannot read or recweekly write."""

from __future__ import annotations

import pytest

from recweekly.publish.notion.client import NotionClient
from recweekly.publish.notion.errors import NotionSchemaError
from recweekly.publish.notion.schema import check_schema, property_names
from tests.fakes.notion_server import FakeNotion, notion_property, notionnext_schema
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


# -- check_schema on its own


def test_schema_mismatch_reports_every_problem_at_once(client: NotionClient, notion: FakeNotion) -> None:
    schema = notion.schema()
    del schema["tags"]
    schema["date"] = notion_property("date", "rich_text")
    schema["Slug"] = dict(schema.pop("slug"), name="Slug")
    with pytest.raises(NotionSchemaError) as info:
        check_schema(client.retrieve_data_source(notion.data_source_id))
    err = info.value
    assert {p.field for p in err.problems} == {"tags", "date", "slug"}
    text = str(err)
    assert "3 problems" in text and "nothing was written" in text
    assert "no property 'tags' (Multi-select)" in text
    assert "'date' is a Text column (NotionNext reads date from a Date column): change column 'date' to Date" in text
    assert "unmapped Text properties: 'Slug'" in text  # points at the renamed column
    assert "[notion.properties]" in text  # the table as recweekly.toml writes it (the default)
    assert "Notion data source 'Blog'" in text
    assert notion.writes() == []


def test_mapping_mistakes_are_reported() -> None:
    with pytest.raises(NotionSchemaError) as info:
        check_schema({"properties": notionnext_schema()},
                     property_names({"slug": "", "author": "Author", "summary": "title"}))
    messages = {p.field: p.message for p in info.value.problems}
    assert set(messages) == {"slug", "author", "summary"}
    assert "cannot be mapped to an empty name" in messages["slug"]
    assert "no property 'Author'" in messages["author"]  # a blog's own column: it must exist
    assert "already used for 'title'" in messages["summary"]


@pytest.mark.parametrize(("kind", "said"), [
    ("status", "from a Status column it reads 'P' for 'Published', and the post is silently hidden"),
    ("rich_text", "from a Text column it reads 'P' for 'Published'"),
    ("multi_select", "a Multi-select column can hold several"),
    ("number", "NotionNext takes the first item of a Select value)"),
])
def test_status_must_be_a_select_column(kind: str, said: str) -> None:
    schema = notionnext_schema()
    schema["status"] = notion_property("status", kind, ["Published"] if "select" in kind or kind == "status" else None)
    with pytest.raises(NotionSchemaError) as info:
        check_schema({"properties": schema})
    [problem] = info.value.problems
    assert problem.field == "status" and said in problem.message
    assert problem.message.endswith("change column 'status' to Select in Notion, or map 'status' to another "
                                    "property with [notion.properties]")


def test_columns_the_template_may_lack_are_needed_only_when_used() -> None:
    schema = notionnext_schema()
    del schema["icon"]
    pmap = check_schema({"properties": schema})
    assert "icon" not in pmap.columns and {"icon", "comment", "ext"} <= set(pmap.skipped)
    with pytest.raises(NotionSchemaError, match=r"no property 'comment' \(Select\).*posts/a\.md:4 uses"):
        check_schema({"properties": schema}, used={"comment": ["posts/a.md:4"]})
    schema["comment"] = notion_property("comment", "rich_text")
    with pytest.raises(NotionSchemaError, match="change column 'comment' to Select"):
        check_schema({"properties": schema})  # present: it must be right even when no post uses it


def test_a_blogs_column_must_be_writable() -> None:
    schema = notionnext_schema()
    schema["Score"] = notion_property("Score", "formula")
    with pytest.raises(NotionSchemaError, match="'Score' is a Formula column, which recweekly cannot write"):
        check_schema({"properties": schema}, property_names({"score": "Score"}))
