"""Notion calls and created blocks for publishing a long weekly post, against FakeNotion.

Three scenarios (first publish, no-op re-publish, one-paragraph edit), each measured for
recweekly's in-place sync, for the same with the fingerprint column (notion.fingerprint_property,
used whenever the database has it), and for the "delete every block and append again" strategy many
Markdown-to-Notion tools use, next to the lower bound, all in one run. Free workspaces can create
1,000 blocks in their lifetime: the "blocks created" column is what each publish burns.
Also prints Markdown → blocks conversion throughput as a ratio to mistune rendering HTML.

Run: .venv/bin/python bench/publish_calls.py [--sections 14]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from recweekly.config import Config, NotionSettings  # noqa: E402
from recweekly.markdown import DocumentContext  # noqa: E402
from recweekly.markdown.renderers.notion import markdown_to_blocks  # noqa: E402
from recweekly.post import load_post  # noqa: E402
from recweekly.publish.blockdiff import children_of  # noqa: E402
from recweekly.publish.notion.client import NotionClient, count_blocks  # noqa: E402
from recweekly.publish.sync import Publisher  # noqa: E402
from recweekly.publish.sync.chunks import take_chunk  # noqa: E402
from recweekly.publish.sync.jobs import Job  # noqa: E402
from recweekly.publish.sync.remote import TreeWriter  # noqa: E402
from tests.fakes.notion_server import FakeNotion, notion_property, notionnext_schema  # noqa: E402
from tests.helpers.sample_posts import weekly_post  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from _ratios import alternate, ratio  # noqa: E402

FP = "recweekly_fingerprint"
FRONT = """---
title: RecSys Weekly 2026-W10
slug: recsys-weekly-2026-w10
date: 2026-03-09
type: Post
status: Published
lang: en
category: RecSys Weekly
tags: [recsys, weekly]
summary: The week in recommender systems research.
---
"""


class Counter:
    """Calls and created blocks seen by FakeNotion since the last `mark`."""

    def __init__(self, server: FakeNotion) -> None:
        self.server = server
        self.mark()

    def mark(self) -> None:
        self.server.reset_calls()
        self.blocks0 = self.server.blocks_created

    def take(self) -> tuple[int, int, int]:
        writes = len(self.server.writes())
        reads = len(self.server.reads())
        created = self.server.blocks_created - self.blocks0
        self.mark()
        return reads, writes, created


def recweekly_publish(config: Config, client: NotionClient, path: Path) -> None:
    post = load_post(path, display="posts/w10.en.md")
    job = Job("publish", "posts/w10.en.md", post.slug, post.lang, post)
    publisher = Publisher(config, client)
    outcome = publisher.run([job])[0]
    assert outcome.status == "ok", outcome.error


def naive_publish(config: Config, client: NotionClient, path: Path) -> None:
    """Find the page; trash every top-level block; append every block again (within limits)."""
    post = load_post(path, display="posts/w10.en.md")
    job = Job("publish", "posts/w10.en.md", post.slug, post.lang, post)
    publisher = Publisher(config, client)
    publisher.render([job])
    publisher.prepare([job])
    pages = publisher.find_pages(job)
    blocks = publisher.rendered[job.display].blocks
    if not pages:
        chunk, deferred, rest = take_chunk(blocks)
        body = {"parent": {"type": "data_source_id",
                           "data_source_id": publisher.databases["en"].data_source_id},
                "properties": publisher.wanted_properties(job), "children": chunk}
        page_id = client.create_page(body)["id"]
        writer = TreeWriter(client)
        if deferred:
            writer.send_deferred([b["id"] for b in client.list_children(page_id)], deferred)
        writer.append(page_id, blocks[rest:])
        return
    page_id = pages[0]["id"]
    client.update_page(page_id, {"properties": publisher.wanted_properties(job)})
    for block in client.list_children(page_id):
        client.delete_block(block["id"])
    TreeWriter(client).append(page_id, blocks)


def lower_bound_writes(blocks: list[dict[str, Any]]) -> int:
    """Requests forced by the limits: 100 per array, 1,000 per request, 2 nested levels per request."""
    top = max(math.ceil(len(blocks) / 100), math.ceil(count_blocks(blocks) / 1000), 1)
    deep = 0

    def walk(items: list[dict[str, Any]], depth: int) -> None:
        nonlocal deep
        for block in items:
            kids = children_of(block)
            if kids and depth >= 2:
                deep += 1  # its children need a request of their own
            walk(kids, depth + 1)

    walk(blocks, 0)
    return top + deep


def throughput(markdown: str, rounds: int = 20) -> tuple[float, float]:
    """Median seconds of Markdown → blocks and of mistune → HTML on the same post, runs alternated."""
    import mistune

    html = mistune.create_markdown(plugins=["strikethrough", "table", "footnotes", "math", "task_lists"])
    return alternate(lambda: markdown_to_blocks(markdown, DocumentContext()), lambda: html(markdown), rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=14, help="themes in the generated weekly (14 ≈ 320 blocks)")
    args = parser.parse_args()
    markdown = weekly_post(sections=args.sections)
    blocks = markdown_to_blocks(markdown, DocumentContext()).blocks
    total = count_blocks(blocks)

    rows: list[tuple[str, str, tuple[int, int, int]]] = []
    with tempfile.TemporaryDirectory() as tmp, FakeNotion() as server:
        root = Path(tmp)
        (root / "posts").mkdir()
        path = root / "posts" / "w10.en.md"
        _, naive_ds = server.add_database("naive")
        naive_db = server.data_sources[naive_ds]["database_id"]
        _, fp_ds = server.add_database("fingerprint", {**notionnext_schema(),
                                                       FP: notion_property(FP, "rich_text")})
        fp_db = server.data_sources[fp_ds]["database_id"]
        counter = Counter(server)
        for name, db_id, publish in (("recweekly (in place)", server.database_id, recweekly_publish),
                                     ("recweekly + fingerprint", fp_db, recweekly_publish),
                                     ("delete all + append", naive_db, naive_publish)):
            fingerprint = FP if "fingerprint" in name else ""
            config = Config(root=root, notion=NotionSettings(databases={"en": db_id},
                                                             fingerprint_property=fingerprint))
            client = NotionClient(server.token, server.url, rate_per_sec=0)
            path.write_text(FRONT + markdown, encoding="utf-8")
            counter.mark()
            publish(config, client, path)
            rows.append(("first publish", name, counter.take()))
            publish(config, client, path)
            rows.append(("no-op re-publish", name, counter.take()))
            path.write_text(FRONT + markdown.replace("Theme 3 opens with a paragraph", "Theme 3 starts with a "
                                                     "paragraph", 1), encoding="utf-8")
            publish(config, client, path)
            rows.append(("one-paragraph edit", name, counter.take()))
            client.close()
        assert server.violations == [], server.violations

    bound_first = lower_bound_writes(blocks)
    bounds = {"first publish": (3, bound_first, total), "no-op re-publish": (None, 0, 0),
              "one-paragraph edit": (None, 1, 0)}
    print(f"weekly post: {len(blocks)} top-level blocks, {total} blocks in all\n")
    header = f"{'scenario':<20} {'strategy':<24} {'reads':>6} {'writes':>7} {'blocks created':>15}"
    print(header)
    print("-" * len(header))
    for scenario in bounds:
        for s, name, (reads, writes, created) in rows:
            if s == scenario:
                print(f"{scenario:<20} {name:<24} {reads:>6} {writes:>7} {created:>15}")
        b_reads, b_writes, b_created = bounds[scenario]
        print(f"{scenario:<20} {'lower bound':<24} {b_reads if b_reads is not None else '-':>6} "
              f"{b_writes:>7} {b_created:>15}")
        ours = next(r for s, n, r in rows if s == scenario and n == "recweekly (in place)")
        fp = next(r for s, n, r in rows if s == scenario and n == "recweekly + fingerprint")
        naive = next(r for s, n, r in rows if s == scenario and n.startswith("delete"))
        if naive[1]:
            w_ratio = f"{naive[1] / ours[1]:.0f}x" if ours[1] else "∞"
            b_ratio = f"{naive[2] / ours[2]:.0f}x" if ours[2] else ("∞" if naive[2] else "1x")
            print(f"{'':<20} {'naive ÷ recweekly':<24} {'':>6} {w_ratio:>7} {b_ratio:>15}")
        if fp[0] and ours[0] != fp[0]:
            print(f"{'':<20} {'in place ÷ fingerprint':<24} {ours[0] / fp[0]:>5.0f}x {'':>7} {'':>15}")
        print()
    print("reads: recweekly keeps no local state, so a re-publish reads the page's whole tree back "
          "(1 call per 100 top-level blocks + 1 per block with children) to prove nothing changed;\n"
          "with the fingerprint column the run's listing proves it (a hand edit in Notion is then seen when "
          "the post changes, or with --full-diff). Reads include 2 per run for the database and its schema.")
    ours_t, html_t = throughput(markdown)
    print(f"\nMarkdown → blocks: {ours_t * 1000:.1f} ms per post; mistune → HTML: {html_t * 1000:.1f} ms "
          "(medians, runs alternated)\n")
    calls = {(s, n): r for s, n, r in rows}
    edit_ours, edit_naive = calls[("one-paragraph edit", "recweekly (in place)")], calls[("one-paragraph edit",
                                                                                          "delete all + append")]
    noop_ours, noop_fp = calls[("no-op re-publish", "recweekly (in place)")], calls[("no-op re-publish",
                                                                                     "recweekly + fingerprint")]
    ratio("one-paragraph edit: blocks created, naive / recweekly", edit_naive[2] / max(edit_ours[2], 1), 50,
          at_least=True)
    ratio("one-paragraph edit: writes, naive / recweekly", edit_naive[1] / max(edit_ours[1], 1), 3, at_least=True)
    ratio("no-op re-publish: reads, in place / fingerprint", noop_ours[0] / max(noop_fp[0], 1), 10, at_least=True)
    ratio("Markdown → blocks / mistune → HTML (time)", ours_t / html_t, 6)


if __name__ == "__main__":
    main()
