"""One parse, sibling renderers: the document's decisions are shared, its warnings given once per render."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.html import document_to_html, markdown_to_html
from recweekly.markdown.renderers.notion import document_to_blocks, markdown_to_blocks
from recweekly.post import load_post
from tests.helpers.html import find
from tests.helpers.posts import write_post

BODY = """\
# Week <!-- marker -->

> [!TIP]
> Read [this](https://arxiv.org/abs/2603.03988) and [that](other.md), not [there](#top).

<details>
<summary>Method</summary>

Inside **bold**, 推荐
系统 and a note[^1].

</details>

| a | b |
|---|---|
| ![fig](https://e.com/f.png) |

<div>raw</div>

[^1]: The note.
"""


def resolve(href: str) -> str | None:
    return "https://blog.example/article/other" if href == "other.md" else None


def test_every_renderer_of_one_document_gives_what_its_own_parse_gives() -> None:
    context = DocumentContext(resolve_post_link=resolve, notes_heading="注释")
    document = parse_document(BODY, context)
    blocks = document_to_blocks(document)
    html = document_to_html(document)
    again = document_to_blocks(document)  # after the HTML render of the same tokens
    fresh = markdown_to_blocks(BODY, context)
    assert blocks.blocks == again.blocks == fresh.blocks
    assert blocks.warnings == again.warnings == fresh.warnings  # one list per render, never accumulated
    assert html == markdown_to_html(BODY, context)


def test_both_renderers_take_the_same_decisions_from_the_document() -> None:
    document = parse_document(BODY, DocumentContext(resolve_post_link=resolve, notes_heading="注释"))
    blocks = document_to_blocks(document).blocks
    html = document_to_html(document)
    callout = next(b for b in blocks if b["type"] == "callout")
    links = [r["text"].get("link", {}).get("url") for r in callout["callout"]["rich_text"] if r["type"] == "text"]
    hrefs = [e.attrs["href"] for e in find(html, "a") if "fnref" not in (e.attrs.get("id") or "")]
    assert [u for u in links if u] == hrefs[:2] == ["https://arxiv.org/abs/2603.03988",
                                                   "https://blog.example/article/other"]
    assert [e.text for e in find(html, "span", "unlinked")] == ["there"]
    assert callout["callout"]["icon"]["emoji"] == find(html, "span", "callout-icon")[0].text
    toggle = next(b for b in blocks if b["type"] == "toggle")
    assert toggle["toggle"]["rich_text"][0]["text"]["content"] == find(html, "summary")[0].text == "Method"
    assert "推荐系统" in find(html, "details")[0].text
    assert blocks[-2]["heading_3"]["rich_text"][0]["text"]["content"] == find(html, "h3")[-1].text == "注释"
    assert "marker" not in html and all("marker" not in str(b) for b in blocks)


def test_the_html_renderer_gives_no_warnings_of_its_own() -> None:
    document = parse_document(BODY)
    document_to_html(document)
    assert document_to_blocks(document).warnings == markdown_to_blocks(BODY).warnings


def test_context_of_a_post_file_names_its_footnotes_and_counts_its_front_matter(tmp_path: Path) -> None:
    path = write_post(tmp_path / "posts" / "w.md", "a[^1]\n\n<div>x</div>\n\n[^1]: n\n", lang="zh")
    post = load_post(path)
    document = parse_document(post.body, DocumentContext.for_post(post, tmp_path))
    result = document_to_blocks(document)
    assert result.warnings == ["posts/w.md:11: raw HTML kept as text: <div>x</div>"]
    assert path.read_text(encoding="utf-8").splitlines()[10] == "<div>x</div>"
    assert any(b["type"] == "heading_3" and b["heading_3"]["rich_text"][0]["text"]["content"] == "注释"
               for b in result.blocks)
