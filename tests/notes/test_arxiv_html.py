"""The client of arXiv's HTML pages (`recweekly/notes/arxiv_html.py`), against the local fake."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from recweekly.errors import RemoteError
from recweekly.notes.arxiv_html import MISS_TTL, USER_AGENT, ArxivHtmlClient, html_client_from_env
from recweekly.notes.figures import FigureRejected
from tests.fakes.arxiv_html import FakeArxivHtml
from tests.helpers.notes import FakeTime


@pytest.fixture
def fake(time_: FakeTime) -> Iterator[FakeArxivHtml]:
    with FakeArxivHtml() as server:
        server.clock = time_.clock
        yield server


def client(fake: FakeArxivHtml, time: FakeTime, cache: Path | None = None, **kwargs: object) -> ArxivHtmlClient:
    return ArxivHtmlClient(fake.url, cache_dir=cache, clock=time.clock, sleep=time.sleep, **kwargs)  # type: ignore[arg-type]


def test_a_page_is_asked_for_without_a_version_with_a_user_agent(fake: FakeArxivHtml, time_: FakeTime) -> None:
    page = client(fake, time_).page("2603.02101")
    assert page is not None and "ltx_authors" in page.html
    assert fake.requests == ["/html/2603.02101"]
    assert fake.user_agents == [USER_AGENT] and USER_AGENT.startswith("recweekly/")


def test_the_environment_points_the_cli_at_another_server(fake: FakeArxivHtml, tmp_path: Path) -> None:
    assert html_client_from_env({}, None).page_url("2603.02101") == "https://arxiv.org/html/2603.02101"
    other = html_client_from_env({"RECWEEKLY_ARXIV_HTML_URL": fake.url + "/"}, tmp_path)
    assert other.page_url("cs/0112017") == f"{fake.url}/cs/0112017"


def test_no_html_version_is_none_and_remembered_for_a_week(fake: FakeArxivHtml, time_: FakeTime,
                                                            tmp_path: Path) -> None:
    first = client(fake, time_, tmp_path)
    assert first.page("2603.02106") is None
    asked = time_.now
    later = client(fake, time_, tmp_path)  # the next run
    assert later.recent_miss("2603.02106") == asked
    time_.now += MISS_TTL
    assert later.recent_miss("2603.02106") is None
    assert fake.pages_asked == ["/html/2603.02106"]


def test_requests_are_three_seconds_apart_within_and_across_runs(fake: FakeArxivHtml, time_: FakeTime,
                                                                 tmp_path: Path) -> None:
    one = client(fake, time_, tmp_path)
    one.page("2603.02101")
    one.image(f"{fake.url}/2603.02101v1/x1.png", 1_000_000)
    client(fake, time_, tmp_path).page("2603.02103")  # a new process: the state file says when the last was
    assert [b - a for a, b in pairwise(fake.stamps)] == [3.0, 3.0]


@pytest.mark.parametrize("faults", [["503"], ["500", "drop"], ["drop", "drop", "503"]])
def test_server_errors_and_dropped_connections_are_retried(fake: FakeArxivHtml, time_: FakeTime,
                                                           faults: list[str]) -> None:
    fake.queue(*faults)
    assert client(fake, time_).page("2603.02101") is not None
    assert len(fake.requests) == len(faults) + 1
    assert time_.sleeps == [3.0, 6.0, 12.0][: len(faults)]  # the backoff (it covers the 3 s pace too)


def test_a_service_that_keeps_failing_is_a_remote_error(fake: FakeArxivHtml, time_: FakeTime) -> None:
    fake.queue("503", "503", "503", "503")
    with pytest.raises(RemoteError, match=r"after 4 attempt\(s\): HTTP 503"):
        client(fake, time_).page("2603.02101")
    assert len(fake.requests) == 4


def test_a_slow_answer_is_not_retried(fake: FakeArxivHtml, time_: FakeTime) -> None:
    fake.slow_seconds = 2.0
    fake.queue("slow")
    with pytest.raises(RemoteError, match=r"no answer for HTML of 2603.02101 within 0.2 s; not retried"):
        client(fake, time_, timeout=0.2).page("2603.02101")
    assert len(fake.requests) == 1


def test_an_image_is_checked_by_its_type_and_its_bytes(fake: FakeArxivHtml, time_: FakeTime) -> None:
    html = client(fake, time_)
    png = html.image(f"{fake.url}/2603.02101v1/x1.png", 1_000_000)
    assert png.suffix == ".png" and png.data.startswith(b"\x89PNG")
    assert html.image(f"{fake.url}/2603.02102v1/extracted/1/figures/a.jpg", 1_000_000).suffix == ".jpg"


@pytest.mark.parametrize(("name", "message"), [
    ("huge_overview.png", r"the figure is 1\.5 MB, more than the 1\.0 MB cap"),  # by its Content-Length
    ("stream_clock.png", r"more than the 1\.0 MB cap"),  # no length: reading stops at the cap
    ("wrong-type.png", r"answered as 'text/html', not as an image"),
    ("fake.png", r"declared image/png but its bytes are not an image"),
    ("missing.png", r"missing on arXiv"),
])
def test_an_image_that_is_too_big_or_not_an_image_is_refused(fake: FakeArxivHtml, time_: FakeTime, name: str,
                                                             message: str) -> None:
    with pytest.raises(FigureRejected, match=message):
        client(fake, time_).image(f"{fake.url}/2603.02105v1/{name}", 1_000_000)
