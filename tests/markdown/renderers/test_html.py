"""Notion blocks → HTML: the preview draws exactly what the Notion page holds, as react-notion-x draws it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.placeholders import placeholder
from recweekly.markdown.renderers.html import HtmlOptions, HtmlRendering, blocks_to_html
from recweekly.markdown.renderers.notion import document_to_blocks, markdown_to_blocks
from recweekly.post import parse_post
from tests.helpers.html import elements, find
from tests.helpers.paths import REPO
from tests.helpers.posts import PNG
from tests.helpers.sample_posts import EVERY_FEATURE, weekly_post

Block = dict[str, Any]


def html_of(markdown: str, context: DocumentContext | None = None, **options: Any) -> HtmlRendering:
    """What the preview shows of a body: its Notion blocks (as publish sends them) drawn as HTML."""
    return blocks_to_html(markdown_to_blocks(markdown, context).blocks, HtmlOptions(**options))


def body_of(markdown: str) -> str:
    return html_of(markdown).body


def text(value: str, **annotations: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "text", "text": {"content": value}}
    if annotations:
        item["annotations"] = annotations
    return item


def block(kind: str, **content: Any) -> Block:
    return {"object": "block", "type": kind, kind: content}


HOSTILE = """\
Text <script>alert(1)</script> & more.

[click](https://example.com) ![<img src=x onerror=alert(1)>](https://e.com/a.png)

`<script>code()</script>`

```
</code><script>block()</script>
```

<script>alert("block")</script>

[bad](javascript:alert(1)) [data](data:text/html,<script>1</script>)
"""


def test_everything_is_escaped_and_no_markup_is_injected() -> None:
    body = body_of(HOSTILE)
    tags = {e.tag for e in elements(body)}
    assert "script" not in tags and "img" not in tags  # the only <img> could come from the alt text
    assert "<script" not in body.lower()
    assert all(str(e.attrs.get("href")).startswith("https://") for e in find(body, "a"))
    shown = [e.text for e in find(body, "div", "notion-text")]
    assert "Text <script>alert(1)</script> & more." in shown  # raw HTML is visible text, as on Notion
    assert '<script>alert("block")</script>' in shown
    assert "</code><script>block()</script>" in find(body, "code")[-1].text


def test_a_link_notion_holds_but_the_web_cannot_follow_is_not_a_link() -> None:
    blocks = [block("paragraph", rich_text=[{"type": "text", "text": {"content": "x", "link": {"url": "javascript:1"}}},
                                            {"type": "text", "text": {"content": "y", "link": {"url": "/0123abcd"}}}])]
    body = blocks_to_html(blocks).body
    assert not find(body, "a") and "javascript" not in body.split("title=")[0]
    assert [e.text for e in find(body, "span", "unfollowed")] == ["x", "y"]


def test_entities_in_text_show_as_characters_and_never_become_tags() -> None:
    body = body_of("1 < 2 && &lt;b&gt;not bold&lt;/b&gt; &amp; done &copy AT&T\n")
    assert not find(body, "b")
    assert find(body, "div", "notion-text")[0].text == "1 < 2 && <b>not bold</b> & done &copy AT&T"


def test_styles_are_react_notion_x_elements() -> None:
    body = body_of("**b** *i* ~~s~~ `c` [l](https://e.com/x)\n")
    assert [(e.tag, e.text) for e in elements(body) if e.tag != "div"] == [
        ("b", "b"), ("em", "i"), ("s", "s"), ("code", "c"), ("a", "l")]
    assert find(body, "code")[0].classes == ["notion-inline-code"] and find(body, "a")[0].classes == ["notion-link"]
    styled = [text("u", underline=True, bold=True, color="red_background")]
    span = find(blocks_to_html([block("paragraph", rich_text=styled)]).body, "span")[0]
    assert span.classes == ["notion-red_background"] and span.children[0].classes == ["notion-inline-underscore"]
    assert span.children[0].children[0].tag == "b"


def test_every_alert_is_a_callout_with_its_emoji_and_colour() -> None:
    kinds = {"NOTE": ("ℹ️", "blue"), "TIP": ("💡", "green"), "IMPORTANT": ("❗", "purple"),
             "WARNING": ("⚠️", "yellow"), "caution": ("🛑", "red")}
    callouts = find(body_of("\n\n".join(f"> [!{k}]\n> body {k}" for k in kinds) + "\n"), "div", "notion-callout")
    assert [(c.children[0].text, c.classes[1]) for c in callouts] == [
        (emoji, f"notion-{colour}_background_co") for emoji, colour in kinds.values()]
    assert [c.children[1].text for c in callouts] == [f"body {k}" for k in kinds]


def test_a_quote_shows_its_no_break_space_lead_and_an_empty_quote_nothing() -> None:
    (quote,) = find(body_of("> - a quote that starts with a list\n"), "blockquote", "notion-quote")
    assert quote.children[0].text == "\u00a0" and quote.children[1].tag == "ul"
    assert blocks_to_html([block("quote", rich_text=[]), block("quote", rich_text=[text("said")])]).body == (
        '\n<blockquote class="notion-quote"><div>said</div></blockquote>\n')


def test_cjk_lines_join_without_a_space_and_a_hard_break_stays_a_line_break() -> None:
    body = body_of("推荐\n系统\n\nword\nwrap\n\nhard  \nbreak\n")
    assert [e.text for e in find(body, "div", "notion-text")] == ["推荐系统", "word wrap", "hard\nbreak"]


def test_an_image_in_a_heading_or_a_table_cell_shows_its_alt_text() -> None:
    body = body_of("# Title ![logo](https://e.com/l.png)\n\n| a |\n|---|\n| ![cell](https://e.com/c.png) |\n")
    assert find(body, "h2")[0].text == "Title logo"
    assert find(body, "td")[1].text == "cell"


def test_a_long_equation_is_the_latex_code_block_notion_gets() -> None:
    body = body_of(f"$$\n{'x+' * 600}\n$$\n")
    assert not find(body, "div", "math-block")
    (code,) = find(body, "pre", "notion-code")
    assert "language-latex" in code.classes and code.children[0].text == "latex"


def test_equations_keep_their_tex_for_katex_and_say_which_kind_they_are() -> None:
    rendering = html_of("Inline $a<b$ here.\n\n$$\n\\frac{1}{2}\n$$\n")
    (inline,) = find(rendering.body, "span", "math")
    assert inline.attrs["data-tex"] == "a<b" and inline.text == "a<b"  # escaped in both places
    assert "notion-equation-inline" in inline.classes
    (equation,) = find(rendering.body, "div", "math-block")
    assert equation.attrs["data-tex"] == "\\frac{1}{2}" and "notion-equation-block" in equation.classes
    assert rendering.has_math
    assert not html_of("No math, $5 and $6.\n").has_math


def test_headings_are_drawn_one_level_down_with_unique_anchors_for_the_contents() -> None:
    rendering = html_of("## Weekly Overview\n\n### Why it *matters*\n\n### Why it matters\n\n"
                        "## 本周概览\n\n## !!!\n\n##### five\n")
    assert [(h.level, h.text, h.anchor) for h in rendering.headings] == [
        (2, "Weekly Overview", "weekly-overview"), (3, "Why it matters", "why-it-matters"),
        (3, "Why it matters", "why-it-matters-1"), (2, "本周概览", "本周概览"), (2, "!!!", "section"),
        (4, "five", "five")]
    shown = [e for e in elements(rendering.body) if e.tag in ("h3", "h4", "h5")]  # the page title is the h1
    assert [(e.tag, e.classes[1], e.attrs["id"]) for e in shown] == [
        ("h3", "notion-h2", "weekly-overview"), ("h4", "notion-h3", "why-it-matters"),
        ("h4", "notion-h3", "why-it-matters-1"), ("h3", "notion-h2", "本周概览"), ("h3", "notion-h2", "section"),
        ("h5", "notion-h4", "five")]


def test_todos_and_fallbacks_are_highlighted_with_ids_numbered_from_the_top() -> None:
    markdown = ("TODO: write the overview.\n\n⟦en→zh TODO:\n\n#### Why it **matters**\n\nFirst paper.\n\n⟧\n\n"
                "`TODO: in code` and ⟦zh→en TODO: 中文⟧.\n")
    blocks = markdown_to_blocks(markdown).blocks
    rendering = blocks_to_html(blocks, front=["Title", "TODO: one-sentence summary"])
    assert rendering.front == ["Title", '<mark class="todo" id="todo-1">TODO: one-sentence summary</mark>']
    assert rendering.marks == [("todo", "todo-1"), ("todo", "todo-2"), ("fallback", "fallback-1"),
                               ("todo", "todo-3"), ("fallback", "fallback-2")]
    marked = find(rendering.body, "mark")
    assert [m.attrs.get("id") for m in marked if m.attrs.get("id")] == ["todo-2", "fallback-1", "todo-3", "fallback-2"]
    inside = {m.text for m in marked if "fallback" in m.classes}
    assert {"Why it ", "matters", "First paper."} <= inside  # every piece of the block fallback is marked
    assert "write the overview." in next(m.text for m in marked if m.attrs.get("id") == "todo-2")


def test_lists_are_numbered_from_one_as_on_notion_and_nested_inside_their_item() -> None:
    body = body_of("3. third\n4. fourth\n   - inner\n\nbetween\n\n7. again\n")
    first, second = find(body, "ol", "notion-list-numbered")
    assert "start" not in first.attrs and [li.text for li in first.children] == ["third", "fourthinner"]
    assert first.children[1].children[0].tag == "ul" and [li.text for li in second.children] == ["again"]


def test_tasks_tables_toggles_and_dividers_are_drawn_like_react_notion_x() -> None:
    body = body_of("- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| c |\n\n<details>\n<summary>More</summary>\n\n"
                   "Inside.\n\n</details>\n\n---\n")
    todos = find(body, "div", "notion-to-do")
    assert [("checked" in t.children[0].children[0].children[0].attrs, t.text) for t in todos] == [
        (True, "done"), (False, "open")]
    assert "notion-to-do-checked" in find(body, "div", "notion-to-do-body")[0].classes
    rows = find(body, "tr")
    assert "notion-simple-table-header-row" in rows[0].classes
    assert [[c.text for c in r.children] for r in rows] == [["a", "b"], ["c", ""]]  # a short row padded
    (toggle,) = find(body, "details", "notion-toggle")
    assert toggle.children[0].text == "More" and toggle.children[1].text == "Inside."
    assert find(body, "hr", "notion-hr")


def test_captions_and_code_languages_are_what_the_notion_page_holds() -> None:
    body = body_of('![A cat](https://e.com/c.png "Figure 2")\n\n```zig\nx\n```\n\n```py\ny\n```\n')
    assert [e.text for e in find(body, "figcaption", "notion-asset-caption")] == ["A cat — Figure 2", "zig"]
    assert [e.children[0].text for e in find(body, "pre", "notion-code")] == ["plain text", "python"]
    assert "language-python" in find(body, "pre", "notion-code")[1].classes


def test_external_images_are_links_never_requests_and_local_ones_go_through_image_url(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "fig.png").write_bytes(PNG)
    context = DocumentContext(source_path=tmp_path / "post.md", repo_root=tmp_path)
    seen: list[str] = []

    def image_url(relative: str) -> str | None:
        seen.append(relative)
        return f"/served/{relative}"

    body = html_of("![remote](https://e.com/r.png)\n\n![fig](img/fig.png)\n", context, image_url=image_url).body
    remote = find(body, "figure", "notion-asset-wrapper-image")[0].children[0]
    assert remote.text == "image not loaded in the preview: https://e.com/r.png"
    assert remote.children[0].attrs["href"] == "https://e.com/r.png"
    (img,) = find(body, "img")
    assert (img.attrs["src"], img.attrs["alt"], seen) == ("/served/img/fig.png", "fig", ["img/fig.png"])
    gone = blocks_to_html(markdown_to_blocks("![fig](img/fig.png)\n", context).blocks,
                          HtmlOptions(image_url=lambda relative: None)).body
    assert find(gone, "div", "notion-asset-missing")[0].text == "image not found: img/fig.png"


PLACEHOLDERS = [
    block("bookmark", url="https://example.com/page", caption=[text("worth a read")]),
    block("embed", url="https://example.com/widget"),
    block("video", type="external", external={"url": "https://youtu.be/x"}),
    block("column_list", children=[block("column", children=[block("paragraph", rich_text=[text("left")])]),
                                   block("column", children=[block("paragraph", rich_text=[text("right")])])]),
    block("heading_2", rich_text=[text("Folded")], is_toggleable=True,
          children=[block("paragraph", rich_text=[text("under it")])]),
    block("callout", rich_text=[text("own emoji")], icon={"type": "emoji", "emoji": "🧪"}, color="gray_background"),
    block("paragraph", rich_text=[{"type": "mention", "mention": {"type": "date", "date": {"start": "2026-03-09"}}}]),
    block("table_of_contents"),
    block("breadcrumb"),
]


def test_placeholders_kept_in_a_post_are_drawn_visibly() -> None:
    markdown = "# Top\n\n" + "\n\n".join(placeholder(b) for b in PLACEHOLDERS) + "\n"
    body = body_of(markdown)
    bookmark = find(body, "a", "notion-bookmark")[0]
    assert bookmark.attrs["href"] == "https://example.com/page" and "example.com" in bookmark.text
    assert "worth a read" in [e.text for e in find(body, "figcaption")]
    assert [e.text for e in find(body, "div", "notion-asset-external")] == [
        "embed not loaded in the preview: https://example.com/widget",
        "video not loaded in the preview: https://youtu.be/x"]
    assert [c.text for c in find(body, "div", "notion-column")] == ["left", "right"]
    (folded,) = find(body, "details", "notion-toggle")
    assert folded.children[0].text == "Folded" and folded.children[1].text == "under it"
    assert any(c.children[0].text == "🧪" for c in find(body, "div", "notion-gray_background_co"))
    assert find(body, "span", "notion-mention")[0].text == "2026-03-09"
    toc = find(body, "div", "notion-table-of-contents")[0]
    assert [a.attrs["href"] for a in toc.children] == ["#top", "#folded"]  # headings after it too
    assert "breadcrumb" in find(body, "div", "notion-unsupported")[0].text
    assert "notion:" not in body


def test_response_form_blocks_draw_as_their_request_form() -> None:
    def answered(item: dict[str, Any]) -> dict[str, Any]:
        flags = {"bold": False, "italic": False, "strikethrough": False, "underline": False, "code": False,
                 "color": "default", **item.get("annotations", {})}
        content = item["text"]["content"]
        link = item["text"].get("link")
        return {**item, "annotations": flags, "plain_text": content, "href": link["url"] if link else None}

    request = markdown_to_blocks("Some **bold** and [a link](https://e.com) text.\n").blocks
    response = json.loads(json.dumps(request))
    response[0]["paragraph"]["rich_text"] = [answered(i) for i in response[0]["paragraph"]["rich_text"]]
    response[0].update(id="b1", has_children=False)
    assert blocks_to_html(response).body == blocks_to_html(request).body


def corpus() -> dict[str, str]:
    posts = {"every feature": EVERY_FEATURE, "generated weekly": weekly_post()}
    for path in sorted([*(REPO / "drafts").glob("*.md"), *(REPO / "posts").glob("**/*.md")]):
        post, _ = parse_post(path.read_text(encoding="utf-8"), path)
        assert post is not None
        posts[path.relative_to(REPO).as_posix()] = post.body
    return posts


def _runs(blocks: list[Block]) -> list[str]:
    """Every piece of text the blocks hold (rich text, captions, expressions), in order."""
    found: list[str] = []
    for item in blocks:
        content = item[item["type"]]
        for key in ("rich_text", "caption"):
            found += [r.get("text", {}).get("content") or r.get("equation", {}).get("expression", "")
                      for r in content.get(key, [])]
        found += [r["text"]["content"] for cell in content.get("cells", []) for r in cell]
        found.append(content.get("expression", ""))
        found += _runs(content.get("children", []))
    return [piece.strip() for piece in found if piece.strip()]


@pytest.mark.parametrize("name", sorted(corpus()))
def test_every_piece_of_text_notion_holds_is_on_the_preview_page(name: str) -> None:
    document = parse_document(corpus()[name], DocumentContext(resolve_post_link=lambda href: "https://b.example/x"))
    blocks = document_to_blocks(document).blocks
    (page,) = find(f"<article>{blocks_to_html(blocks).body}</article>", "article")
    pieces = _runs(blocks)
    assert len(pieces) > 10 and [piece for piece in pieces if piece not in page.text] == []
