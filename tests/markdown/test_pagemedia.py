"""A post's page icon and cover, read once for publish and the preview."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown.pagemedia import page_media
from recweekly.pagemedia import MediaKind


def test_each_kind_of_value_and_keys_left_out(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cover art.png").write_bytes(b"png")
    post = tmp_path / "posts" / "p.md"
    found = page_media({"icon": "🧪", "cover": "../images/cover%20art.png"}, post, tmp_path)
    assert (found["icon"].kind, found["icon"].value, found["icon"].image) == (MediaKind.EMOJI, "🧪", None)
    image = found["cover"].image
    assert found["cover"].kind is MediaKind.FILE and image is not None and image.exists
    assert image.relative == "images/cover art.png"
    assert page_media({}, post, tmp_path) == {}  # left out: Notion's own icon and cover stay
    assert page_media({"icon": "fa-solid fa-rss"}, post, tmp_path) == {}  # a menu's column, not the page icon
    removed = page_media({"cover": ""}, post, tmp_path)["cover"]
    assert removed.kind is None  # `cover:` with no value removes the cover
    url = page_media({"cover": "https://example.com/c.png"}, post, tmp_path)["cover"]
    assert url.kind is MediaKind.URL and url.image is None
    missing = page_media({"icon": "/images/none.png"}, post, tmp_path)["icon"]
    assert missing.image is not None and not missing.image.exists
