"""Markdown → Notion blocks throughput, as a ratio to mistune rendering the same text to HTML.

Run by hand: `.venv/bin/python bench/blocks_throughput.py [--sections N] [--repeat R]`.
Both sides use the same mistune grammar (recweekly.markdown.parser.create_markdown), in the same
process and run, so the ratio says what the Notion renderer costs on top of parsing, independent of
the machine. For every bench post (this generated weekly, the publish tests' weekly and feature
tour, the preview bench's sections, the fixture post) it prints blocks produced, blocks/s and the
speed of markdown_to_blocks as a fraction of mistune → HTML's (target: at least 0.9): the median,
over pairs of adjacent runs of the two sides, of HTML's CPU time over the converter's (see
`_ratios.paired`; a median of each side alone moved by ±0.1 between runs on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from recweekly.markdown import DocumentContext  # noqa: E402
from recweekly.markdown.parser import create_markdown  # noqa: E402
from recweekly.markdown.renderers.notion import markdown_to_blocks  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ratios import paired, ratio  # noqa: E402

THEMES = ["Generative retrieval", "Ranking at scale", "LLMs as recommenders", "Cold start", "Evaluation"]
LABS = ["Kuaishou", "Meta", "Alibaba", "Tsinghua", "Google", "ByteDance"]


def weekly_post(sections: int) -> str:
    """A long weekly-like post (about 45 blocks per section, counting nested ones)."""
    out = [
        "# RecSys Weekly 2026-W10",
        "",
        "<!-- recweekly:begin stats sha256=00ff -->",
        "",
        "This week: **42 papers**, *18 from industry*, 7 deep reads. See [last week](2026-w09.md).",
        "",
        "| Category | Papers | Industry | Top score |",
        "|:--|--:|--:|--:|",
    ]
    out += [f"| {theme} | {3 + i} | {i} | {7 + i % 3} |" for i, theme in enumerate(THEMES)]
    out += ["", "<!-- recweekly:end stats -->", ""]
    for s in range(sections):
        theme = THEMES[s % len(THEMES)]
        out += [f"## {theme} ({s + 1})", ""]
        out += [
            f"Papers on {theme.lower()} kept coming: the **SORT-{s}** family rewrites the ranking stage "
            f"as sequence generation, and [its authors](https://arxiv.org/abs/2603.{s:05d}) report "
            f"*orders +{s % 7}.35%* online. The loss is $\\mathcal{{L}} = -\\sum_t \\log p(y_t)$ with "
            f"`beam=8`.[^{s % 3 + 1}]",
            "",
        ]
        for p in range(6):
            out += [
                f"- **Model{s}-{p}** ({LABS[(s + p) % len(LABS)]}) — a ~~small~~ compact tweak to "
                f"{theme.lower()}; score {5 + p % 5}/10.",
                f"  - Highlight: CTR +{p}.{s % 10}% in an A/B test over {p + 2} weeks",
                "    - [x] abstract read",
                f"    - [{' x'[p % 2]}] deep read",
            ]
        out += [
            "",
            "> [!TIP]",
            f"> Read **Model{s}-0** first; it is the clearest write-up of the idea.",
            "",
            "```python",
            f"scores = model_{s}(user, candidates)",
            "top = scores.topk(10)",
            "```",
            "",
            "$$",
            f"\\mathrm{{NDCG@{s % 10 + 1}}} = \\frac{{1}}{{Z}}\\sum_i \\frac{{2^{{r_i}}-1}}{{\\log_2(i+1)}}",
            "$$",
            "",
            f"![Figure {s}](img/fig.png)" if s % 4 == 0 else f"![Figure {s}](https://cdn.example.org/f{s}.png)",
            "",
            "<details>",
            f"<summary>Method notes for section {s + 1}</summary>",
            "",
            f"1. Tokenise items into semantic IDs ({s + 4} levels).",
            "2. Train the decoder with teacher forcing.",
            "",
            "</details>",
            "",
            "---",
            "",
        ]
    out += ["[^1]: Numbers as reported by the authors.", "[^2]: Preprint, not peer reviewed.", "[^3]: Our reading."]
    return "\n".join(out) + "\n"


def count_blocks(blocks: list[dict]) -> int:
    return sum(1 + count_blocks(b[b["type"]].get("children", [])) for b in blocks)


def bench_posts(sections: int) -> dict[str, str]:
    """Every post a bench converts, by name."""
    import preview_render

    from tests.helpers.sample_posts import EVERY_FEATURE
    from tests.helpers.sample_posts import weekly_post as publish_weekly

    fixture = REPO / "tests" / "markdown" / "renderers" / "notion" / "fixtures" / "posts" / "2026-w10.md"
    return {
        "generated weekly": weekly_post(sections),
        "feature tour": EVERY_FEATURE,
        "publish weekly": publish_weekly(),
        "preview sections": "".join(preview_render.SECTION.format(i=i) for i in range(200)),
        "fixture post": fixture.read_text(encoding="utf-8").replace("img/ctr-trend.png", "img/fig.png"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=12, help="theme sections (about 45 blocks each)")
    parser.add_argument("--repeat", type=int, default=31, help="pairs of runs; the median ratio is reported")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "posts" / "img").mkdir(parents=True)
        for name in ("fig.png", "chart.png"):
            (root / "posts" / "img" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
        source = root / "posts" / "2026-w10.md"
        context = DocumentContext(
            source_path=source, repo_root=root, resolve_post_link=lambda href: "https://blog.example/article/x"
        )
        html = create_markdown("html")
        for name, text in bench_posts(args.sections).items():
            result = markdown_to_blocks(text, context)  # warm both (imports, parser construction)
            html(text)
            # CPU time: steadier than wall time when other processes share the two cores
            # a small post runs several times per sample, so that each sample is tens of milliseconds of
            # CPU: a 3 ms sample moves by a tenth with a cache miss or a collector pass
            start = time.process_time()
            markdown_to_blocks(text, context)
            batch = max(1, round(0.03 / max(time.process_time() - start, 1e-4)))

            def convert(text: str = text, batch: int = batch) -> None:
                for _ in range(batch):
                    markdown_to_blocks(text, context)

            def to_html(text: str = text, batch: int = batch) -> None:
                for _ in range(batch):
                    html(text)

            blocks_time, html_time, speed = paired(convert, to_html, args.repeat, clock=time.process_time)
            blocks_time, html_time = blocks_time / batch, html_time / batch
            top, total = len(result.blocks), count_blocks(result.blocks)
            print(f"{name}: {len(text):,} characters, {top} top-level blocks, {total} in all")
            print(f"  markdown_to_blocks: {blocks_time * 1000:8.2f} ms  ({total / blocks_time:,.0f} blocks/s)")
            print(f"  mistune → HTML:     {html_time * 1000:8.2f} ms  (same grammar, same run)")
            ratio(f"markdown_to_blocks speed / mistune → HTML speed, {name}", speed, 0.9, at_least=True)


if __name__ == "__main__":
    main()
