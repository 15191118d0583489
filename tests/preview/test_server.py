"""The preview server: loopback only, renders fresh on every request, serves nothing outside the blog."""

from __future__ import annotations

import html
import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.preview.server import PreviewServer
from tests.helpers.html import find
from tests.helpers.posts import PNG, write_post

EVENTS: list[tuple[str, str, object]] = []  # what the server told its owner, in order


@pytest.fixture
def server(blog: Path) -> Iterator[PreviewServer]:
    (blog / "images").mkdir()
    (blog / "images" / "fig.png").write_bytes(PNG)
    (blog / "secret.txt").write_text("top secret", encoding="utf-8")
    write_post(blog / "drafts" / "week.md", "First version.\n\n![fig](../images/fig.png)\n")
    write_post(blog / "posts" / "old.md", "Old post.\n", status="Published")
    srv = PreviewServer(load_config(blog), 0,
                        on_render=lambda path, warnings: EVENTS.append(("render", path, warnings)),
                        on_error=lambda path, error: EVENTS.append(("error", path, str(error))))
    EVENTS.clear()
    srv.start_in_thread()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, str, bytes]:
    """A raw GET: the path is sent exactly as given (no client-side normalisation of '..')."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        headers = {"Host": host} if host else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def test_binds_to_loopback_on_a_free_port(server: PreviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.port > 0
    assert server.url("drafts/week.md") == f"http://127.0.0.1:{server.port}/drafts/week.md"


def test_index_lists_drafts_and_posts(server: PreviewServer) -> None:
    status, kind, data = get(server, "/")
    assert status == 200 and kind.startswith("text/html")
    hrefs = [a.attrs["href"] for a in find(data.decode(), "a")]
    assert hrefs == ["/drafts/week.md", "/posts/old.md"]


def warnings_of(server: PreviewServer, page: str) -> list[str]:
    """What the page's script asks for once the page shows: publish's warnings."""
    (box,) = find(page, "details", "warnings")
    status, kind, data = get(server, box.attrs["data-warnings"] or "")
    assert status == 200 and kind.startswith("application/json")
    return list(json.loads(data)["warnings"])


def test_post_is_rendered_and_an_edit_shows_on_the_next_request(server: PreviewServer, blog: Path) -> None:
    status, kind, data = get(server, "/drafts/week.md")
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert "First version." in data.decode()
    assert warnings_of(server, data.decode()) == []
    write_post(blog / "drafts" / "week.md", "Second version, edited.\n\n![gone](nothere.png)\n")
    status, _, data = get(server, "/drafts/week.md")
    assert status == 200
    page = data.decode()
    assert "Second version, edited." in page and "First version." not in page
    (warning,) = warnings_of(server, page)
    assert "nothere.png" in warning and "publish refuses this post" in warning
    assert [(kind, path, warnings) for kind, path, warnings in EVENTS] == [
        ("render", "drafts/week.md", []), ("render", "drafts/week.md", [warning])]


def test_local_image_is_served_with_its_content_type(server: PreviewServer) -> None:
    page = get(server, "/drafts/week.md")[2].decode()
    src = find(page, "img")[0].attrs["src"]
    status, kind, data = get(server, src or "")
    assert (status, kind, data) == (200, "image/png", PNG)


@pytest.mark.parametrize("path", [
    "/recweekly.toml",
    "/secret.txt",
    "/../recweekly.toml",
    "/drafts/../recweekly.toml",
    "/%2e%2e/recweekly.toml",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/drafts/%2e%2e/secret.txt",
    "/drafts/..%2fsecret.txt",
    "/drafts%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/drafts/week.md%00.png",
    "//etc/passwd",
    "/etc/passwd",
    "/drafts/missing.md",
    "/images/",
    "/.git/config",
])
def test_anything_outside_drafts_posts_and_images_is_404(server: PreviewServer, blog: Path, path: str) -> None:
    (blog / ".git").mkdir(exist_ok=True)
    (blog / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    status, _, data = get(server, path)
    assert status == 404
    assert b"top secret" not in data and b"[core]" not in data and b"root:" not in data


def test_image_outside_the_blog_root_is_refused_even_through_a_symlink(server: PreviewServer, blog: Path,
                                                                       tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    (blog / "images" / "link.png").symlink_to(outside)
    assert get(server, "/images/link.png")[0] == 404


def test_markdown_outside_drafts_and_posts_is_not_rendered(server: PreviewServer, blog: Path) -> None:
    write_post(blog / "notes" / "n.md", "A note.\n")
    assert get(server, "/notes/n.md")[0] == 404


def test_a_foreign_host_header_is_refused(server: PreviewServer) -> None:
    assert get(server, "/", host="attacker.example:80")[0] == 403
    assert get(server, "/", host=f"localhost:{server.port}")[0] == 200


def test_a_broken_post_gives_an_error_page_with_file_and_line(server: PreviewServer, blog: Path) -> None:
    (blog / "drafts" / "week.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    status, _, data = get(server, "/drafts/week.md")
    assert status == 422
    assert re.search(r"drafts/week\.md:\d+: YAML syntax error", html.unescape(data.decode()))
    ((kind, path, message),) = EVENTS
    assert (kind, path) == ("error", "drafts/week.md") and "YAML syntax error" in str(message)
