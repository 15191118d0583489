"""The arXiv API client (`recweekly/notes/arxiv.py`) against a local fake serving recorded-style Atom."""

from __future__ import annotations

import datetime as dt

import pytest

from recweekly.cli import exit_code_for
from recweekly.errors import InputError, RemoteError
from recweekly.notes.arxiv import ArxivClient, ArxivFeedError, normalize_ids, parse_feed
from recweekly.notes.titles import phrase_query
from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import FakeTime


def make_client(arxiv: FakeArxiv, time_: FakeTime, **kwargs: object) -> ArxivClient:
    arxiv.clock = time_.clock
    options: dict[str, object] = {"timeout": 2.0, "clock": time_.clock, "sleep": time_.sleep}
    options.update(kwargs)
    return ArxivClient(arxiv.url, **options)  # type: ignore[arg-type]


def test_ids_are_fetched_in_one_batched_request(arxiv: FakeArxiv, time_: FakeTime) -> None:
    result = make_client(arxiv, time_).fetch(["2603.01234", "2603.07890", "cs/0112017"])
    assert arxiv.requests == [{"id_list": ["2603.01234,2603.07890,cs/0112017"], "max_results": ["3"]}]
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


def test_ids_arxiv_drops_from_the_answer_are_reported_missing(arxiv: FakeArxiv, time_: FakeTime) -> None:
    result = make_client(arxiv, time_).fetch(["2603.01234", "2603.99999"])
    assert list(result.papers) == ["2603.01234"]
    assert result.missing == ["2603.99999"]


def test_a_malformed_id_gives_arxivs_own_message(arxiv: FakeArxiv, time_: FakeTime) -> None:
    with pytest.raises(InputError) as info:
        make_client(arxiv, time_).fetch(["2603.1"])
    assert "incorrect id format for 2603.1" in str(info.value)
    assert len(arxiv.requests) == 1  # a 400 is not retried


def test_503_is_retried_with_backoff_then_succeeds(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.queue("503")
    messages: list[str] = []
    result = make_client(arxiv, time_, backoff=1.0, progress=messages.append).fetch(["2603.04567"])
    assert list(result.papers) == ["2603.04567"]
    assert len(arxiv.requests) == 2
    assert any("HTTP 503; retrying" in m for m in messages)
    assert arxiv.stamps[1] - arxiv.stamps[0] >= 3.0  # Retry-After: 2 and the 3 s rate limit both respected


def test_a_dropped_connection_is_retried(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.queue("drop", "500")
    result = make_client(arxiv, time_).fetch(["2603.04567"])
    assert list(result.papers) == ["2603.04567"]
    assert len(arxiv.requests) == 3


def test_a_service_that_keeps_failing_is_a_remote_error(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.queue("503", "drop", "503", "drop")
    with pytest.raises(RemoteError) as info:
        make_client(arxiv, time_, retries=3).fetch(["2603.04567"])
    assert exit_code_for(info.value) == 3
    assert "after 4 attempt(s)" in str(info.value)
    assert [s for s in time_.sleeps if s >= 6.0]  # the backoff doubled (3 s, 6 s, …)
    assert len(arxiv.requests) == 4


def test_a_response_slower_than_the_timeout_is_retried_then_given_up(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.slow_seconds = 2.0
    arxiv.queue("slow")
    result = make_client(arxiv, time_, timeout=0.2).fetch(["2603.04567"])
    assert list(result.papers) == ["2603.04567"]  # the retry got a prompt answer

    arxiv.queue("slow", "slow")
    with pytest.raises(RemoteError, match=r"no answer within 0.2 s"):
        make_client(arxiv, time_, timeout=0.2, retries=1).fetch(["2603.04567"])


def test_an_unreadable_answer_is_a_remote_error(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.queue("garbage")
    with pytest.raises(RemoteError, match="unreadable answer"):
        make_client(arxiv, time_).fetch(["2603.04567"])


def test_batches_are_spaced_by_the_rate_limit(arxiv: FakeArxiv, time_: FakeTime) -> None:
    ids = ["2603.01234", "2603.04567", "2603.07890", "cs/0112017", "2603.99999"]
    result = make_client(arxiv, time_, batch_size=2).fetch(ids)
    assert [r["id_list"] for r in arxiv.requests] == [
        ["2603.01234,2603.04567"], ["2603.07890,cs/0112017"], ["2603.99999"]]
    gaps = [b - a for a, b in zip(arxiv.stamps, arxiv.stamps[1:], strict=False)]
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
    with pytest.raises(ArxivFeedError):
        parse_feed(b"<rss><channel/></rss>")
    assert parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == []


# ---- title search ----------------------------------------------------------------------------------
def test_search_title_returns_exact_matches_and_near_misses(arxiv: FakeArxiv, time_: FakeTime) -> None:
    client = ArxivClient(arxiv.url, clock=time_.clock, sleep=time_.sleep, timeout=2.0)
    found = client.search_title("pilot:  LLM-guided query planning for e-commerce search")
    assert [p.arxiv for p in found.matches] == ["2603.05103"] and found.others == []
    assert found.queries == ['ti:"pilot llm guided query planning for e commerce search"']
    near = client.search_title("Contrastive Pretraining for Cold-Start Bundles")
    assert near.matches == [] and [p.arxiv for p in near.others] == ["2603.05105"]
    assert len(arxiv.requests) == 2


def test_a_phrase_with_query_syntax_finds_nothing_on_the_fake(arxiv: FakeArxiv) -> None:
    """Guards the test double: an unsanitised title must fail here as it does on arXiv."""
    import requests

    raw = requests.get(arxiv.url, params={"search_query": 'ti:"PILOT: LLM-Guided Query Planning"'}, timeout=5)
    assert raw.status_code == 200 and b"<entry>" not in raw.content
    clean = requests.get(arxiv.url, params={"search_query": phrase_query("PILOT: LLM-Guided Query Planning")},
                         timeout=5)
    assert b"2603.05103" in clean.content


def test_search_failure_is_a_remote_error(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.queue("drop", "drop")
    client = ArxivClient(arxiv.url, retries=1, clock=time_.clock, sleep=time_.sleep, timeout=2.0)
    with pytest.raises(RemoteError, match="connection failed"):
        client.search_title("Budget-Aware Reranking with Diminishing Returns")
