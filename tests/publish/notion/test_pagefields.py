"""The page icon and cover: what a post asks for, and when Notion already shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.post import parse_post
from recweekly.publish.notion.pagefields import canonical, diff_page_fields, wanted_page_fields
from tests.fakes.notion_server import notion_property
from tests.helpers.publishing import WEEK10, Env, only_page, republish_writes, text_of
from tests.helpers.sample_posts import PNG

HASH = "0123456789abcdef"
SIGNED = ("https://prod-files-secure.s3.us-west-2.amazonaws.com/ws/4f1c/0123456789abcdef_cover%20art.png"
          "?X-Amz-Signature=abc&X-Amz-Expires=3600")


def post(root: Path, extra: str):  # type: ignore[no-untyped-def]
    text = f"---\ntitle: T\nslug: s\ntype: Post\nstatus: Published\nlang: en\n{extra}---\nBody.\n"
    parsed, problems = parse_post(text, root / "posts" / "p.md")
    assert parsed is not None, problems
    return parsed


def test_what_a_post_asks_for(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "cover art.png").write_bytes(b"png")
    wanted, problems = wanted_page_fields(post(tmp_path, "icon: 🧪\ncover: cover%20art.png\n"), tmp_path, "p.md")
    assert problems == []
    assert wanted == {"icon": {"type": "emoji", "emoji": "🧪"},
                      "cover": {"type": "file_upload", "file_upload": {"id": "local:posts/cover art.png"}}}
    assert wanted_page_fields(post(tmp_path, "icon: fa-solid fa-rss\n"), tmp_path, "p.md") == ({}, [])
    assert wanted_page_fields(post(tmp_path, "cover:\n"), tmp_path, "p.md") == ({"cover": None}, [])
    _, [problem] = wanted_page_fields(post(tmp_path, "cover: ../../outside.png\n"), tmp_path, "p.md")
    assert problem.field == "cover" and problem.line == 7 and "outside the repository" in problem.message


def test_an_upload_is_known_by_the_hash_in_its_name_not_by_its_url() -> None:
    local = {"type": "file_upload", "file_upload": {"id": "local:img/cover art.png"}}
    answer = {"type": "file", "file": {"url": SIGNED, "expiry_time": "2026-03-09T01:00:00.000Z"}}
    assert canonical(answer, {"img/cover art.png": HASH}) == canonical(local, {"img/cover art.png": HASH})
    assert canonical(answer, {"img/cover art.png": "fedcba9876543210"}) != canonical(local, {"img/cover art.png":
                                                                                             "fedcba9876543210"})
    by_hand = {"type": "file", "file": {"url": SIGNED.replace(f"{HASH}_", ""), "expiry_time": "…"}}
    assert canonical(by_hand, {}) != canonical(local, {})  # uploaded by hand: not ours, so replaced


def test_only_differences_are_sent() -> None:
    page = {"icon": {"type": "emoji", "emoji": "🧪"}, "cover": None}
    assert diff_page_fields(page, {"icon": {"type": "emoji", "emoji": "🧪"}}, {}) == {}
    assert diff_page_fields(page, {"icon": None}, {}) == {"icon": None}
    assert diff_page_fields(page, {"cover": None}, {}) == {}


# -- through `publish`: the page icon and cover as NotionNext shows them


def test_emoji_icon_and_url_cover_set_the_page_and_cost_nothing_when_unchanged(env: Env) -> None:
    path = env.write_post("w10.en.md", WEEK10, slug="w10", icon="🧪", cover="https://example.org/cover.png")
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
    env.write_post("w10.en.md", WEEK10, slug="w10", cover="img/cover.png", icon="/posts/img/cover.png")
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
    path = env.write_post("w10.en.md", WEEK10, slug="w10")
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
    env.write_post("about.en.md", WEEK10, slug="about", type="Menu", icon="fa-solid fa-circle-info")
    assert env.run("--all").exit_code == 0
    page = only_page(env, "about")
    assert text_of(page["properties"]["icon"]) == "fa-solid fa-circle-info" and page["icon"] is None
    assert republish_writes(env) == []


@pytest.mark.parametrize(("key", "value", "said"), [
    ("cover", "img/none.png", "cover: image 'img/none.png' not found"),
    ("ext", "'{video: x}'", "ext: not valid JSON"),
    ("icon", "rocket", "icon: expected an emoji (🚀), an image URL"),
])
def test_bad_icon_cover_or_ext_is_a_file_line_error_before_any_call(env: Env, key: str, value: str,
                                                                    said: str) -> None:
    env.notion.schema()["ext"] = notion_property("ext", "rich_text")
    env.write_post("w10.en.md", WEEK10, slug="w10", **{key: value})
    result = env.run("--all")
    assert result.exit_code == 1
    assert f"posts/w10.en.md:11: {said}" in result.output
    assert env.notion.calls == []
