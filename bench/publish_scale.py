"""Notion calls and time of `publish --all` as a blog grows: 50, 200 and 1,000 generated posts.

Against FakeNotion with Notion's rate limit (3 requests/s, bursts of 3) on a virtual clock shared by
the client's pacing and the server's limiter: every call is counted and the seconds it would take
at 3 requests/s are simulated, so a 1,000-post run takes seconds, not the ten minutes it would in
Notion. Each data source has the fingerprint column (what `publish --setup --apply` adds).

Scenarios per size, each beside its floor (the database, its schema, one query per 100 pages):
- no-op `publish --all`, with the run's one listing, and with the slug query per post it replaced
  (the same code with the listing declined, measured in the same run);
- one edited post, `publish --all`: the listing plus that post's diff, no call for any other post.

    .venv/bin/python bench/publish_scale.py [--sizes 50 200 1000]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from recweekly.config import load_config  # noqa: E402
from recweekly.publish.notion.client import NotionClient  # noqa: E402
from recweekly.publish.sync import run as sync_run  # noqa: E402
from recweekly.publish.sync.listing import PAGE_SIZE  # noqa: E402
from tests.fakes.notion_server import FakeClock, FakeNotion, notion_property  # noqa: E402
from tests.helpers.posts import write_post  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from _ratios import ratio  # noqa: E402

FP = "recweekly_fingerprint"
TARGETS = {200: 6, 1000: 15}  # no-op calls allowed (issue 14)
BODY = """# Note {i}

Ranking models keep growing, and so do the serving bills. Post {i} reads three papers about it.

- **Model {i}-a** scales attention over long user histories.
- **Model {i}-b** distils a ranker into a retriever.

> [!TIP]
> Start with model {i}-a.
"""


class Run:
    """One blog of `size` posts and one FakeNotion, on one virtual clock."""

    def __init__(self, root: Path, server: FakeNotion, size: int) -> None:
        self.root, self.server, self.size = root, server, size
        self.clock = FakeClock()
        server.set_rate_limit(3, burst=3, clock=self.clock)
        (root / "recweekly.toml").write_text(
            f'name = "Bench"\n[notion]\ndatabases = {{en = "{server.database_id}"}}\n', encoding="utf-8")
        (root / "posts").mkdir()
        for i in range(size):
            write_post(root / "posts" / f"note-{i:04d}.en.md", BODY.format(i=i), title=f"RecSys note {i}",
                       slug=f"note-{i:04d}", status="Published", category="RecSys Weekly", tags=["recsys", "weekly"],
                       summary=f"Short post number {i}.")
        self.config = load_config(root)

    def client(self) -> NotionClient:
        return NotionClient(self.server.token, self.server.url, rate_per_sec=3, burst=3, sleep=self.clock.sleep,
                            clock=self.clock, timeout=30)

    def publish_all(self) -> tuple[int, int, float, float]:
        """(reads, writes, simulated seconds, real seconds) of one `publish --all`."""
        self.clock.sleep(60)  # runs are apart in time: Notion's bucket has refilled (no 429 at the start)
        self.server.reset_calls()
        start, wall = self.clock.now(), time.perf_counter()
        report = sync_run.publish_posts(self.config, everything=True, make_client=self.client)
        assert report.ok, [o.error for o in report.outcomes if o.error]
        reads, writes = len(self.server.reads()), len(self.server.writes())
        return reads, writes, self.clock.now() - start, time.perf_counter() - wall


def without_listing(run: Run) -> tuple[int, int, float, float]:
    """The same no-op run with the listing declined: one slug query per post, as before the listing."""
    original = sync_run.Counter

    def huge(posts: Any) -> Any:
        sizes = original(posts)
        return {lang: 1_000_000 for lang in sizes}  # a listing would never pay: every post asks alone

    sync_run.Counter = huge  # type: ignore[assignment,misc]
    try:
        return run.publish_all()
    finally:
        sync_run.Counter = original  # type: ignore[misc]


def edit_one(run: Run) -> tuple[tuple[int, int, float, float], int, int]:
    """Edit one post; publish --all; return the run and its calls on that page and on any other."""
    path = run.root / "posts" / "note-0007.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("reads three papers", "reads four papers"),
                    encoding="utf-8")
    (page,) = [p for p in run.server.live_pages() if "note-0007" in str(p["properties"]["slug"])]
    page_id = page["id"]
    own_blocks = {page_id, *(b["id"] for b in run.server.page_blocks(page_id))}
    result = run.publish_all()
    own = other = 0
    for call in run.server.calls:
        resource = call.path.split("/")[2]
        if resource in ("databases", "data_sources"):
            continue  # the database, its schema and the listing
        target = call.path.split("/")[3] if len(call.path.split("/")) > 3 else ""
        if target in own_blocks:
            own += 1
        else:
            other += 1
    return result, own, other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 1000])
    args = parser.parse_args()
    rows: list[tuple[str, int, int, int, float, float, str]] = []
    checks: list[tuple[str, float, float]] = []
    for size in args.sizes:
        floor = 2 + math.ceil(size / PAGE_SIZE)
        with tempfile.TemporaryDirectory() as tmp, FakeNotion() as server:
            server.validate = size <= 200  # contract validation costs ~2 s per 1,000 blocks; calls are the same
            server.schema()[FP] = notion_property(FP, "rich_text")
            run = Run(Path(tmp), server, size)
            first = run.publish_all()
            rows.append(("first publish --all", size, *first, "-"))
            noop = run.publish_all()
            rows.append(("no-op publish --all", size, *noop, str(floor)))
            slugs = without_listing(run)
            rows.append(("  same, slug query per post", size, *slugs, str(floor)))
            edited, own, other = edit_one(run)
            rows.append(("one post edited, --all", size, *edited, f"{floor} + {own}"))
            assert server.violations == [], server.violations
        target = TARGETS.get(size)
        if target is not None:
            checks.append((f"no-op publish --all, {size} posts: calls / floor {floor}", (noop[0] + noop[1]) / floor,
                           target / floor))
        checks.append((f"no-op publish --all, {size} posts: calls with listing / with slug queries",
                       (noop[0] + noop[1]) / (slugs[0] + slugs[1]), 0.1))
        checks.append((f"one edited post, {size} posts: calls / (floor {floor} + its own {own})",
                       (edited[0] + edited[1]) / (floor + own), 1.0))
        checks.append((f"one edited post, {size} posts: calls for the other {size - 1} posts", float(other), 0.0))
    head = f"{'scenario':<30}{'posts':>6}{'reads':>7}{'writes':>7}{'sim. s @3/s':>13}{'real s':>8}  floor"
    print(head)
    print("-" * len(head))
    for name, size, reads, writes, simulated, real, floor_text in rows:
        print(f"{name:<30}{size:>6}{reads:>7}{writes:>7}{simulated:>13.1f}{real:>8.1f}  {floor_text}")
    print("\nfloor: GET database + GET data source + one query call per 100 pages (+ the edited post's own "
          "tree read and writes)\n")
    for name, value, target in checks:
        ratio(name, value, target)


if __name__ == "__main__":
    main()
