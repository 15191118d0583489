"""The HTML renderer shows what Notion will show and escapes everything (the preview's article body)."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown import parse_document
from recweekly.markdown.renderers.html import markdown_to_html, render_html
from tests.helpers.html import elements, find

HOSTILE = """\
Text <script>alert(1)</script> & more.

[click](https://example.com "<script>x</script>\\"") ![<img src=x onerror=alert(1)>](https://e.com/a.png)

`<script>code()</script>`

```
</code><script>block()</script>
```

<script>alert("block")</script>

[bad](javascript:alert(1)) [data](data:text/html,<script>1</script>)
"""


def test_everything_is_escaped_and_no_markup_is_injected() -> None:
    body = markdown_to_html(HOSTILE)
    tags = {e.tag for e in elements(body)}
    assert "script" not in tags and "img" not in tags  # the only <img> could come from the alt text
    assert "<script" not in body.lower()
    assert "javascript:" not in " ".join(str(e.attrs.get("href")) for e in find(body, "a"))
    text = "".join(e.text for e in elements(body) if e.tag == "p")
    assert "<script>alert(1)</script>" in text  # shown as visible text
    assert '<script>alert("block")</script>' in [e.text for e in find(body, "p", "raw-html")]
    (link,) = [e for e in find(body, "a") if e.text == "click"]
    assert link.attrs["title"] == '<script>x</script>"'
    assert "</code><script>block()</script>" in find(body, "code")[-1].text


def test_entities_in_text_show_as_characters_and_never_become_tags() -> None:
    body = markdown_to_html("1 < 2 && &lt;b&gt;not bold&lt;/b&gt; &amp; done\n")
    assert not find(body, "b")
    assert find(body, "p")[0].text == "1 < 2 && <b>not bold</b> & done"


def test_all_alert_kinds_become_callouts_and_lowercase_marker_works() -> None:
    kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "caution"]
    md = "\n\n".join(f"> [!{k}]\n> body {k}" for k in kinds) + "\n"
    callouts = find(markdown_to_html(md), "div", "callout")
    assert [c.classes[1] for c in callouts] == [f"callout-{k.lower()}" for k in kinds]
    assert not find(markdown_to_html(md), "blockquote")


def test_cjk_lines_join_without_a_space_and_latin_lines_with_one() -> None:
    body = markdown_to_html("推荐\n系统\n\nword\nwrap\n")
    assert [e.text for e in find(body, "p")] == ["推荐系统", "word\nwrap"]


def test_br_and_image_in_heading_and_table_cell_show_alt_text(blog: Path) -> None:
    md = "# Title ![logo](https://e.com/l.png)\n\n| a |\n|---|\n| ![cell](https://e.com/c.png) |\n\nline<br>next\n"
    body = markdown_to_html(md)
    assert find(body, "h1")[0].text == "Title logo"
    assert find(body, "td")[0].text == "cell"
    assert find(body, "br")


def test_long_equation_falls_back_to_latex_code_like_notion() -> None:
    expression = "x+" * 600
    body = markdown_to_html(f"$$\n{expression}\n$$\n")
    assert not find(body, "div", "math-block")
    assert "latex" in find(body, "pre", "code")[0].text


def test_equations_keep_their_tex_for_katex_and_say_which_kind_they_are() -> None:
    rendering = render_html(parse_document("Inline $a<b$ here.\n\n$$\n\\frac{1}{2}\n$$\n"))
    (inline,) = find(rendering.body, "span", "math")
    assert inline.attrs["data-tex"] == "a<b" and inline.text == "a<b"  # escaped in both places
    (block,) = find(rendering.body, "div", "math-block")
    assert block.attrs["data-tex"] == "\\frac{1}{2}"
    assert rendering.has_math
    assert not render_html(parse_document("No math, $5 and $6.\n")).has_math


def test_headings_get_unique_anchors_and_make_the_table_of_contents() -> None:
    rendering = render_html(parse_document("## Weekly Overview\n\n### Why it *matters*\n\n### Why it matters\n\n"
                                           "## 本周概览\n\n## !!!\n"))
    assert [(h.level, h.text, h.anchor) for h in rendering.headings] == [
        (2, "Weekly Overview", "weekly-overview"), (3, "Why it matters", "why-it-matters"),
        (3, "Why it matters", "why-it-matters-1"), (2, "本周概览", "本周概览"), (2, "!!!", "section")]
    assert [e.attrs["id"] for e in elements(rendering.body) if e.tag in ("h2", "h3")] == [
        h.anchor for h in rendering.headings]


def test_todos_and_fallbacks_are_highlighted_with_ids_numbered_from_the_top() -> None:
    markdown = ("TODO: write the overview.\n\n⟦en→zh TODO:\n\n#### Why it **matters**\n\nFirst paper.\n\n⟧\n\n"
                "`TODO: in code` and ⟦zh→en TODO: 中文⟧.\n")
    rendering = render_html(parse_document(markdown), front=["Title", "TODO: one-sentence summary"])
    assert rendering.front == ["Title", '<mark class="todo" id="todo-1">TODO: one-sentence summary</mark>']
    assert rendering.marks == [("todo", "todo-1"), ("todo", "todo-2"), ("fallback", "fallback-1"),
                               ("todo", "todo-3"), ("fallback", "fallback-2")]
    marked = find(rendering.body, "mark")
    assert [m.attrs.get("id") for m in marked if m.attrs.get("id")] == ["todo-2", "fallback-1", "todo-3", "fallback-2"]
    inside = {m.text for m in marked if "fallback" in m.classes}
    assert {"Why it ", "matters", "First paper."} <= inside  # every piece of the block fallback is marked
    assert "write the overview." in next(m.text for m in marked if m.attrs.get("id") == "todo-2")


def test_a_numbered_list_shows_the_numbers_notion_will_show() -> None:
    """A Notion request cannot set where numbering starts: the page shows 1, 2 — so does the preview."""
    (ol,) = find(markdown_to_html("3. third\n4. fourth\n"), "ol")
    assert "start" not in ol.attrs and [li.text for li in ol.children] == ["third", "fourth"]


def test_headings_stop_at_h4_like_notions() -> None:
    body = markdown_to_html("#### four\n\n##### five\n\n###### six\n")
    assert [e.text for e in find(body, "h4")] == ["four", "five", "six"]
    assert not find(body, "h5") and not find(body, "h6")


def test_captions_and_text_show_what_the_notion_page_holds() -> None:
    body = markdown_to_html('![A cat](https://e.com/c.png "Figure 2")\n\n```zig\nx\n```\n\n&copy &copy; AT&T\n')
    assert [e.text for e in find(body, "span", "caption")] == ["A cat — Figure 2", "zig"]
    assert find(body, "p")[-1].text == "&copy © AT&T"
