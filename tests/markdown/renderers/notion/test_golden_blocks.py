"""Every bench and fixture post converts to exactly the blocks recorded in golden/ (byte for byte).

Why: the converter is tuned for speed (bench/blocks_throughput.py); a faster renderer that changes
one annotation or one cut between runs would rewrite blocks on every published page. The goldens
were recorded before the tuning; regenerate them only for an intended change of output:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/markdown/renderers/notion/test_golden_blocks.py -q
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from tests.helpers.sample_posts import EVERY_FEATURE, weekly_post

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures"
GOLDEN = HERE / "golden"


def _sources() -> dict[str, tuple[str, Path]]:
    posts = FIXTURE / "posts"
    files = {path.stem: (path.read_text(encoding="utf-8"), path) for path in sorted(posts.glob("*.md"))}
    chart = posts / "every-feature.md"
    files["every-feature"] = (EVERY_FEATURE.replace("img/chart.png", "img/ctr-trend.png"), chart)
    files["publish-weekly"] = (weekly_post(), posts / "publish-weekly.md")
    return files


SOURCES = _sources()


def rendered(name: str) -> str:
    text, path = SOURCES[name]
    context = DocumentContext(source_path=path, repo_root=FIXTURE,
                              resolve_post_link=lambda href: f"https://blog.example/article/{Path(href).stem}")
    result = markdown_to_blocks(text, context)
    return json.dumps({"blocks": result.blocks, "warnings": result.warnings}, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_blocks_match_golden(name: str) -> None:
    golden = GOLDEN / f"{name}.json"
    text = rendered(name)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden for {name}: run with UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
