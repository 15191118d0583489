"""The preview server: loopback only, serves nothing outside the blog, and tells an open page when to refresh."""

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
from tests.helpers.blogs import note_of_w10, w10_blog
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


def test_post_is_rendered_and_an_edit_shows_on_the_next_request(server: PreviewServer, blog: Path) -> None:
    status, kind, data = get(server, "/drafts/week.md")
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert "First version." in data.decode()
    write_post(blog / "drafts" / "week.md", "Second version, edited.\n\n![gone](nothere.png)\n")
    status, _, data = get(server, "/drafts/week.md")
    assert status == 200
    page = data.decode()
    assert "Second version, edited." in page and "First version." not in page
    (warning,) = [w for kind, path, warnings in EVENTS for w in warnings]  # type: ignore[attr-defined]
    assert "nothere.png" in warning and "publish refuses this post" in warning
    assert [(kind, path) for kind, path, _ in EVENTS] == [("render", "drafts/week.md")] * 2


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


class Stream:
    """An open server-sent event stream, read line by line."""

    def __init__(self, server: PreviewServer, url: str, timeout: float = 5.0) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
        self.conn.request("GET", url)
        self.response = self.conn.getresponse()

    def next_event(self) -> str | None:
        """The next event's name, or None when none comes before the timeout or the stream ends."""
        try:
            while line := self.response.fp.readline():
                if line.startswith(b"event: "):
                    return line[7:].strip().decode()
        except TimeoutError:
            return None
        return None

    def close(self) -> None:
        self.conn.close()


def events_of(page: str) -> str:
    return re.search(r'data-events="([^"]+)"', page).group(1).replace("&amp;", "&")  # type: ignore[union-attr]


@pytest.mark.parametrize("edit", ["post", "image", "new linked post"])
def test_an_open_page_hears_once_when_its_post_image_or_linked_post_changes(server: PreviewServer, blog: Path,
                                                                             edit: str) -> None:
    write_post(blog / "drafts" / "week.md", "Text.\n\n![fig](../images/fig.png)\n\n[next](../posts/next.md)\n")
    page = get(server, "/drafts/week.md")[2].decode()
    quiet = Stream(server, events_of(page), timeout=0.6)
    assert quiet.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert quiet.next_event() is None  # nothing changed: nothing said
    quiet.close()
    stream = Stream(server, events_of(page))
    if edit == "post":
        write_post(blog / "drafts" / "week.md", "Edited.\n")
    elif edit == "image":
        (blog / "images" / "fig.png").write_bytes(PNG + b"\0")
    else:
        write_post(blog / "posts" / "next.md", "Now it exists.\n", status="Published")
    assert stream.next_event() == "change"
    assert re.fullmatch(rb"data: [0-9a-f]{16}\n\n", stream.response.fp.read())  # one event, then the end
    stream.close()
    fresh = get(server, "/drafts/week.md")[2].decode()
    assert events_of(fresh) != events_of(page)  # the fresh page follows from its own state


def test_a_page_made_from_a_stale_state_hears_at_once(server: PreviewServer, blog: Path) -> None:
    page = get(server, "/drafts/week.md")[2].decode()
    write_post(blog / "drafts" / "week.md", "Edited before the page listened.\n")
    stream = Stream(server, events_of(page), timeout=2)
    assert stream.next_event() == "change"
    stream.close()


def test_the_index_hears_of_a_new_draft(server: PreviewServer, blog: Path) -> None:
    stream = Stream(server, events_of(get(server, "/")[2].decode()))
    write_post(blog / "drafts" / "second.md", "Another.\n")
    assert stream.next_event() == "change"
    stream.close()
    assert "/drafts/second.md" in [a.attrs["href"] for a in find(get(server, "/")[2].decode(), "a")]


def test_a_draft_hears_when_a_note_its_regions_come_from_changes(tmp_path: Path) -> None:
    draft = w10_blog(tmp_path / "blog")
    srv = PreviewServer(load_config(tmp_path / "blog"), 0)
    srv.start_in_thread()
    try:
        page = get(srv, "/drafts/2026-W10.en.md")[2].decode()
        assert not find(page, "details", "regions")
        stream = Stream(srv, events_of(page))
        note = note_of_w10(tmp_path / "blog")
        note.write_text(note.read_text(encoding="utf-8").replace("Treats the", "Tunes the"), encoding="utf-8")
        assert stream.next_event() == "change"
        stream.close()
        assert "roundup is out of date" in find(get(srv, "/drafts/2026-W10.en.md")[2].decode(), "details",
                                                "regions")[0].text
    finally:
        srv.shutdown()
        srv.server_close()
    assert draft.is_file()


def test_static_files_summaries_and_warnings_are_served_and_everything_carries_a_strict_policy(
    server: PreviewServer, blog: Path
) -> None:
    status, kind, data = get(server, "/_preview/static/katex/katex.min.js")
    assert status == 200 and kind.startswith("text/javascript") and len(data) > 200_000
    assert get(server, "/_preview/static/katex/MANIFEST.json")[0] == 404
    assert get(server, "/_preview/static/../server.py")[0] == 404
    status, kind, data = get(server, "/_preview/summary?path=drafts/week.md")
    assert status == 200 and kind.startswith("application/json")
    assert json.loads(data)["cells"]["words"]["text"] == "2"  # "First version." as NotionNext counts it
    assert get(server, "/_preview/summary?path=recweekly.toml")[0] == 404
    assert get(server, "/_preview/summary?path=../secret.txt")[0] == 404
    assert get(server, "/_preview/events?path=secret.txt")[0] == 404
    assert get(server, "/_preview/events?path=", host="attacker.example")[0] == 403
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/drafts/week.md")
    policy = conn.getresponse().getheader("Content-Security-Policy") or ""
    conn.close()
    assert "default-src 'none'" in policy and "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe" not in policy and "http:" not in policy


def test_a_broken_post_page_still_follows_its_file(server: PreviewServer, blog: Path) -> None:
    (blog / "drafts" / "week.md").write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    page = get(server, "/drafts/week.md")[2].decode()
    stream = Stream(server, events_of(page))
    write_post(blog / "drafts" / "week.md", "Fixed.\n")
    assert stream.next_event() == "change"
    stream.close()
    assert get(server, "/drafts/week.md")[0] == 200
