"""Preview rendering cost, as a ratio to the Notion block renderer on the same post in the same run.

Run by hand: `.venv/bin/python bench/preview_render.py [--sections N] [--repeat R]`.
The preview parses the post once, then renders HTML *and* runs the Notion renderer over the same
document for publish's warnings, so the ratio is expected a little under 2; a much larger one means
the HTML side got slow. The server renders on every request, so this is also the reload latency of
a post of that size.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recweekly.markdown import parse_document
from recweekly.markdown.renderers.html import document_to_html
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.preview import publish_warnings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ratios import alternate, ratio

SECTION = """## Theme {i}

Some **bold** text, a [link](https://arxiv.org/abs/2603.{i:05d}), $x_{i}^2$ and a note[^n{i}].

> [!NOTE]
> An alert with *emphasis*.

| Model | Gain |
|---|---|
| M{i} | +{i}% |

- [x] item one
- [ ] item two

[^n{i}]: Footnote {i}.
"""


def preview_body(markdown: str) -> tuple[str, list[str]]:
    """What the preview computes for a post body: its HTML and publish's warnings, from one parse."""
    document = parse_document(markdown)
    return document_to_html(document), publish_warnings(document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    markdown = "".join(SECTION.format(i=i) for i in range(args.sections))
    blocks, preview = alternate(lambda: markdown_to_blocks(markdown), lambda: preview_body(markdown), args.repeat)
    print(f"post: {len(markdown)} characters, {args.sections} sections")
    print(f"notion blocks (baseline): {blocks * 1000:.1f} ms")
    print(f"preview html:             {preview * 1000:.1f} ms")
    # the preview page is three passes over one parse: HTML, the Notion renderer's warnings, the word count
    ratio("preview HTML / Notion blocks (time)", preview / blocks, 3)


if __name__ == "__main__":
    main()
