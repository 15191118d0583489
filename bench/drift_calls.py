"""What telling Notion edits apart costs: Notion calls and local time, with the check and without.

Publishes the generated weekly (bench/publish_calls.py's post) from a git repository to FakeNotion,
then measures each scenario twice in the same run — with the drift guard that refuses pages edited
in Notion, and without it (the publisher as it was) — with and without the fingerprint column:
no-op re-publish, a paragraph edited in git (the page lags behind), a paragraph edited in Notion
(refused with the guard, overwritten without it), and `pull` of that edit. The calls must be the
same with and without the guard; the local time it adds is printed as a ratio, the sides alternated.

Run: .venv/bin/python bench/drift_calls.py [--sections 14] [--repeat 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from recweekly.config import Config, NotionSettings  # noqa: E402
from recweekly.markdown.links import PostLinks  # noqa: E402
from recweekly.post import load_post  # noqa: E402
from recweekly.publish.notion.client import NotionClient  # noqa: E402
from recweekly.publish.pull.run import pull_posts  # noqa: E402
from recweekly.publish.sync import Publisher  # noqa: E402
from recweekly.publish.sync.drift import DriftGuard  # noqa: E402
from recweekly.publish.sync.jobs import Job  # noqa: E402
from tests.fakes.notion_server import FakeNotion, notion_property, notionnext_schema  # noqa: E402
from tests.helpers.sample_posts import weekly_post  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from _ratios import alternate, ratio  # noqa: E402
from publish_calls import FRONT, Counter  # noqa: E402

FP = "recweekly_fingerprint"
EDITED = "Theme 3 opens with a paragraph"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def revise(root: Path, path: Path, words: str) -> None:
    """Commit an edit of one paragraph of the post."""
    path.write_text(path.read_text(encoding="utf-8").replace(words, words.replace("opens", "starts")),
                    encoding="utf-8")
    git(root, "commit", "-qam", f"revise {words}")


def publish(config: Config, server: FakeNotion, path: Path, guard: bool) -> str:
    """One publish run of the post; returns its outcome's action."""
    post = load_post(path, display="posts/w10.en.md")
    job = Job("publish", "posts/w10.en.md", post.slug, post.lang, post)
    links = PostLinks(config.notion, [post])
    drift = DriftGuard(config, links.resolver) if guard else None
    with NotionClient(server.token, server.url, rate_per_sec=0) as client:
        outcome = Publisher(config, client, resolve_link=links.resolver, drift=drift).run([job])[0]
    return "refused" if outcome.action == "edited in Notion" else outcome.action


def edit_in_notion(server: FakeNotion, slug_ds: str) -> None:
    page = next(p for p in server.live_pages(slug_ds))
    block = next(b for b in server.page_blocks(page["id"]) if b["type"] == "paragraph"
                 and "Theme 5 opens" in "".join(r["plain_text"] for r in b["paragraph"]["rich_text"]))
    with NotionClient(server.token, server.url, rate_per_sec=0) as client:
        client.update_block(block["id"], {"paragraph": {"rich_text": [
            {"type": "text", "text": {"content": "Theme 5, as a reader fixed it in Notion."}}]}})


def scenarios(server: FakeNotion, root: Path, markdown: str, column: bool) -> list[tuple[str, str, Any]]:
    """(scenario, side, (reads, writes, created) or action) for one database."""
    ds_props = {**notionnext_schema(), **({FP: notion_property(FP, "rich_text")} if column else {})}
    _, ds = server.add_database("fp" if column else "plain", ds_props)
    config = Config(root=root, notion=NotionSettings(databases={"en": server.data_sources[ds]["database_id"]},
                                                     fingerprint_property=FP if column else ""))
    path = root / "posts" / "w10.en.md"
    counter = Counter(server)
    rows: list[tuple[str, str, Any]] = []

    def measure(name: str, guard: bool) -> None:
        counter.mark()
        action = publish(config, server, path, guard)
        rows.append((name, "guard" if guard else "no guard", (*counter.take(), action)))

    path.write_text(FRONT + markdown, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "post", "--allow-empty")
    publish(config, server, path, True)
    for guard in (True, False):
        measure("no-op re-publish", guard)
    for guard, theme in ((True, 3), (False, 4)):  # edited in git: the page lags behind
        revise(root, path, f"Theme {theme} opens")
        measure("paragraph edited in git", guard)
    edit_in_notion(server, ds)
    for guard, theme in ((True, 6), (False, 7)):
        if column:  # with the column an unchanged post's page is not read: the post changes elsewhere too
            revise(root, path, f"Theme {theme} opens")
        measure("paragraph edited in Notion", guard)
        if guard:
            counter.mark()
            report = pull_posts(config, (path,), make_client=lambda: NotionClient(server.token, server.url,
                                                                                   rate_per_sec=0))
            rows.append(("pull of that edit", "guard", (*counter.take(), report.outcomes[0].status)))
            git(root, "checkout", "--", ".")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=14, help="theme sections of the post (at least 7: "
                                                                     "the scenarios edit themes 3 to 7)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.sections < 7:
        parser.error("--sections must be at least 7 (the scenarios edit themes 3 to 7)")
    markdown = weekly_post(sections=args.sections)
    with tempfile.TemporaryDirectory() as tmp, FakeNotion() as server:
        root = Path(tmp)
        (root / "posts").mkdir()
        (root / "recweekly.toml").write_text('name = "Bench"\n', encoding="utf-8")
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.email", "bench@example.com")
        git(root, "config", "user.name", "Bench")
        git(root, "config", "commit.gpgsign", "false")
        for column in (False, True):
            print(f"\n{'with' if column else 'without'} the fingerprint column")
            print(f"{'scenario':<28} {'side':<9} {'reads':>6} {'writes':>7} {'created':>8}  outcome")
            for scenario, side, (reads, writes, created, action) in scenarios(server, root, markdown, column):
                print(f"{scenario:<28} {side:<9} {reads:>6} {writes:>7} {created:>8}  {action}")
        assert server.violations == [], server.violations

        # local cost of the check on a lagging page without the column (renders the version at REV)
        _, ds = server.add_database("timing")
        config = Config(root=root, notion=NotionSettings(databases={"en": server.data_sources[ds]["database_id"]}))
        path = root / "posts" / "w10.en.md"
        publish(config, server, path, False)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Thanks", "Thank you"), encoding="utf-8")
        git(root, "commit", "-qam", "lag")

        def run(guard: bool) -> None:
            """Publish the lagging post, then put the old version back on the page for the next turn."""
            assert publish(config, server, path, guard) == "update"
            new = path.read_text(encoding="utf-8")
            path.write_text(text, encoding="utf-8")
            publish(config, server, path, False)
            path.write_text(new, encoding="utf-8")

        with_guard, without = alternate(lambda: run(True), lambda: run(False), args.repeat)
    print(f"\nlagging page, no column: {with_guard * 1000:.0f} ms with the guard, {without * 1000:.0f} ms without "
          "(each side is the publish plus an unguarded re-publish of the old version that undoes it; the guard "
          "renders one old version of the post from git)")
    ratio("publish of a lagging page: with the drift guard / without (time)", with_guard / without, 1.5)


if __name__ == "__main__":
    main()
