"""The page icon and cover: what a post asks for, and when Notion already shows it."""

from __future__ import annotations

from pathlib import Path

from recweekly.post import parse_post
from recweekly.publish.notion.pagefields import canonical, diff_page_fields, wanted_page_fields

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
