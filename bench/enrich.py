"""What does enriching a week of notes from arXiv's HTML pages cost, against the floor arXiv's pace allows?

Builds a blog with a week of N notes (default 50) and serves their pages from a local fake of
arxiv.org/html (tests/fakes/arxiv_html.py): most pages in the ACM template with a figure, every
tenth paper without an HTML version (404), every tenth with a page but no figure. Then, with a
simulated clock (the 3-second pace is counted, not slept; `--real` sleeps a short `--interval`):

* requests made and time spent waiting at arXiv's pace, against the floor — one page request per
  paper, one image request per figure, and (requests - 1) intervals of waiting;
* a second run over the same notes (everything is filled or known missing: the floor is 0);
* the pace kept across runs: a run that starts 1 s after another waits the 2 s left;
* wall time of the enrichment (parse, match, write) against a baseline measured in the same run,
  alternating the two sides: plain GETs of the same pages and images, nothing parsed or written.

    .venv/bin/python bench/enrich.py [--papers 50] [--interval 3] [--repeat 3] [--real]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the test fakes live in tests/

from _ratios import ratio

from recweekly.config import load_config
from recweekly.notes.arxiv_html import ArxivHtmlClient
from recweekly.notes.enrich import enrich_notes
from recweekly.notes.model import Note, render_note
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_week
from tests.fakes.arxiv_html import PAGES, FakeArxivHtml

WEEK = "2026-W10"
TEMPLATE = (PAGES / "2603.02101.html").read_text(encoding="utf-8")  # ACM authors, a table, then Figure 1


class Clock:
    """Simulated time: sleeping moves it on at once, and the seconds are counted."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept = 0.0

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


class WeekOfPages(FakeArxivHtml):
    """Pages made from one fixture for every id: 404 for every tenth paper, no figure for every tenth + 5."""

    def page(self, arxiv_id: str) -> bytes | None:
        n = int(arxiv_id.rsplit(".", 1)[1]) - 10000
        if n % 10 == 0:
            return None
        text = TEMPLATE.replace("2603.02101", arxiv_id)
        if n % 10 == 5:
            text = text.replace('<img alt="Refer to caption"', '<span alt=""')
        return text.encode("utf-8")


def ids(papers: int) -> list[str]:
    return [f"2603.{10001 + i:05d}" for i in range(papers)]


def build(root: Path, papers: int) -> None:
    (root / "recweekly.toml").write_text('name = "bench"\n', encoding="utf-8")
    store = NoteStore(load_config(root))
    for i, arxiv_id in enumerate(ids(papers)):
        note = Note(arxiv=arxiv_id, title=f"Paper {i}", date=dt.date(2026, 3, 2 + i % 5), category="other")
        path = store.path_for(note)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_note(note), encoding="utf-8")


def floor(papers: int) -> tuple[int, int]:
    """(page requests, image requests) a run cannot do without."""
    numbers = [int(i.rsplit(".", 1)[1]) - 10000 for i in ids(papers)]
    return len(numbers), sum(1 for n in numbers if n % 10 not in (0, 5))


def enrich(root: Path, fake: FakeArxivHtml, interval: float, clock: Clock | None) -> ArxivHtmlClient:
    config = load_config(root)
    client = ArxivHtmlClient(fake.url, cache_dir=root / ".recweekly-cache", min_interval=interval,
                             clock=clock.time if clock else time.time, sleep=clock.sleep if clock else time.sleep)
    report = enrich_notes(config, [], parse_week(WEEK), html=client)
    assert not report.failures, report.failures
    return client


def plain_gets(fake: FakeArxivHtml, papers: int) -> None:
    import requests

    with requests.Session() as session:
        for arxiv_id in ids(papers):
            page = session.get(f"{fake.url}/{arxiv_id}")
            if page.status_code == 200 and b"x1.png" in page.content and b'<span alt=""' not in page.content:
                assert session.get(f"{fake.url}/{arxiv_id}v1/x1.png").content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=50)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between requests (arXiv: 3)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--real", action="store_true", help="really sleep (use a short --interval)")
    args = parser.parse_args()
    pages, images = floor(args.papers)
    with tempfile.TemporaryDirectory() as tmp, WeekOfPages() as fake:
        base = Path(tmp) / "blank"
        base.mkdir()
        build(base, args.papers)
        root = Path(tmp) / "blog"

        def fresh() -> None:
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(base, root)

        fresh()
        clock = None if args.real else Clock()
        began = time.perf_counter()
        first = enrich(root, fake, args.interval, clock)
        first_wall = time.perf_counter() - began
        asked = len(fake.requests)
        second = enrich(root, fake, args.interval, clock)
        again = len(fake.requests) - asked

        across = Clock()
        fresh()
        one = ArxivHtmlClient(fake.url, cache_dir=root / ".recweekly-cache", min_interval=args.interval,
                              clock=across.time, sleep=across.sleep)
        one.page(ids(args.papers)[1])
        across.now += 1.0  # the next command, a second later, in a new process
        two = ArxivHtmlClient(fake.url, cache_dir=root / ".recweekly-cache", min_interval=args.interval,
                              clock=across.time, sleep=across.sleep)
        two.page(ids(args.papers)[2])

        baseline_s: list[float] = []
        enrich_s: list[float] = []
        for _ in range(args.repeat):  # alternate the sides, so drift on a shared machine hits both
            began = time.perf_counter()
            plain_gets(fake, args.papers)
            baseline_s.append(time.perf_counter() - began)
            fresh()
            began = time.perf_counter()
            enrich(root, fake, 0.0, Clock())
            enrich_s.append(time.perf_counter() - began)

    floor_requests = pages + images
    floor_wait = max(0, floor_requests - 1) * args.interval
    print(f"a week of {args.papers} notes; pace one request every {args.interval:g} s "
          f"({'slept' if args.real else 'simulated clock'})")
    print(f"  first run   requests {asked:4d}  floor {floor_requests:4d} ({pages} pages + {images} figures); "
          f"waited {first.pace.waited:7.1f} s, floor {floor_wait:7.1f} s   (wall {first_wall:.2f} s)")
    print(f"  second run  requests {again:4d}  floor    0  waited {second.pace.waited:.1f} s")
    print(f"  across runs: the run started 1 s after the last request waited {two.pace.waited:.1f} s "
          f"(at least {max(0.0, args.interval - 1):.1f} s)")
    base_ms, enrich_ms = statistics.median(baseline_s) * 1000, statistics.median(enrich_s) * 1000
    print(f"  work without waiting (median of {args.repeat}, alternated): plain GETs of the same pages and "
          f"images {base_ms:.1f} ms, enrich {enrich_ms:.1f} ms")
    ratio("enrich requests / floor (a page per paper, an image per figure)", asked / floor_requests, 1.0)
    ratio("enrich pace waiting / floor ((requests - 1) x interval)", first.pace.waited / floor_wait, 1.0)
    ratio("enrich second run requests / first run", again / asked, 0.0)
    ratio("enrich wait across runs / interval left", two.pace.waited / max(args.interval - 1, 1e-9), 1.0,
          at_least=True)
    ratio("enrich work / plain GETs (parse, match, write; no waiting)", enrich_ms / base_ms, 10.0)

if __name__ == "__main__":
    main()
