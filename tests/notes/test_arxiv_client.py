"""The arXiv API client against a local fake serving recorded-style Atom responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from recweekly.cli import exit_code_for
from recweekly.errors import InputError, RemoteError
from recweekly.notes.arxiv import ArxivClient, normalize_ids, parse_feed
from tests.fakes.arxiv_server import FakeArxiv
from tests.notes.helpers import FakeTime


@pytest.fixture
def fake() -> Iterator[FakeArxiv]:
    with FakeArxiv() as server:
        yield server


@pytest.fixture
def time_() -> FakeTime:
    return FakeTime()


def make_client(fake: FakeArxiv, time_: FakeTime, **kwargs: object) -> ArxivClient:
    fake.clock = time_.clock
    options: dict[str, object] = {"timeout": 2.0, "clock": time_.clock, "sleep": time_.sleep}
    options.update(kwargs)
    return ArxivClient(fake.url, **options)  # type: ignore[arg-type]


def test_ids_are_fetched_in_one_batched_request(fake: FakeArxiv, time_: FakeTime) -> None:
    result = make_client(fake, time_).fetch(["2603.01234", "2603.07890", "cs/0112017"])
    assert fake.requests == [{"id_list": ["2603.01234,2603.07890,cs/0112017"], "max_results": ["3"]}]
    assert result.missing == []
    loom = result.papers["2603.01234"]
    assert loom.title == "LOOM: Weaving Long User Histories into Short-Video Ranking with Hierarchical Memory"
    assert loom.authors == ("Wen Li", "Hao Zhang", "Yiqing Chen")
    assert loom.version == "v2"
    assert loom.published == dt.date(2026, 3, 2)
    assert loom.primary_category == "cs.IR"
    assert loom.abstract.startswith("Ranking models in short-video feeds see only the last few hundred actions")
    assert "\n" not in loom.abstract
    assert result.papers["2603.07890"].primary_category == "cs.CL"  # primary, not the first category listed
    assert result.papers["cs/0112017"].title == "A Note on Collaborative Filtering with Sparse Ratings"


def test_ids_arxiv_drops_from_the_answer_are_reported_missing(fake: FakeArxiv, time_: FakeTime) -> None:
    result = make_client(fake, time_).fetch(["2603.01234", "2603.99999"])
    assert list(result.papers) == ["2603.01234"]
    assert result.missing == ["2603.99999"]


def test_a_malformed_id_gives_arxivs_own_message(fake: FakeArxiv, time_: FakeTime) -> None:
    with pytest.raises(InputError) as info:
        make_client(fake, time_).fetch(["2603.1"])
    assert "incorrect id format for 2603.1" in str(info.value)
    assert len(fake.requests) == 1  # a 400 is not retried


def test_503_is_retried_with_backoff_then_succeeds(fake: FakeArxiv, time_: FakeTime) -> None:
    fake.queue("503")
    messages: list[str] = []
    result = make_client(fake, time_, backoff=1.0, progress=messages.append).fetch(["2603.04567"])
    assert list(result.papers) == ["2603.04567"]
    assert len(fake.requests) == 2
    assert any("HTTP 503; retrying" in m for m in messages)
    assert fake.stamps[1] - fake.stamps[0] >= 3.0  # Retry-After: 2 and the 3 s rate limit both respected


def test_a_dropped_connection_is_retried(fake: FakeArxiv, time_: FakeTime) -> None:
    fake.queue("drop", "500")
    result = make_client(fake, time_).fetch(["2603.04567"])
    assert list(result.papers) == ["2603.04567"]
    assert len(fake.requests) == 3


def test_a_service_that_keeps_failing_is_a_remote_error(fake: FakeArxiv, time_: FakeTime) -> None:
    fake.queue("503", "drop", "503", "drop")
    with pytest.raises(RemoteError) as info:
        make_client(fake, time_, retries=3).fetch(["2603.04567"])
    assert exit_code_for(info.value) == 3
    assert "after 4 attempt(s)" in str(info.value)
    assert [s for s in time_.sleeps if s >= 6.0]  # the backoff doubled (3 s, 6 s, …)
    assert len(fake.requests) == 4


def test_a_response_slower_than_the_timeout_is_retried_then_given_up(fake: FakeArxiv, time_: FakeTime) -> None:
    fake.slow_seconds = 2.0
    fake.queue("slow")
    result = make_client(fake, time_, timeout=0.2).fetch(["2603.04567"])
    assert list(result.papers) == ["2603.04567"]  # the retry got a prompt answer

    fake.queue("slow", "slow")
    with pytest.raises(RemoteError, match=r"no answer within 0.2 s"):
        make_client(fake, time_, timeout=0.2, retries=1).fetch(["2603.04567"])


def test_an_unreadable_answer_is_a_remote_error(fake: FakeArxiv, time_: FakeTime) -> None:
    fake.queue("garbage")
    with pytest.raises(RemoteError, match="unreadable answer"):
        make_client(fake, time_).fetch(["2603.04567"])


def test_batches_are_spaced_by_the_rate_limit(fake: FakeArxiv, time_: FakeTime) -> None:
    ids = ["2603.01234", "2603.04567", "2603.07890", "cs/0112017", "2603.99999"]
    result = make_client(fake, time_, batch_size=2).fetch(ids)
    assert [r["id_list"] for r in fake.requests] == [
        ["2603.01234,2603.04567"], ["2603.07890,cs/0112017"], ["2603.99999"]]
    gaps = [b - a for a, b in zip(fake.stamps, fake.stamps[1:], strict=False)]
    assert gaps and all(gap >= 3.0 for gap in gaps)
    assert result.missing == ["2603.99999"]


def test_nothing_listens_is_a_remote_error(time_: FakeTime) -> None:
    with FakeArxiv() as server:
        url = server.url
    client = ArxivClient(url, retries=1, clock=time_.clock, sleep=time_.sleep, timeout=1.0)
    with pytest.raises(RemoteError, match="connection failed"):
        client.fetch(["2603.04567"])


@pytest.mark.parametrize("raw", ["2603.01234", "2603.01234v2", "arXiv:2603.01234", "ARXIV:2603.01234v1",
                                 "https://arxiv.org/abs/2603.01234", "http://arxiv.org/pdf/2603.01234v3.pdf",
                                 " https://arxiv.org/abs/2603.01234v2 "])
def test_every_accepted_spelling_normalises_to_the_id(raw: str) -> None:
    assert normalize_ids([raw]) == ["2603.01234"]


def test_bad_ids_are_all_reported_before_any_request() -> None:
    with pytest.raises(InputError) as info:
        normalize_ids(["2603.01234", "not-an-id", "https://example.org/abs/2603.01234", "2603.01234v2"])
    assert len(info.value.problems) == 2
    assert normalize_ids(["cs/0112017v1", "2603.01234", "2603.01234v2"]) == ["cs/0112017", "2603.01234"]


def test_parse_feed_rejects_what_is_not_atom() -> None:
    from recweekly.notes.arxiv import ArxivFeedError

    with pytest.raises(ArxivFeedError):
        parse_feed(b"<rss><channel/></rss>")
    assert parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == []
