"""Preview cost against its baselines, measured in the same run with the two sides alternating.

Run by hand: `.venv/bin/python bench/preview_render.py [--sections N | --body POST] [--posts P] [--repeat R]`
(`--body posts/2026-W10.en.md` previews a real weekly's body instead of N synthetic sections).

1. Render: what the page of an edited post costs the preview (read, parse once, the Notion blocks
   publish would send — its warnings and NotionNext's 字数 come from them —, the body's HTML,
   marks, regions, page) against what publishing the same post costs (read, parse, Notion blocks).
   Goal ≤ 1.2×. The page holds everything publish computes for the post (the Notion blocks give
   the exact warnings and, since NotionNext counts the page's blocks, the 字数), so the ratio is
   1 + (HTML renderer + 字数 + page) / publish, plus for a short post what does not shrink with it
   (the linked posts, fill's region check): measured on a loaded 2-core machine, 1.07-1.13× for 100
   sections, 1.16-1.26× for 20, 1.15-1.24× for the W10 weekly (publish ~10 ms). The CPU clock of a
   shared machine moves by ±0.05 between runs; instructions (valgrind, preview ÷ publish per render)
   do not: 1.13 for 20 sections, 1.20 for W10 (publish 34.1M; HTML 2.6M, 字数 1.4M, the region
   check's marker scan 1.0M).
2. Reload: GET of the same just-edited post from a preview server over a blog of P posts against a
   blog of one post. The page links to a few other posts, as a weekly does. Goal ≤ 1.2×: a reload
   costs the page, not the blog.

Each measured call follows an edit (the file's time is moved on), so nothing is served from the
preview's caches that an edit would invalidate. Times are CPU time of this process (the server's
threads included), the two sides alternated (`bench/_ratios.py`).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recweekly.config import load_config
from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.post import load_post, parse_post
from recweekly.preview import Previewer
from recweekly.preview.server import PreviewServer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ratios import alternate, ratio

SECTION = """## Theme {i}

Some **bold** text, a [link](https://arxiv.org/abs/2603.{i:05d}), $x_{i}^2$ and a note[^n{i}].
TODO: say why theme {i} matters.

> [!NOTE]
> An alert with *emphasis*.

| Model | Gain |
|---|---|
| M{i} | +{i}% |

- [x] item one
- [ ] item two

$$
\\mathcal{{L}}_{i} = \\sum_j y_j \\log \\hat y_j
$$

[^n{i}]: Footnote {i}.
"""
FRONT = "---\ntitle: Post {n}\nslug: post-{n}\ntype: Post\nstatus: {status}\nlang: en\ndate: 2026-03-09\n---\n"


def write_blog(root: Path, posts: int, sections: int, body: str | None = None) -> Path:
    """A blog whose draft links to the three newest posts (then `body`, or `sections` sections);
    returns the draft."""
    for sub in ("drafts", "posts", "notes", "templates"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "recweekly.toml").write_text('name = "Bench"\n', encoding="utf-8")
    small = "".join(SECTION.format(i=i) for i in range(3))
    for n in range(posts):
        (root / "posts" / f"p{n:04d}.md").write_text(FRONT.format(n=n, status="Published") + small, encoding="utf-8")
    links = "".join(f"See [post {n}](../posts/p{n:04d}.md).\n\n" for n in range(max(0, posts - 3), posts))
    draft = root / "drafts" / "draft.md"
    text = body if body is not None else "".join(SECTION.format(i=i) for i in range(sections))
    draft.write_text(FRONT.format(n="draft", status="Draft") + links + text, encoding="utf-8")
    return draft


def touch(path: Path) -> None:
    """An edit, as far as the preview can tell: the file's modification time moves on."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        data = response.read()
        assert response.status == 200, (response.status, data[:200])
        return data
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=100, help="sections in the previewed post")
    parser.add_argument("--posts", type=int, default=200, help="posts in the big blog")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--body", type=Path, help="preview the body of this post file (posts/2026-W10.en.md)")
    args = parser.parse_args()
    body = None
    if args.body:
        post, problems = parse_post(args.body.read_text(encoding="utf-8"), args.body)
        assert post is not None, problems
        body = post.body
    tmp = Path(tempfile.mkdtemp(prefix="recweekly-bench-"))
    try:
        one, many = tmp / "one", tmp / "many"
        write_blog(one, 1, args.sections, body)
        draft = write_blog(many, args.posts, args.sections, body)
        config = load_config(many)
        previewer = Previewer(config, events=lambda rel, stamp: "")

        def publish_side() -> None:
            post = load_post(draft)
            markdown_to_blocks(post.body, DocumentContext.for_post(post, config.root))

        def preview_page() -> None:
            touch(draft)
            previewer.render(draft)

        blocks, preview = alternate(publish_side, preview_page, args.repeat, clock=time.process_time)

        servers = [PreviewServer(load_config(root), 0) for root in (one, many)]
        drafts = [one / "drafts" / "draft.md", draft]
        for server in servers:
            server.start_in_thread()

        def reload(index: int) -> Callable[[], object]:
            def run() -> bytes:
                touch(drafts[index])
                return get(servers[index].port, "/drafts/draft.md")
            return run

        try:
            small, big = alternate(reload(0), reload(1), args.repeat, clock=time.process_time)
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
        size = len(draft.read_text(encoding="utf-8"))
        shape = f"the body of {args.body}" if args.body else f"{args.sections} sections"
        print(f"post: {size} characters, {shape}; blogs of 1 and {args.posts} posts; "
              f"median of {args.repeat}, sides alternating")
        print(f"publish (read, parse, blocks):     {blocks * 1000:8.1f} ms")
        print(f"preview page of the same post:     {preview * 1000:8.1f} ms")
        print(f"reload, blog of 1 post:            {small * 1000:8.1f} ms")
        print(f"reload, blog of {args.posts} posts:       {big * 1000:8.1f} ms")
        ratio("preview page / publish blocks (CPU)", preview / blocks, 1.2)
        ratio(f"reload {args.posts}-post blog / 1-post blog (CPU)", big / small, 1.2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
