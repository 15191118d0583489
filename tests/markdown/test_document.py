"""One parse, sibling renderers: the document's decisions are shared, its warnings given once per render."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.notion import document_to_blocks, markdown_to_blocks
from recweekly.post import load_post
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


def test_rendering_a_document_again_gives_what_its_own_parse_gives() -> None:
    context = DocumentContext(resolve_post_link=resolve, notes_heading="注释")
    document = parse_document(BODY, context)
    blocks = document_to_blocks(document)
    again = document_to_blocks(document)
    fresh = markdown_to_blocks(BODY, context)
    assert blocks.blocks == again.blocks == fresh.blocks
    assert blocks.warnings == again.warnings == fresh.warnings  # one list per render, never accumulated


def test_the_documents_decisions_reach_the_blocks() -> None:
    document = parse_document(BODY, DocumentContext(resolve_post_link=resolve, notes_heading="注释"))
    blocks = document_to_blocks(document).blocks
    callout = next(b for b in blocks if b["type"] == "callout")
    runs = callout["callout"]["rich_text"]
    links = [r["text"].get("link", {}).get("url") for r in runs if r["type"] == "text"]
    assert [u for u in links if u] == ["https://arxiv.org/abs/2603.03988", "https://blog.example/article/other"]
    assert "there" in "".join(r["text"]["content"] for r in runs)  # an in-page link keeps its text only
    assert callout["callout"]["icon"]["emoji"] == "💡"
    toggle = next(b for b in blocks if b["type"] == "toggle")
    assert toggle["toggle"]["rich_text"][0]["text"]["content"] == "Method"
    assert "推荐系统" in str(toggle)
    assert blocks[-2]["heading_3"]["rich_text"][0]["text"]["content"] == "注释"
    assert all("marker" not in str(b) for b in blocks)


def test_context_of_a_post_file_names_its_footnotes_and_counts_its_front_matter(tmp_path: Path) -> None:
    path = write_post(tmp_path / "posts" / "w.md", "a[^1]\n\n<div>x</div>\n\n[^1]: n\n", lang="zh")
    post = load_post(path)
    document = parse_document(post.body, DocumentContext.for_post(post, tmp_path))
    result = document_to_blocks(document)
    assert result.warnings == ["posts/w.md:11: raw HTML kept as text: <div>x</div>"]
    assert path.read_text(encoding="utf-8").splitlines()[10] == "<div>x</div>"
    assert any(b["type"] == "heading_3" and b["heading_3"]["rich_text"][0]["text"]["content"] == "注释"
               for b in result.blocks)
