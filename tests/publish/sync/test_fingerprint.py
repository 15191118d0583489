"""The publish fingerprint: used whenever the data source has its column; an unchanged post costs no
block reads; crashes never fake it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from recweekly.publish.notion.client import NotionClient
from recweekly.publish.sync.fingerprint import read_stamp
from tests.fakes.notion_server import notion_property
from tests.helpers.publishing import (
    BODY,
    WEEK10,
    Env,
    Killed,
    assert_converged,
    configure,
    publish_killed_after,
    republish_writes,
)
from tests.helpers.sample_posts import PNG

FP = "recweekly_fingerprint"
SHORT = "# Week 10\n\nFirst paragraph.\n\nSecond paragraph.\n\n- one\n- two\n"
CONFIG = f'name = "Test Blog"\n[notion]\nfingerprint_property = "{FP}"\n'
# the column's stamp: the hash, the post's commit when the file was committed, the page's content hash
STAMP = re.compile(r"v2 sha256=[0-9a-f]{32}( commit=[0-9a-f]{40})? page=[0-9a-f]{16}")
UNFINISHED = "v2 sync=unfinished"  # what a page being written holds: no fingerprint a post can match


def enable(env: Env, column_type: str | None = "rich_text", extra: str = "") -> None:
    (env.root / "recweekly.toml").write_text(CONFIG + extra, encoding="utf-8")
    if column_type is not None:
        env.notion.schema()[FP] = notion_property(FP, column_type)


def stored(env: Env, slug: str = "w10") -> str | None:
    pages = env.page_by_slug(slug)
    assert len(pages) == 1
    prop = pages[0]["properties"].get(FP)
    text = "".join(r["plain_text"] for r in prop["rich_text"]) if prop else ""
    return text or None


def children_listed(env: Env) -> int:
    return len(env.notion.calls_to("GET", r"/children$"))


def carries_fingerprint(call: Any) -> bool:
    """The call writes a fingerprint a post can match (not the "unfinished" mark)."""
    value = (call.body.get("properties") or {}).get(FP) if isinstance(call.body, dict) else None
    return value is not None and "sha256=" in "".join(r["text"]["content"] for r in value["rich_text"])


def marks_unfinished(call: Any) -> bool:
    value = (call.body.get("properties") or {}).get(FP) if isinstance(call.body, dict) else None
    return value == {"rich_text": [{"type": "text", "text": {"content": UNFINISHED}}]}


def edit(env: Env, old: str, new: str, name: str = "w10.en.md") -> None:
    path = env.root / "posts" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_used_whenever_the_column_exists_without_any_configuration(env: Env) -> None:
    env.notion.schema()[FP] = notion_property(FP, "rich_text")
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    assert stored(env) is not None
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0 and env.notion.writes() == [] and children_listed(env) == 0
    assert "unchanged (fingerprint)" in result.output


def test_an_empty_name_turns_it_off_even_when_the_column_exists(env: Env) -> None:
    (env.root / "recweekly.toml").write_text('name = "Test Blog"\n[notion]\nfingerprint_property = ""\n',
                                             encoding="utf-8")
    env.notion.schema()[FP] = notion_property(FP, "rich_text")
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    assert not any(carries_fingerprint(c) for c in env.notion.writes())
    assert stored(env) is None
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0 and env.notion.writes() == []
    assert children_listed(env) >= 1  # the tree is read back
    assert "(fingerprint)" not in result.output and "--setup" not in result.output  # no hint when turned off


def test_without_the_column_a_no_op_run_reads_blocks_and_says_how_to_add_it(env: Env) -> None:
    env.write_post("w10.en.md", SHORT, slug="w10")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0 and "--setup" not in result.output  # a create needs no proof
    assert not any(carries_fingerprint(c) for c in env.notion.writes())
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0 and env.notion.writes() == [] and children_listed(env) >= 1
    assert f"no Text column '{FP}'" in result.output and "recweekly publish --setup" in result.output


def test_republish_of_an_unchanged_post_reads_no_blocks_and_writes_nothing(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = env.notion.writes()
    assert writes[0].path == "/v1/pages" and marks_unfinished(writes[0])  # create: no fingerprint yet
    assert writes[-1].method == "PATCH" and list(writes[-1].body["properties"]) == [FP]  # set last
    assert STAMP.fullmatch(stored(env) or "")

    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == [] and children_listed(env) == 0
    assert [(c.method, c.path.split("/")[2]) for c in env.notion.reads()] == [
        ("GET", "databases"), ("GET", "data_sources"), ("POST", "data_sources")]  # the last is the slug query
    assert "unchanged (fingerprint)" in result.output


def test_one_paragraph_edit_clears_updates_one_block_then_sets_the_fingerprint(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    before = stored(env)
    edit(env, "Second paragraph.", "Second, edited.")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = env.notion.writes()
    assert [(c.method, c.path.split("/")[2]) for c in writes] == [
        ("PATCH", "pages"), ("PATCH", "blocks"), ("PATCH", "pages")]
    assert marks_unfinished(writes[0]) and len(writes[0].body["properties"]) == 1  # before any block changes
    assert list(writes[2].body["properties"]) == [FP]
    assert stored(env) not in (None, before)

    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    assert env.notion.writes() == [] and children_listed(env) == 0


def test_changed_properties_and_fingerprint_go_in_one_patch_after_the_blocks(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    edit(env, "title: A post", "title: A better title")
    edit(env, "First paragraph.", "First, edited.")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = env.notion.writes()
    assert [(c.method, c.path.split("/")[2]) for c in writes] == [
        ("PATCH", "pages"), ("PATCH", "blocks"), ("PATCH", "pages")]
    assert sorted(writes[2].body["properties"]) == sorted([FP, "title"])


@pytest.mark.parametrize("after_writes", [1, 2, 3, 4, 5])
def test_killed_mid_publish_then_rerun_converges_with_the_right_fingerprint(env: Env, after_writes: int) -> None:
    enable(env)
    env.write_post("w10.en.md", BODY, slug="w10")
    publish_killed_after(env, after_writes)
    killed_at = env.notion.writes()[-1]
    if not carries_fingerprint(killed_at):  # killed before the final PATCH: no fingerprint yet
        assert stored(env) == UNFINISHED
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env)
    if not carries_fingerprint(killed_at):
        assert children_listed(env) >= 1  # the half-written page was diffed in full
    assert STAMP.fullmatch(stored(env) or "")

    env.notion.reset_calls()  # the fingerprint written is the one a clean run wants: a no-op now
    assert env.run("posts/w10.en.md").exit_code == 0
    assert env.notion.writes() == [] and children_listed(env) == 0
    assert env.run("--full-diff", "posts/w10.en.md").exit_code == 0  # and the content really is right
    assert env.notion.writes() == []


def test_create_killed_right_after_the_create_call_leaves_no_fingerprint(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", BODY, slug="w10")

    def kill(info: Any) -> None:
        if info.method == "POST" and info.path == "/v1/pages":
            raise Killed

    env.on_request = kill
    with pytest.raises(Killed):
        env.run("posts/w10.en.md")
    env.on_request = None
    assert stored(env) == UNFINISHED  # the page looks incomplete, as it is
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert children_listed(env) >= 1 and "update with" in result.output
    assert_converged(env)
    assert carries_fingerprint(env.notion.writes()[-1])


def test_failed_block_writes_leave_no_fingerprint_and_the_next_run_diffs_in_full(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    edit(env, "Second paragraph.", "Second, edited.")
    injection = env.notion.inject("PATCH", r"^/v1/blocks/[^/]+$", 503, times=50)  # outcome of every try unknown
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 3
    assert stored(env) == UNFINISHED  # marked before the block writes, never set afterwards
    assert [c for c in env.notion.writes() if carries_fingerprint(c)] == []
    injection.times = 0
    assert env.run("posts/w10.en.md").exit_code == 0
    assert children_listed(env) > 0 and stored(env) is not None
    assert_converged(env, body=SHORT.replace("Second paragraph.", "Second, edited."))


def test_mistyped_column_stops_before_any_write(env: Env) -> None:
    enable(env, "number")
    del env.notion.schema()["summary"]
    env.write_post("w10.en.md", SHORT, slug="w10")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1
    assert env.notion.writes() == []
    assert FP in result.output and "'summary'" in result.output  # reported together with the others
    assert "number" in result.output


def test_a_stamp_written_by_an_older_recweekly_still_matches(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    page_id = env.page_by_slug("w10")[0]["id"]
    legacy = read_stamp(stored(env)).hash  # the bare hash recweekly wrote before stamps
    assert legacy is not None and STAMP.fullmatch(stored(env) or "")
    with NotionClient(env.notion.token, env.notion.url, rate_per_sec=0) as client:
        value = {"rich_text": [{"type": "text", "text": {"content": legacy}}]}
        client.update_page(page_id, {"properties": {FP: value}})
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert "unchanged (fingerprint)" in result.output and env.notion.writes() == []


def test_front_matter_cannot_set_the_fingerprint(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10", recweekly_fingerprint="0" * 32)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1 and FP in result.output and env.notion.writes() == []

    enable(env, extra=f'[notion.properties]\nsummary = "{FP}"\n')  # nor a front-matter key mapped onto it
    env.write_post("w10.en.md", SHORT, slug="w10")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1 and "fingerprint" in result.output and env.notion.writes() == []


def test_full_diff_finds_a_page_edited_in_notion_and_force_repairs_it(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    page_id = env.page_by_slug("w10")[0]["id"]
    second = env.notion.page_blocks(page_id)[2]
    with NotionClient(env.notion.token, env.notion.url, rate_per_sec=0) as client:
        client.update_block(second["id"], {"paragraph": {"rich_text": [
            {"type": "text", "text": {"content": "Changed by hand in Notion."}}]}})
    fp = stored(env)

    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")  # the trade-off: the fingerprint hides the hand edit
    assert "unchanged (fingerprint)" in result.output and env.notion.writes() == []

    result = env.run("--full-diff", "posts/w10.en.md")  # seen, and refused rather than reverted
    assert result.exit_code == 1 and "edited in Notion" in result.output and env.notion.writes() == []
    assert "-Second paragraph.\n+Changed by hand in Notion." in result.output

    result = env.run("--full-diff", "--force", "posts/w10.en.md")
    assert result.exit_code == 0, result.output
    writes = env.notion.writes()
    assert [c.path for c in writes] == [f"/v1/pages/{page_id}", f"/v1/blocks/{second['id']}", f"/v1/pages/{page_id}"]
    text = "".join(r["plain_text"] for r in env.notion.page_blocks(page_id)[2]["paragraph"]["rich_text"])
    assert text == "Second paragraph." and stored(env) == fp


def test_dry_run_uses_the_fingerprint_and_writes_nothing(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    env.notion.reset_calls()
    result = env.run("--dry-run", "posts/w10.en.md")
    assert "unchanged (fingerprint)" in result.output
    assert env.notion.writes() == [] and children_listed(env) == 0
    edit(env, "Second paragraph.", "Second, edited.")
    result = env.run("--dry-run", "posts/w10.en.md")
    assert "update with 1 block change" in result.output and env.notion.writes() == []


def test_adding_the_column_to_a_published_blog_writes_only_the_fingerprint(env: Env) -> None:
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    env.notion.schema()[FP] = notion_property(FP, "rich_text")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert "update (fingerprint only)" in result.output
    writes = env.notion.writes()
    assert len(writes) == 1 and list(writes[0].body["properties"]) == [FP]


def test_local_images_count_by_content_not_by_upload_id(env: Env) -> None:
    enable(env)
    (env.root / "posts" / "img").mkdir(parents=True)
    (env.root / "posts" / "img" / "chart.png").write_bytes(PNG)
    env.write_post("w10.en.md", SHORT + "\n![Chart](img/chart.png)\n", slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    assert env.notion.writes() == [] and children_listed(env) == 0
    (env.root / "posts" / "img" / "chart.png").write_bytes(PNG + b"changed")  # same path, new bytes
    result = env.run("posts/w10.en.md")
    assert "update with 1 block change" in result.output
    # clear the fingerprint, upload (create + send), update the image block, set the fingerprint
    assert [m for m, _, _ in env.notion.writes()] == ["PATCH", "POST", "POST", "PATCH", "PATCH"]
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0 and env.notion.writes() == []


def test_unpublish_then_republish_patches_only_the_status(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    edit(env, "status: Published", "status: Draft")
    assert env.run("posts/w10.en.md").exit_code == 0
    assert env.page_by_slug("w10")[0]["properties"]["status"]["select"]["name"] == "Invisible"
    edit(env, "status: Draft", "status: Published")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    writes = env.notion.writes()
    assert len(writes) == 1 and children_listed(env) == 0
    assert sorted(writes[0].body["properties"]) == sorted(["status", FP])  # the stamp forgets the unpublish
    assert_converged(env, body=SHORT)
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0 and env.notion.writes() == []


def test_reverting_a_post_after_a_killed_edit_restores_the_page(env: Env) -> None:
    enable(env)
    env.write_post("w10.en.md", SHORT, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    edit(env, "First paragraph.", "First, edited.")
    edit(env, "Second paragraph.", "Second, edited.")

    def kill(info: Any) -> None:
        if info.method == "PATCH" and info.path.startswith("/v1/blocks/"):
            raise Killed  # after the first of the two block updates was applied

    env.on_request = kill
    with pytest.raises(Killed):
        env.run("posts/w10.en.md")
    env.on_request = None
    edit(env, "First, edited.", "First paragraph.")  # the author reverts the post
    edit(env, "Second, edited.", "Second paragraph.")
    assert env.run("posts/w10.en.md").exit_code == 0
    assert_converged(env, body=SHORT)


def test_the_stamp_is_versioned_and_extensible() -> None:
    from recweekly.publish.sync.fingerprint import mark_unpublished, stamp

    text = stamp("a" * 32, {"commit": "b" * 40, "page": "c" * 16})
    assert text == f"v2 sha256={'a' * 32} commit={'b' * 40} page={'c' * 16}"
    assert read_stamp(text).hash == "a" * 32 and read_stamp(text).commit == "b" * 40
    assert read_stamp("a" * 32).hash == "a" * 32  # the first format: a bare hash
    assert read_stamp(f"v2 future=1 sha256={'a' * 32}").hash == "a" * 32  # unknown fields are fine
    assert read_stamp("v3 sha256=whatever").hash is None  # a newer format: diff in full
    assert read_stamp(UNFINISHED).unfinished and read_stamp(UNFINISHED).hash is None
    assert read_stamp(mark_unpublished(text)).fields["unpublished"] == "1"
    assert stamp("a" * 32, {"page": "c" * 16, "commit": "b" * 40}) == text  # one stamp, one text
    assert read_stamp(mark_unpublished(f"v2 sha256={'a' * 32} future=x")).fields["future"] == "x"  # kept
    assert not read_stamp(UNFINISHED).matches(None) and read_stamp(text).matches("a" * 32)
    with pytest.raises(ValueError):
        stamp("a" * 32, {"commit": "two words"})  # would read back as another stamp


# -- the page icon goes with the fingerprint


def test_with_the_fingerprint_a_new_icon_is_one_write_then_none(env: Env) -> None:
    configure(env, 'fingerprint_property = "recweekly_fingerprint"')
    env.notion.schema()["recweekly_fingerprint"] = notion_property("recweekly_fingerprint", "rich_text")
    path = env.write_post("w10.en.md", WEEK10, slug="w10", icon="🧪")
    assert env.run("--all").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("icon: 🧪", "icon: 📈"), encoding="utf-8")
    [write] = republish_writes(env)
    assert write.body["icon"] == {"type": "emoji", "emoji": "📈"}
    assert "recweekly_fingerprint" in write.body["properties"]  # the icon goes with the new fingerprint
    env.notion.reset_calls()
    result = env.run("--all")
    assert "unchanged (fingerprint)" in result.output and env.notion.writes() == []
