"""`recweekly preview`: --output writes one standalone file; serving prints the URL; errors exit 1."""

from __future__ import annotations

import base64
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.preview.server import PreviewServer
from tests.helpers.html import elements, find
from tests.helpers.posts import PNG, write_post


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["preview", *args])
    return result.exit_code, result.stdout, result.stderr


def test_output_writes_a_standalone_file_with_inlined_images(blog: Path) -> None:
    (blog / "images").mkdir()
    (blog / "images" / "fig.png").write_bytes(PNG)
    write_post(blog / "drafts" / "w.md", "# Hello\n\n![fig](../images/fig.png)\n\n<div>raw</div>\n")
    code, out, err = run("drafts/w.md", "--output", "out/page.html")
    assert code == 0, err
    assert "wrote out/page.html" in out
    page = (blog / "out" / "page.html").read_text(encoding="utf-8")
    assert find(page, "h1")[-1].text == "Hello"
    src = find(page, "img")[0].attrs["src"] or ""
    assert src == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert "warning: drafts/w.md:13: raw HTML kept as text: <div>raw</div>" in err
    assert not list((blog / "out").glob(".*tmp"))  # atomic write left no temp file


def test_output_with_math_carries_katex_inline_allowed_by_hash(blog: Path) -> None:
    write_post(blog / "drafts" / "m.md", "Inline $e^{i\\pi}$.\n\n$$\n\\sum_i x_i\n$$\n")
    assert run("drafts/m.md", "-o", "m.html")[0] == 0
    page = (blog / "m.html").read_text(encoding="utf-8")
    scripts = find(page, "script")
    assert len(scripts) == 2 and not any(e.attrs.get("src") for e in scripts)  # KaTeX, then the page's own
    assert "katex" in scripts[0].text and 'data-tex="\\sum_i x_i"' in page
    csp = next(e.attrs["content"] for e in find(page, "meta") if e.attrs.get("http-equiv"))
    assert csp.count("'sha256-") == 3 and "font-src data:" in csp and "'self'" not in csp  # style + 2 scripts
    assert "url(data:font/woff2;base64," in page and "url(fonts/" not in page
    assert not [e for e in elements(page) if re.match(r"https?:", e.attrs.get("src") or e.attrs.get("href") or "")]
    assert not find(page, "body")[0].attrs.get("data-events")  # nothing to follow without a server


def test_output_overwrites_an_existing_file(blog: Path) -> None:
    write_post(blog / "posts" / "p.md", "New text.\n")
    (blog / "p.html").write_text("old", encoding="utf-8")
    assert run("posts/p.md", "-o", "p.html")[0] == 0
    assert "New text." in (blog / "p.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "message"), [
    (None, "drafts/w.md: no such file"),
    (b"---\ntitle: [broken\n---\nBody\n", "drafts/w.md:"),
    (b"---\ntitle: ok\xff\n---\nBody\n", "drafts/w.md:2: byte 0xff is not UTF-8"),
    (b"---\ntitle: T\nslug: Bad Slug\ntype: Post\nstatus: Draft\nlang: en\n---\n", "drafts/w.md:3: slug:"),
])
def test_bad_input_exits_1_with_file_and_line_and_writes_nothing(blog: Path, content: bytes | None,
                                                                message: str) -> None:
    if content is not None:
        (blog / "drafts" / "w.md").write_bytes(content)
    code, _, err = run("drafts/w.md", "--output", "out.html")
    assert code == 1
    assert err.startswith("error:") and message in err
    assert not (blog / "out.html").exists()


def test_serving_a_file_outside_drafts_and_posts_is_refused(blog: Path) -> None:
    write_post(blog / "notes" / "n.md", "x\n")
    code, _, err = run("notes/n.md", "--no-open")
    assert code == 1 and "--output" in err


def test_serve_prints_the_url_and_ctrl_c_exits_0(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    write_post(blog / "drafts" / "w.md", "Hi <b>there</b>.\n")
    seen: dict[str, object] = {}

    def interrupted(self: PreviewServer, poll_interval: float = 0.5) -> None:
        seen["address"] = self.server_address
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "serve_forever", interrupted)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    code, out, err = run("drafts/w.md", "--port", "0")
    assert code == 0
    host, port = seen["address"]  # type: ignore[misc]
    assert host == "127.0.0.1"
    assert f"http://127.0.0.1:{port}/drafts/w.md" in out
    assert opened == [f"http://127.0.0.1:{port}/drafts/w.md"]
    assert "raw HTML kept as text: <b>" in err and "stopped" in err


def test_no_open_does_not_start_a_browser(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(blog / "drafts" / "w.md", "Hi.\n")

    def interrupted(self: PreviewServer, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "serve_forever", interrupted)
    monkeypatch.setattr("webbrowser.open", lambda url: pytest.fail("browser opened"))
    assert run("drafts/w.md", "--no-open")[0] == 0


def test_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["preview", "--help"])
    assert result.exit_code == 0
    assert "recweekly preview drafts/" in result.output and "--output" in result.output


def test_without_a_display_no_browser_is_started(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(blog / "drafts" / "w.md", "Hi.\n")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")

    def interrupted(self: PreviewServer, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "serve_forever", interrupted)
    monkeypatch.setattr("webbrowser.open", lambda url: pytest.fail("browser opened"))
    code, _, err = run("drafts/w.md")
    assert code == 0 and "no display" in err


def test_a_busy_port_is_a_clear_error(blog: Path) -> None:
    write_post(blog / "drafts" / "w.md", "Hi.\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run("drafts/w.md", "--port", str(port), "--no-open")
    assert code == 1 and f"cannot listen on 127.0.0.1:{port}" in err


def test_end_to_end_serve_then_ctrl_c(blog: Path) -> None:
    """The real thing in a subprocess: print the URL, answer a request, stop cleanly on SIGINT."""
    import http.client
    import os
    import signal
    import subprocess
    import sys
    from urllib.parse import urlsplit

    write_post(blog / "drafts" / "w.md", "Served for real.\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "recweekly", "preview", "drafts/w.md", "--no-open"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        url = first.split(" at ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/drafts/w.md")
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
        conn.request("GET", parts.path)
        assert "Served for real." in conn.getresponse().read().decode()
        conn.close()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
