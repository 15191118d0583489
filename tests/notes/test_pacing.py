"""The arXiv pace kept across runs (`recweekly/notes/pacing.py`) in the cache folder (`notes/enrich_state.py`)."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from recweekly.notes.enrich_state import EnrichState
from recweekly.notes.pacing import STATE_FILE, Pace
from tests.helpers.notes import FakeTime


def pace(cache: Path | None, time: FakeTime, interval: float = 3.0) -> Pace:
    return Pace("arxiv.org", interval, EnrichState(cache), clock=time.clock, sleep=time.sleep)


def send(p: Pace, times: list[float]) -> None:
    with p.turn():
        times.append(p.clock())


def test_requests_of_one_run_are_an_interval_apart(tmp_path: Path) -> None:
    time = FakeTime()
    sent: list[float] = []
    p = pace(tmp_path / "cache", time)
    for _ in range(3):
        send(p, sent)
    assert [b - a for a, b in pairwise(sent)] == [3.0, 3.0]
    assert p.requests == 3 and p.waited == 6.0


def test_the_pace_holds_across_runs_through_the_state_file(tmp_path: Path) -> None:
    time = FakeTime()
    sent: list[float] = []
    send(pace(tmp_path / "cache", time), sent)
    time.now += 1.0  # the next command starts a second later
    second = pace(tmp_path / "cache", time)
    send(second, sent)
    assert sent[1] - sent[0] == 3.0 and second.waited == 2.0
    state = json.loads((tmp_path / "cache" / STATE_FILE).read_text(encoding="utf-8"))
    assert state == {"arxiv.org": sent[1]}
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_hosts_are_paced_apart_and_a_later_run_needs_no_wait(tmp_path: Path) -> None:
    time = FakeTime()
    send(pace(tmp_path / "c", time), [])
    other = Pace("127.0.0.1:8000", 3.0, EnrichState(tmp_path / "c"), clock=time.clock, sleep=time.sleep)
    send(other, [])
    assert other.waited == 0.0
    time.now += 60
    later = pace(tmp_path / "c", time)
    send(later, [])
    assert later.waited == 0.0


def test_a_time_in_the_future_costs_at_most_one_interval(tmp_path: Path) -> None:
    time = FakeTime()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / STATE_FILE).write_text(json.dumps({"arxiv.org": time.now + 3600}), encoding="utf-8")
    p = pace(tmp_path / "c", time)
    send(p, [])
    assert p.waited == 3.0


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"arxiv.org": "soon"}'])
def test_a_broken_state_file_is_rewritten(tmp_path: Path, content: str) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / STATE_FILE).write_text(content, encoding="utf-8")
    time = FakeTime()
    send(pace(tmp_path / "c", time), [])
    assert json.loads((tmp_path / "c" / STATE_FILE).read_text(encoding="utf-8")) == {"arxiv.org": time.now}


def test_an_unwritable_cache_still_paces_within_the_run(tmp_path: Path) -> None:
    blocked = tmp_path / "c"
    blocked.write_text("a file where the folder should be", encoding="utf-8")  # mkdir fails, even for root
    time = FakeTime()
    sent: list[float] = []
    p = pace(blocked, time)
    send(p, sent)
    send(p, sent)
    assert sent[1] - sent[0] == 3.0
    assert blocked.read_text(encoding="utf-8") == "a file where the folder should be"


def test_without_a_cache_folder_the_pace_is_the_runs_own(tmp_path: Path) -> None:
    time = FakeTime()
    p = pace(None, time)
    sent: list[float] = []
    send(p, sent)
    send(p, sent)
    assert sent[1] - sent[0] == 3.0
    assert list(tmp_path.iterdir()) == []
