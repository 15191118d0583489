"""Inline Markdown → rich text: annotations, links, equations and the per-run limits."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from recweekly.markdown import DocumentContext
from recweekly.markdown.document import parse_document
from recweekly.markdown.renderers.notion.inline import InlineWriter, unstyled_text
from recweekly.markdown.renderers.notion.richtext import plain_rich_text, utf16_len
from recweekly.markdown.reporting import ignore
from tests.helpers.notion_blocks import blocks_of, content, convert, run_text, runs, text, top_types


def styled(markdown: str) -> list[tuple[str, dict, str | None]]:
    """(text, annotations, link) for each run of the only paragraph."""
    (block,) = blocks_of(markdown)
    return [(run_text(i), i.get("annotations", {}), i.get("text", {}).get("link", {}).get("url")) for i in runs(block)]


@pytest.mark.parametrize(("markdown", "expected"), [
    pytest.param("a **b** *c* ~~d~~ `e`", [
        ("a ", {}, None),
        ("b", {"bold": True}, None),
        (" ", {}, None),
        ("c", {"italic": True}, None),
        (" ", {}, None),
        ("d", {"strikethrough": True}, None),
        (" ", {}, None),
        ("e", {"code": True}, None),
    ], id="basic annotations each get their own flag"),
    pytest.param("_see **the [paper](https://arxiv.org/abs/1)** now_", [
        ("see ", {"italic": True}, None),
        ("the ", {"italic": True, "bold": True}, None),
        ("paper", {"italic": True, "bold": True}, "https://arxiv.org/abs/1"),
        (" now", {"italic": True}, None),
    ], id="nested styles combine: bold link inside italic"),
    pytest.param("[`SORT`](https://x.org)", [("SORT", {"code": True}, "https://x.org")],
                 id="code inside a link keeps the link"),
])
def test_runs_carry_their_styles_and_links(markdown: str, expected: list[tuple[str, dict, str | None]]) -> None:
    assert styled(markdown) == expected


@pytest.mark.parametrize(("markdown", "expected"), [
    pytest.param("one  \ntwo\\\nthree\nfour", "one\ntwo\nthree four",
                 id="hard breaks become newlines and soft breaks spaces"),
    pytest.param("本周共读了十四篇论文，\n生成式推荐是主线。\nThen English\nwraps with spaces。\n中文",
                 "本周共读了十四篇论文，生成式推荐是主线。 Then English wraps with spaces。中文",
                 id="a soft break inside Chinese text adds no space"),
    pytest.param("R&amp;D \\*not bold\\* &lt;tag&gt; `a &amp; b`", "R&D *not bold* <tag> a &amp; b",
                 id="HTML entities and escapes are decoded"),
])
def test_the_text_of_a_paragraph(markdown: str, expected: str) -> None:
    (block,) = blocks_of(markdown)
    assert text(block) == expected


def test_inline_math_is_an_equation_run() -> None:
    (block,) = blocks_of("loss $\\mathcal{L} = -\\log p$ here")
    items = runs(block)
    assert [i["type"] for i in items] == ["text", "equation", "text"]
    assert items[1]["equation"]["expression"] == "\\mathcal{L} = -\\log p"


def test_display_math_inside_a_line_is_an_inline_equation() -> None:
    result = convert("so $$e^{i\\pi}+1=0$$ holds")
    (block,) = result.blocks
    assert [i["type"] for i in runs(block)] == ["text", "equation", "text"]
    assert result.warnings == []


def test_inline_equation_over_1000_chars_is_kept_as_code_text_with_warning() -> None:
    expression = "x+" * 600 + "1"
    result = convert(f"big ${expression}$ end")
    (block,) = result.blocks
    assert all(i["type"] == "text" for i in runs(block))
    assert f"${expression}$" in text(block)
    assert any("equation" in w for w in result.warnings)


def test_long_text_is_split_into_runs_of_at_most_2000_without_loss() -> None:
    words = " ".join(f"word{i}" for i in range(2000))
    (block,) = blocks_of(f"**{words}**")
    items = runs(block)
    assert len(items) > 1
    assert all(len(i["text"]["content"]) <= 2000 for i in items)
    assert all(i["annotations"] == {"bold": True} for i in items)
    assert text(block) == words


def test_split_never_cuts_an_emoji_surrogate_pair() -> None:
    body = "a" * 1999 + "😀" * 3 + "中文" * 1000
    (block,) = blocks_of(body)
    items = runs(block)
    assert all(utf16_len(i["text"]["content"]) <= 2000 for i in items)
    assert text(block) == body
    assert items[0]["text"]["content"] == "a" * 1999  # the emoji (2 units) did not fit


def test_more_than_100_runs_split_into_several_paragraphs_in_order() -> None:
    markdown = " ".join(f"**b{i}** p{i}" for i in range(150))
    blocks = blocks_of(markdown)
    assert top_types(blocks) == ["paragraph"] * 3  # 300 runs
    assert all(len(runs(b)) <= 100 for b in blocks)
    assert "".join(text(b) for b in blocks) == " ".join(f"b{i} p{i}" for i in range(150))


def test_absolute_links_mailto_and_autolinks() -> None:
    got = styled("[a](https://a.org/x?y=1&amp;z=2) <https://b.org> <me@example.com>")
    links = [link for _, _, link in got if link]
    assert links == ["https://a.org/x?y=1&z=2", "https://b.org", "mailto:me@example.com"]


def test_relative_post_link_is_resolved_to_the_blog_url() -> None:
    seen = []

    def resolve(href: str) -> str | None:
        seen.append(href)
        return "https://blog.example/article/week-10" if href == "../posts/week-10.md" else None

    context = DocumentContext(resolve_post_link=resolve)
    result = convert("See [last week](../posts/week-10.md) and [gone](missing.md).", context)
    (block,) = result.blocks
    items = runs(block)
    linked = [(run_text(i), i["text"].get("link")) for i in items]
    assert ("last week", {"url": "https://blog.example/article/week-10"}) in linked
    assert ("gone", None) not in linked  # merged into plain text, but the text is kept
    assert "gone" in text(block) and not any(i["text"].get("link") for i in items if "gone" in run_text(i))
    assert seen == ["../posts/week-10.md", "missing.md"]
    assert len(result.warnings) == 1 and "missing.md" in result.warnings[0]


def test_post_link_without_resolver_keeps_text_and_warns() -> None:
    result = convert("x [y](other.md#part) z")
    assert text(result.blocks[0]) == "x y z"
    assert "other.md#part" in result.warnings[0]


def test_links_notion_cannot_hold_keep_their_text_with_a_warning() -> None:
    result = convert("[top](#intro) [data](../data/x.csv) [bad](javascript:alert(1))")
    (block,) = result.blocks
    assert text(block) == "top data bad"
    assert not any(i["text"].get("link") for i in runs(block))
    assert len(result.warnings) == 3


def test_link_url_over_2000_chars_is_kept_as_text() -> None:
    url = "https://example.org/" + "a" * 2100
    result = convert(f"[long]({url})")
    (block,) = result.blocks
    assert url in text(block) and "long" in text(block)
    (auto,) = blocks_of(f"<{url}>")
    assert text(auto) == url  # shown once, not repeated
    assert all(utf16_len(run_text(i)) <= 2000 for i in runs(block))
    assert not any(i["text"].get("link") for i in runs(block))
    assert result.warnings


def test_footnote_references_stay_as_bracketed_numbers() -> None:
    blocks = blocks_of("First[^a] and second[^b].\n\n[^b]: Bee.\n[^a]: Ay.\n")
    assert text(blocks[0]) == "First[1] and second[2]."
    assert content(blocks[0]).get("children") is None


_PLAIN_PIECES = st.sampled_from(["word", "two words", "中文", "文字", "AT&T", "&copy; &amp;", "&#0;", "x" * 1500,
                                 "\U0001f600" * 700, " ", ""])
_BREAKS = st.sampled_from(["\n", "  \n", "\\\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PLAIN_PIECES, _BREAKS), min_size=1, max_size=12))
@example(["中文", "\n", "文字", "\n", "word"])  # a soft break inside Chinese text joins without a space
@example(["word", "  \n", "AT&T", "\\\n", "x" * 1500, "x" * 1500])  # hard breaks; a run cut at 2,000
def test_plain_lines_take_the_shortcut_with_the_same_rich_text(pieces: list[str]) -> None:
    """A line of only text and breaks skips the inline walk (unstyled_text); what Notion gets is what
    the walk would have written, cut and merged alike (a different cut would rewrite published pages)."""
    document = parse_document("".join(pieces).strip("\n") or "word")
    for token in document.tokens:
        children = token.get("children")
        if token["type"] != "paragraph" or not children:
            continue
        plain = unstyled_text(children)
        assert plain is not None
        expected = InlineWriter(document, ignore).rich_text(children)
        assert plain_rich_text(plain) == expected
