"""Publishing what NotionNext reads: Select columns, page icon and cover, comment, ext, a blog's own
columns; and a re-publish against Notion's read-only answer fields that writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.notion_server import notion_property
from tests.helpers.publishing import Env
from tests.helpers.sample_posts import PNG

BODY = "# Week 10\n\nFirst paragraph.\n"


def configure(env: Env, notion_table: str) -> None:
    (env.root / "recweekly.toml").write_text(f'name = "Test Blog"\n[notion]\n{notion_table}\n', encoding="utf-8")


def only_page(env: Env, slug: str = "w10") -> dict[str, Any]:
    [page] = env.page_by_slug(slug)
    return env.notion.page(page["id"])


def text_of(prop: dict[str, Any]) -> str:
    return "".join(r["plain_text"] for r in prop[prop["type"]])


def republish_writes(env: Env, *args: str) -> list[Any]:
    env.notion.reset_calls()
    result = env.run(*(args or ("--all",)))
    assert result.exit_code == 0, result.output
    return env.notion.writes()


# -- 1. the schema as NotionNext reads it --------------------------------------------------------------


def test_columns_notionnext_cannot_read_are_refused_together(env: Env) -> None:
    schema = env.notion.schema()
    schema["status"] = notion_property("status", "status", ["Published", "Invisible", "Draft"])
    schema["category"] = notion_property("category", "rich_text")
    schema["type"] = notion_property("type", "multi_select", ["Post"])
    env.write_post("w10.en.md", BODY, slug="w10")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1
    assert "3 problems" in result.output or result.output.count("change column") == 3
    assert "change column 'status' to Select" in result.output
    assert "reads 'P' for 'Published'" in result.output and "silently hidden" in result.output
    assert "change column 'category' to Select" in result.output
    assert "change column 'type' to Select" in result.output and "Multi-select" in result.output
    assert env.notion.writes() == []


def test_new_select_values_are_announced_or_refused_before_any_write(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="w10", category="Weekly", tags="[ranking, llm]")
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
    env.write_post("w10.en.md", BODY, slug="w10", category="Weekly")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "cannot edit the database's schema" in result.output and env.notion.live_pages() == []


# -- 2. the page as NotionNext shows it ----------------------------------------------------------------


def test_emoji_icon_and_url_cover_set_the_page_and_cost_nothing_when_unchanged(env: Env) -> None:
    path = env.write_post("w10.en.md", BODY, slug="w10", icon="🧪", cover="https://example.org/cover.png")
    assert env.run("--all").exit_code == 0
    page = only_page(env)
    assert page["icon"] == {"type": "emoji", "emoji": "🧪"}
    assert page["cover"] == {"type": "external", "external": {"url": "https://example.org/cover.png"}}
    assert text_of(page["properties"]["icon"]) == ""  # the column is for Font Awesome classes
    assert republish_writes(env) == []

    path.write_text(path.read_text(encoding="utf-8").replace("cover.png", "cover-2.png"), encoding="utf-8")
    [write] = republish_writes(env)
    assert write.body == {"cover": {"type": "external", "external": {"url": "https://example.org/cover-2.png"}}}
    assert republish_writes(env) == []


def test_repository_cover_and_icon_are_uploaded_once(env: Env) -> None:
    (env.root / "posts" / "img").mkdir(parents=True)
    image = env.root / "posts" / "img" / "cover.png"
    image.write_bytes(PNG)
    env.write_post("w10.en.md", BODY, slug="w10", cover="img/cover.png", icon="/posts/img/cover.png")
    assert env.run("--all").exit_code == 0
    page = only_page(env)
    assert page["cover"]["type"] == "file" and "_cover.png?X-Amz-" in page["cover"]["file"]["url"]
    assert page["icon"]["type"] == "file"
    assert len(env.notion.file_uploads) == 1  # one file, used twice
    assert republish_writes(env) == [] and len(env.notion.file_uploads) == 1

    image.write_bytes(PNG + b"changed")
    writes = republish_writes(env)
    assert [w.path for w in writes] == ["/v1/file_uploads", writes[1].path, writes[2].path]
    assert set(writes[2].body) == {"cover", "icon"} and len(env.notion.file_uploads) == 2
    assert republish_writes(env) == []


def test_icon_and_cover_left_out_keep_what_notion_has_and_empty_removes(env: Env) -> None:
    path = env.write_post("w10.en.md", BODY, slug="w10")
    assert env.run("--all").exit_code == 0
    page_id = only_page(env)["id"]
    env.notion.pages[page_id]["cover"] = {"type": "external", "external": {"url": "https://example.org/hand.png"}}
    env.notion.pages[page_id]["icon"] = {"type": "emoji", "emoji": "📌"}
    assert republish_writes(env) == []  # set by hand in Notion, not named by the post: left alone

    path.write_text(path.read_text(encoding="utf-8").replace("lang: en", "lang: en\ncover:"), encoding="utf-8")
    [write] = republish_writes(env)
    assert write.body == {"cover": None}
    assert only_page(env)["cover"] is None and only_page(env)["icon"] == {"type": "emoji", "emoji": "📌"}


def test_font_awesome_icon_of_a_menu_goes_to_the_icon_column(env: Env) -> None:
    env.write_post("about.en.md", BODY, slug="about", type="Menu", icon="fa-solid fa-circle-info")
    assert env.run("--all").exit_code == 0
    page = only_page(env, "about")
    assert text_of(page["properties"]["icon"]) == "fa-solid fa-circle-info" and page["icon"] is None
    assert republish_writes(env) == []


def test_comment_and_ext_columns(env: Env) -> None:
    schema = env.notion.schema()
    schema["comment"] = notion_property("comment", "select", ["Hide"])
    schema["ext"] = notion_property("ext", "rich_text")
    path = env.write_post("w10.en.md", BODY, slug="w10", comment="Hide",
                          ext='\'{"video": "https://example.org/v.mp4"}\'')
    assert env.run("--all").exit_code == 0
    props = only_page(env)["properties"]
    assert props["comment"]["select"]["name"] == "Hide"
    assert text_of(props["ext"]) == '{"video": "https://example.org/v.mp4"}'
    assert republish_writes(env) == []

    path.write_text(path.read_text(encoding="utf-8").replace("comment: Hide\n", ""), encoding="utf-8")
    [write] = republish_writes(env)
    assert write.body == {"properties": {"comment": {"select": None}}}  # removed from the file: cleared


@pytest.mark.parametrize(("key", "value", "said"), [
    ("cover", "img/none.png", "cover: image 'img/none.png' not found"),
    ("ext", "'{video: x}'", "ext: not valid JSON"),
    ("icon", "rocket", "icon: expected an emoji (🚀), an image URL"),
])
def test_bad_icon_cover_or_ext_is_a_file_line_error_before_any_call(env: Env, key: str, value: str,
                                                                    said: str) -> None:
    env.notion.schema()["ext"] = notion_property("ext", "rich_text")
    env.write_post("w10.en.md", BODY, slug="w10", **{key: value})
    result = env.run("--all")
    assert result.exit_code == 1
    assert f"posts/w10.en.md:11: {said}" in result.output
    assert env.notion.calls == []


def test_a_post_using_a_column_the_database_lacks_names_it(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="w10", comment="Hide")
    env.write_post("w11.en.md", BODY, slug="w11")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "no property 'comment' (Select)" in result.output and "posts/w10.en.md:11 uses" in result.output
    assert env.notion.writes() == []
    env.write_post("w10.en.md", BODY, slug="w10")
    assert env.run("--all").exit_code == 0  # no post uses comment: the column is not needed


def test_a_blogs_own_columns_are_typed_from_the_schema(env: Env) -> None:
    schema = env.notion.schema()
    schema["Priority"] = notion_property("Priority", "number")
    schema["Featured"] = notion_property("Featured", "checkbox")
    env.write_post("w10.en.md", BODY, slug="w10", priority="2", featured="true")
    result = env.run("--all")
    assert result.exit_code == 1 and "unknown key" in result.output and "priority" in result.output
    assert env.notion.calls == []

    configure(env, 'properties = { priority = "Priority", featured = "Featured" }')
    assert env.run("--all").exit_code == 0
    props = only_page(env)["properties"]
    assert props["Priority"]["number"] == 2 and props["Featured"]["checkbox"] is True
    assert republish_writes(env) == []

    env.write_post("w10.en.md", BODY, slug="w10", priority="high", featured="true")
    result = env.run("--all")
    assert result.exit_code == 1
    assert "posts/w10.en.md:11: priority: Notion property 'Priority' is a Number column; expected a number" \
        in result.output
    assert env.notion.writes() == []


# -- 4. links between posts as NotionNext serves them ---------------------------------------------------


def test_a_link_to_another_post_uses_the_blogs_url_prefix_and_language_path(env: Env) -> None:
    configure(env, 'site_url = "https://blog.example.org"\npost_url_prefix = "article/%year%/%month%"\n'
                   'lang_prefix = {en = "en"}')
    env.write_post("w09.en.md", "Last week.\n", slug="w09", date="2026-02-27")
    env.write_post("w10.en.md", "See [last week](w09.en.md#roundup).\n", slug="w10")
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    (paragraph,) = env.notion.page_blocks(only_page(env)["id"])
    hrefs = [r["href"] for r in paragraph["paragraph"]["rich_text"] if r["href"]]
    assert hrefs == ["https://blog.example.org/en/article/2026/02/w09#roundup"]


# -- 5. comparing only what a request can set ------------------------------------------------------------


NUMBERED = """\
1. one
2. two
   1. two point one
   2. two point two
3. three

Between the lists.

1. again
"""


def test_numbered_lists_republish_with_no_write(env: Env) -> None:
    env.write_post("w10.en.md", NUMBERED, slug="w10")
    assert env.run("--all").exit_code == 0
    first = env.notion.page_blocks(only_page(env)["id"])[0]
    assert first["numbered_list_item"]["list_start_index"] == 1  # what the real API answers
    created = env.notion.blocks_created
    assert republish_writes(env) == [] and env.notion.blocks_created == created


def test_a_block_trashed_in_notion_meanwhile_counts_as_deleted(env: Env) -> None:
    path = env.write_post("w10.en.md", BODY + "\nTo be removed.\n", slug="w10")
    assert env.run("--all").exit_code == 0
    doomed = env.notion.page_blocks(only_page(env)["id"])[-1]
    path.write_text(path.read_text(encoding="utf-8").replace("\nTo be removed.\n", ""), encoding="utf-8")

    def trash_after_the_read(info: Any) -> None:  # someone trashes it between our read and our delete
        if info.method == "GET" and info.path.endswith("/children"):
            env.notion.blocks[doomed["id"]]["in_trash"] = True

    env.on_request = trash_after_the_read
    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    [delete] = env.notion.calls_to("DELETE", r"/blocks/")
    assert delete.status == 400  # Notion: "Can't edit block that is archived" — already done


def test_a_long_retry_after_is_announced_and_one_above_the_ceiling_stops_the_run(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    env.notion.inject("POST", r"/pages$", 429, times=1, retry_after=75)
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert "waiting 75s before retrying, as Notion asked (Retry-After)" in result.output and 75 in env.sleeps

    configure(env, "max_retry_after = 60")
    env.write_post("w11.en.md", BODY, slug="w11")
    env.notion.inject("POST", r"/pages$", 429, times=1, retry_after=75)
    result = env.run("posts/w11.en.md")
    assert result.exit_code == 3
    assert "Notion asked to wait 75s before retrying, longer than the 60s" in result.output
    assert env.page_by_slug("w11") == []


def test_with_the_fingerprint_a_new_icon_is_one_write_then_none(env: Env) -> None:
    configure(env, 'fingerprint_property = "recweekly_fingerprint"')
    env.notion.schema()["recweekly_fingerprint"] = notion_property("recweekly_fingerprint", "rich_text")
    path = env.write_post("w10.en.md", BODY, slug="w10", icon="🧪")
    assert env.run("--all").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("icon: 🧪", "icon: 📈"), encoding="utf-8")
    [write] = republish_writes(env)
    assert write.body["icon"] == {"type": "emoji", "emoji": "📈"}
    assert "recweekly_fingerprint" in write.body["properties"]  # the icon goes with the new fingerprint
    env.notion.reset_calls()
    result = env.run("--all")
    assert "unchanged (fingerprint)" in result.output and env.notion.writes() == []


# -- 6. everything sent is visible in NotionNext ----------------------------------------------------------


VISIBLE = """\
#### Fourth level

> - a quote that starts with a list

```zig
const x = 1;
```
"""


def test_heading_4_and_a_quote_without_text_of_its_own_republish_with_no_write(env: Env) -> None:
    path = env.write_post("w10.en.md", VISIBLE, slug="w10")
    assert env.run("--all").exit_code == 0
    heading, quote, code = env.notion.page_blocks(only_page(env)["id"])
    assert heading["type"] == "heading_4" and heading["heading_4"]["rich_text"][0]["plain_text"] == "Fourth level"
    assert quote["quote"]["rich_text"][0]["plain_text"] == "\u00a0" and quote["children"]
    assert code["code"]["language"] == "plain text" and code["code"]["caption"][0]["plain_text"] == "zig"
    assert republish_writes(env) == []
    path.write_text(path.read_text(encoding="utf-8").replace("Fourth level", "Level four"), encoding="utf-8")
    writes = republish_writes(env)
    assert [(c.method, c.path) for c in writes] == [("PATCH", f"/v1/blocks/{heading['id']}")]
