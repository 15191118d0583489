"""The preview in a real browser (Debian's chromium through Playwright): what a reader sees.

Equations are typeset elements, an edit shows up without a reload, the index links work, and
nothing is requested from anywhere but the preview server. A screenshot of the W10 draft is kept
in tests/artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recweekly.compose.draft import create_draft
from recweekly.config import load_config
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_period
from recweekly.preview.server import PreviewServer
from tests.helpers.blogs import note_of_w10, w10_blog
from tests.helpers.browser import ARTIFACTS

HAND_WRITTEN = """
## A hand-written section

The loss is $\\mathcal{L} = -\\sum_i y_i \\log \\hat{y}_i$, scaled by $\\lambda \\in (0, 1]$:

$$
\\mathrm{NDCG}@k = \\frac{1}{Z_k} \\sum_{i=1}^{k} \\frac{2^{r_i} - 1}{\\log_2(i + 1)}
$$

![A chart from elsewhere](https://example.com/chart.png) and [the paper](https://arxiv.org/abs/2603.03988).
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    """The W10 blog with a hand-written section (math, an external image) served on 127.0.0.1."""
    draft = w10_blog(tmp_path / "blog")
    text = draft.read_text(encoding="utf-8").replace("icon: ''", "icon: 🧪\ncover: https://example.com/cover.png")
    draft.write_text(text + HAND_WRITTEN, encoding="utf-8")
    config = load_config(tmp_path / "blog")
    create_draft(config, NoteStore(config), parse_period("2026-W10"), "zh")
    server = PreviewServer(config, 0)
    server.start_in_thread()
    try:
        yield server, draft
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser: Any, site: tuple[PreviewServer, Path]) -> Iterator[Any]:
    """A tab that may reach the preview server only: anything else is refused and recorded."""
    server, _ = site
    base = server.url()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requested, tab.refused, tab.console = [], [], []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            tab.refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.on("console", lambda message: tab.console.append(message.text))
    try:
        yield tab
    finally:
        context.close()


def wait_until(tab: Any, expression: str, timeout: float = 5.0) -> None:
    """Poll a JavaScript expression from the test side until it is true.

    Not `page.wait_for_function`: before Playwright 1.5x it evaluates its predicate with `eval` inside
    the page, which the preview's CSP (rightly) refuses; `evaluate` goes through the debugger protocol.
    """
    deadline = time.monotonic() + timeout
    while not tab.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        tab.wait_for_timeout(50)


def open_page(tab: Any, server: PreviewServer, rel: str) -> None:
    tab.goto(server.url(rel))
    wait_until(tab, "!document.querySelector('.math:not(.typeset), .math-block:not(.typeset)')")


def test_equations_are_typeset_nothing_leaves_loopback_and_a_screenshot_is_kept(
    page: Any, site: tuple[PreviewServer, Path]
) -> None:
    server, _ = site
    open_page(page, server, "drafts/2026-W10.en.md")
    maths = page.locator(".math, .math-block")
    assert maths.count() == 3
    for index in range(3):
        element = maths.nth(index)
        assert element.locator(".katex .katex-html").count() == 1  # KaTeX's layout, not TeX text
        assert element.locator(".katex-error").count() == 0
        assert "\\" not in element.locator(".katex-html").inner_text()
    assert page.locator(".math-block .katex-display").count() == 1
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('KaTeX_Main') && f.status === 'loaded')")
    assert page.locator("img[src^='http']").count() == 0  # the external image is a link, not a request
    assert page.locator(".cover.external").inner_text().endswith("https://example.com/cover.png")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "w10-draft.en.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    base = server.url()
    assert page.requested and all(url.startswith(base) for url in page.requested), page.requested
    assert page.refused == []
    assert not [m for m in page.console if "Content Security Policy" in m or "Refused" in m], page.console


def test_an_edit_of_the_post_or_its_notes_shows_without_reload_keeping_the_scroll(
    page: Any, site: tuple[PreviewServer, Path]
) -> None:
    server, draft = site
    open_page(page, server, "drafts/2026-W10.en.md")
    page.evaluate("window.scrollTo(0, 1500); window.sameDocument = true")
    wait_until(page, "window.scrollY === 1500")
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("TODO: write the overview", "The week, edited live"), encoding="utf-8")
    wait_until(page, "document.querySelector('article').innerText.includes('The week, edited live')")
    assert page.evaluate("window.sameDocument === true && window.scrollY") == 1500  # no reload, same place
    assert page.locator(".math.typeset").count() == 2  # the swapped-in article is typeset again
    note = note_of_w10(draft.parent.parent)
    note.write_text(note.read_text(encoding="utf-8").replace("Treats the", "Tunes the"), encoding="utf-8")
    page.wait_for_selector("details.regions", timeout=5000)
    assert "roundup is out of date" in page.locator("details.regions").inner_text()
    assert page.evaluate("window.sameDocument === true && window.scrollY") == 1500


def test_the_index_fills_in_each_post_and_its_links_open_them(page: Any, site: tuple[PreviewServer, Path]) -> None:
    server, _ = site
    page.goto(server.url())
    wait_until(page, "document.querySelectorAll('tbody tr').length === 2 && !document.querySelector('td.pending')")
    rows = page.locator("tbody tr")
    words = rows.nth(0).locator("td.words").inner_text()
    assert rows.nth(0).locator("td.todos").inner_text() != "0"
    assert rows.nth(0).locator("td.regions").inner_text() == "up to date"
    titles = []
    for index in range(2):
        page.goto(server.url())
        link = page.locator("tbody tr").nth(index).locator("a")
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url(server.url() + href.lstrip("/"))
        titles.append(page.locator("h1.title").inner_text())
        if index == 0:
            assert page.locator("span.words").inner_text() == f"Words {words}"
    assert titles[0].startswith("RecSys Weekly 2026-W10") and "2026" in titles[1]
    assert page.refused == []
