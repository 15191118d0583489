"""The preview page shows the post as Notion will, with the warnings `publish` would give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.poststats import load_post_stats
from recweekly.preview import render_post_page
from tests.helpers.html import elements, find
from tests.helpers.posts import PNG, write_post
from tests.helpers.preview import render_body

EVERYTHING = """\
<!-- recweekly:begin overview sha256=1234 -->
## Overview

Some **bold**, *italic*, ~~struck~~ and `inline <code>` text with $e^{i\\pi}$ and a note[^one].
See [the paper](https://arxiv.org/abs/2603.03988 "arXiv") and [last week](../posts/old.md).
<!-- recweekly:end overview -->

#### A deep heading

> [!WARNING]
> Numbers are **preliminary**.

> Just a quote.

<details>
<summary>Method details</summary>

Hidden *Markdown* inside.

</details>

- [x] read the paper
- [ ] write the take

1. first
2. second

| Model | Gain |
|---|---|
| SORT | +6% |
| Short |

```python
print("hi")
```

$$
\\sum_i x_i
$$

---

![A figure](../images/fig.png)

[^one]: The footnote text.
"""


@pytest.fixture
def post(blog: Path) -> Path:
    (blog / "images").mkdir()
    (blog / "images" / "fig.png").write_bytes(PNG)
    write_post(blog / "posts" / "old.md", "Old post.\n", slug="old-week", status="Published")
    return write_post(blog / "drafts" / "week.md", EVERYTHING, category="RecSys Weekly", tags=["ranking", "llm"])


def body_of(page: str) -> str:
    match = re.search(r"<article>(.*)</article>", page, re.S)
    assert match
    return match.group(1)


def test_every_feature_renders_as_notion_will_show_it(blog: Path, post: Path) -> None:
    page = render_post_page(load_config(blog), post)
    body = body_of(page.html)
    # Markers vanish from the article (the notices above it say these are broken); `####` is Notion's heading_4.
    assert "recweekly:" not in body and "<!--" not in page.html
    assert [e.text for e in find(body, "h2")] == ["Overview"]
    assert [e.text for e in find(body, "h4")] == ["A deep heading"]
    assert next(e.text for e in find(body, "strong")) == "bold"
    assert next(e.text for e in find(body, "em")) == "italic"
    assert [e.text for e in find(body, "del")] == ["struck"]
    assert "inline <code>" in [e.text for e in find(body, "code")]
    assert [e.text for e in find(body, "span", "math")] == ["e^{i\\pi}"]
    assert [e.text.strip() for e in find(body, "div", "math-block")] == ["\\sum_i x_i"]
    # The alert is a callout of its kind, without the [!WARNING] marker.
    (callout,) = find(body, "div", "callout")
    assert "callout-warning" in callout.classes
    assert "Numbers are preliminary." in callout.text and "[!" not in callout.text
    assert [e.text.strip() for e in find(body, "blockquote")] == ["Just a quote."]
    # <details> with its summary, Markdown inside rendered.
    (details,) = find(body, "details")
    assert find(body, "summary")[0].text == "Method details"
    assert "Hidden Markdown inside." in details.text
    # Task list: disabled checkboxes, checked state kept.
    boxes = find(body, "input")
    assert [b.attrs.get("type") for b in boxes] == ["checkbox", "checkbox"]
    assert all("disabled" in b.attrs for b in boxes)
    assert ["checked" in b.attrs for b in boxes] == [True, False]
    assert [e.text for e in find(body, "ol")[0].children] == ["first", "second"]
    # Table: header row + body rows, short row padded to the header's width.
    rows = find(body, "tr")
    assert [[c.text for c in r.children] for r in rows] == [["Model", "Gain"], ["SORT", "+6%"], ["Short", ""]]
    assert [c.tag for c in rows[0].children] == ["th", "th"]
    (code,) = find(body, "pre", "code")
    assert 'print("hi")' in code.text and "python" in code.text
    assert find(body, "hr")
    # Local image served by the preview server, alt text as its caption.
    (img,) = find(body, "img")
    assert img.attrs["src"] == "/images/fig.png" and img.attrs["alt"] == "A figure"
    # External link with its title; the post link falls back to the local preview (no site_url).
    links = {e.text: e.attrs for e in find(body, "a")}
    assert links["the paper"]["href"] == "https://arxiv.org/abs/2603.03988"
    assert links["the paper"]["title"] == "arXiv"
    assert links["last week"]["href"] == "/posts/old.md"
    # Footnotes: reference in the text, a Notes section at the end.
    assert find(body, "sup", "fnref")[0].text == "[1]"
    (notes,) = find(body, "section", "footnotes")
    assert find(body, "h3")[-1].text == "Notes"
    assert "[1]" in notes.text and "The footnote text." in notes.text
    assert body.rstrip().endswith("</section>")


def test_property_line_shows_date_category_tags_and_notionnext_word_count(blog: Path, post: Path) -> None:
    page = render_post_page(load_config(blog), post).html
    (title,) = find(page, "h1", "title")
    assert title.text == "A test week"
    (props,) = find(page, "div", "props")
    assert "2026-03-09" in props.text and "RecSys Weekly" in props.text
    assert [t.text for t in find(page, "span", "tag")] == ["ranking", "llm"]
    expected = load_post_stats(load_config(blog), post, "week.md")  # what `recweekly stats` says
    assert find(page, "span", "words")[0].text == f"Words {expected.words}"
    assert f"≈ {expected.reading_minutes} min" in find(page, "span", "minutes")[0].text


@pytest.mark.parametrize(("extra", "words"), [({}, 1), ({"password": "s3cret"}, 0)])
def test_word_count_is_notionnexts_joined_blocks_and_0_behind_a_password(
    blog: Path, extra: dict[str, str], words: int
) -> None:
    path = write_post(blog / "drafts" / "two.md", "alpha\n\nbeta\n", **extra)  # NotionNext reads "alphabeta"
    page = render_post_page(load_config(blog), path).html
    assert find(page, "span", "words")[0].text == f"Words {words}"
    assert "≈ 1 min" in find(page, "span", "minutes")[0].text


def test_the_post_is_parsed_once_for_body_warnings_and_word_count(
    blog: Path, post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recweekly.markdown import parser

    mistune = parser._get_parser()  # the one configured instance every parse goes through
    parsed: list[str] = []
    real = mistune.parse

    def spy(text: str, state: object = None) -> object:
        parsed.append(text)
        return real(text, state)

    monkeypatch.setattr(mistune, "parse", spy)
    page = render_post_page(load_config(blog), post)
    assert find(page.html, "details")  # the post was rendered in full…
    body = EVERYTHING
    assert parsed.count(body) == 1  # …from one parse (the rest are <summary> snippets)
    assert all(len(text) < 40 for text in parsed if text != body)


def test_a_front_matter_key_the_blog_declares_previews_as_it_publishes(blog: Path) -> None:
    (blog / "recweekly.toml").write_text('name = "T"\n[notion]\nproperties = { priority = "Priority" }\n',
                                         encoding="utf-8")
    path = write_post(blog / "drafts" / "p.md", "Body.\n", priority=2)
    assert find(render_post_page(load_config(blog), path).html, "h1", "title")[0].text == "A test week"


def test_chinese_post_uses_notionnext_labels_and_notes_heading(blog: Path) -> None:
    path = write_post(blog / "drafts" / "zh.md", "推荐系统周报正文[^1]。\n\n[^1]: 注释内容。\n", lang="zh")
    page = render_post_page(load_config(blog), path).html
    assert find(page, "span", "words")[0].text.startswith("字数 ")
    assert "分钟" in find(page, "span", "minutes")[0].text
    assert find(page, "section", "footnotes")[0].children[1].text == "注释"


def test_post_link_goes_to_the_blog_url_when_site_url_is_set(blog: Path, post: Path) -> None:
    (blog / "recweekly.toml").write_text('name = "T"\n[notion]\nsite_url = "https://blog.example.org/"\n',
                                         encoding="utf-8")
    page = render_post_page(load_config(blog), post).html
    links = {e.text: e.attrs for e in find(page, "a")}
    assert links["last week"]["href"] == "https://blog.example.org/article/old-week"


def test_link_to_a_missing_post_is_text_only_with_publish_warning(blog: Path) -> None:
    path = write_post(blog / "drafts" / "w.md", "See [gone](nowhere.md).\n")
    page = render_post_page(load_config(blog), path)
    assert "gone" not in [e.text for e in find(page.html, "a")]
    assert find(page.html, "span", "unlinked")[0].text == "gone"
    assert any("'nowhere.md' is not a published post" in w for w in page.warnings)


def test_title_and_tags_from_front_matter_are_escaped(blog: Path) -> None:
    path = write_post(blog / "drafts" / "x.md", "Body.\n", title='"<script>t()</script>"', tags=['"<b>x</b>"'])
    page = render_post_page(load_config(blog), path).html
    assert "<script>t()" not in page and "<b>x</b>" not in page
    assert find(page, "title")[0].text == "<script>t()</script>"
    assert find(page, "span", "tag")[0].text == "<b>x</b>"


def test_comments_and_region_markers_are_dropped_inline_and_as_blocks() -> None:
    md = "<!-- recweekly:begin roundup sha256=ff -->\nKept <!-- inline note --> text.\n<!-- recweekly:end roundup -->\n"
    result = render_body(md)
    assert "recweekly" not in result.body and "inline note" not in result.body and "<!--" not in result.body
    assert [e.text for e in find(result.body, "p")] == ["Kept  text."]
    assert result.warnings == []


def test_raw_html_warnings_are_the_notion_renderers_own() -> None:
    md = "# T\n\n<div>block</div>\n\nA <span>span</span> [x](#top) and [y](ftp://h/f).\n"
    context = DocumentContext()
    assert render_body(md, context).warnings == markdown_to_blocks(md, context).warnings
    assert len(render_body(md).warnings) == 5


def test_nested_details_and_unclosed_details_like_notion() -> None:
    md = ("<details><summary>Outer</summary>\n\n<details><summary>Inner</summary>\n\ninside\n\n</details>\n\n"
          "after\n\n</details>\n")
    body = render_body(md).body
    summaries = [e.text for e in find(body, "summary")]
    assert summaries == ["Outer", "Inner"]
    assert find(body, "details")[0].children[1].tag == "details"
    unclosed = render_body("<details>\n\nrest\n")
    assert find(unclosed.body, "summary")[0].text == "Details"
    assert any("never closed" in w for w in unclosed.warnings)


def test_external_images_are_not_fetched_and_missing_local_images_are_flagged(blog: Path) -> None:
    path = write_post(blog / "drafts" / "i.md", "![remote](https://e.com/r.png)\n\n![gone](nothere.png)\n")
    page = render_post_page(load_config(blog), path)
    assert not find(page.html, "img")
    assert find(page.html, "span", "external-image")[0].children[0].attrs["href"] == "https://e.com/r.png"
    assert "image not found: nothere.png" in find(page.html, "span", "missing-image")[0].text
    assert any("nothere.png" in w and "not found" in w for w in page.warnings)
    # Warnings are listed on the page as well.
    assert "nothere.png" in find(page.html, "details", "warnings")[0].text


def test_page_loads_only_the_servers_own_files_and_forbids_everything_else(blog: Path, post: Path) -> None:
    page = render_post_page(load_config(blog), post).html
    loaded = [e.attrs.get("src") or e.attrs.get("href") for e in elements(page) if e.tag in ("img", "script", "link")]
    assert loaded.pop(0) == "data:,"  # no favicon request either
    assert loaded == ["/_preview/static/katex/katex.min.css", "/_preview/static/preview.css", "/images/fig.png",
                      "/_preview/static/katex/katex.min.js", "/_preview/static/preview.js"]
    csp = [e.attrs["content"] for e in find(page, "meta") if e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script-src 'self';" in csp[0] and "unsafe" not in csp[0]
    assert all(not (e.text or "").strip() for e in find(page, "script"))  # no inline script
    assert not find(page, "style")  # no inline style either


