"""Which lines of a post make which blocks: found by rendering, exact by construction."""

from __future__ import annotations

import pytest

from recweekly.markdown import DocumentContext
from recweekly.publish.pull.sourcemap import source_map
from tests.helpers.sample_posts import EVERY_FEATURE, weekly_post


def segments(body: str) -> list[tuple[str, int]]:
    return [(s.text, s.count) for s in source_map(body, DocumentContext()).segments]


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("<!-- recweekly:begin x -->\nIntro.\n<!-- recweekly:end x -->\n\n- a\n- b\n\n[ref]: https://e.org\n",
                 [("<!-- recweekly:begin x -->\n", 0), ("Intro.\n", 1), ("<!-- recweekly:end x -->\n\n", 0),
                  ("- a\n", 1), ("- b\n\n", 1), ("[ref]: https://e.org\n", 0)],
                 id="one segment per block and blockless lines kept apart"),
    pytest.param("Before.\n<!-- recweekly:begin facts sha256=0 -->\n**Facts** here.\n- a\n- b\n"
                 "<!-- recweekly:end facts -->\nAfter.\n",
                 [("Before.\n", 1), ("<!-- recweekly:begin facts sha256=0 -->\n", 0),
                  ("**Facts** here.\n", 1), ("- a\n", 1), ("- b\n", 1),
                  ("<!-- recweekly:end facts -->\n", 0), ("After.\n", 1)],
                 id="region markers written against their content are segments of their own"),
])
def test_segments(body: str, expected: list[tuple[str, int]]) -> None:
    assert segments(body) == expected


@pytest.mark.parametrize("body", [
    "```\ncode\n\n- not a list\n```\n\nAfter.\n",
    "- item\n\n  its second paragraph\n\n- next\n",
    "<details>\n<summary>S</summary>\n\nInside.\n\n- a list inside\n\n</details>\n\nAfter.\n",
    "Text[^n].\n\n[^n]: A note\n\n    that goes on.\n",
])
def test_constructs_spanning_blank_lines_stay_whole(body: str) -> None:
    smap = source_map(body, DocumentContext())
    assert smap.exact
    assert "".join(s.text for s in smap.segments) == body
    assert sum(s.count for s in smap.segments) == len(smap.blocks) - smap.footnote_blocks


@pytest.mark.parametrize("body", [EVERY_FEATURE, weekly_post(sections=3)], ids=["every feature", "weekly"])
def test_real_posts_map_exactly_and_finely(body: str) -> None:
    smap = source_map(body, DocumentContext())
    assert smap.exact and "".join(s.text for s in smap.segments) == body
    assert max(s.count for s in smap.segments) == 1


def test_footnotes_are_numbered_by_their_keys() -> None:
    smap = source_map("A[^b] and B[^a].\n\n[^a]: First.\n[^b]: Second.\n", DocumentContext())
    assert smap.footnote_keys == {1: "B", 2: "A"} and smap.footnote_blocks == 4


def test_the_repositorys_drafts_map_exactly() -> None:
    from recweekly.post import parse_post
    from tests.helpers.paths import REPO

    for path in sorted((REPO / "drafts").glob("*.md")):
        post, _ = parse_post(path.read_text(encoding="utf-8"), path)
        assert post is not None
        smap = source_map(post.body, DocumentContext())
        assert smap.exact and "".join(s.text for s in smap.segments) == post.body
        markers = [s for s in smap.segments if "<!-- recweekly:" in s.text]
        assert markers and all(s.count == 0 and "\n" not in s.text.strip() for s in markers)
