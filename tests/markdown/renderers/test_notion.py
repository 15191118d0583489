"""recweekly/markdown/renderers/notion (`markdown_to_blocks`, the renderer `publish` sends), end to end.

One weekly post using every feature, converted (shape and text, not a JSON blob); every bench and
fixture post byte for byte against golden blocks; and the property that any Markdown converts within
Notion's limits, losing no visible word."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recweekly.errors import PostContentError
from recweekly.markdown import DocumentContext, parse_markdown
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.markdown.renderers.notion.richtext import utf16_len
from tests.contract.validate import request_slice
from tests.helpers.notion_blocks import (
    all_text,
    children,
    content,
    convert,
    rich_text_arrays,
    runs,
    text,
    top_types,
    walk,
)
from tests.helpers.sample_posts import EVERY_FEATURE, weekly_post

FIXTURE = Path(__file__).parent / "notion" / "fixtures"  # the renderer's posts and goldens
POST = FIXTURE / "posts" / "2026-w10.md"


def render():
    context = DocumentContext(
        source_path=POST,
        repo_root=FIXTURE,
        resolve_post_link=lambda href: "https://blog.example/article/2026-w09" if href == "2026-w09.md" else None,
    )
    return convert(POST.read_text(encoding="utf-8"), context)


def test_top_level_shape() -> None:
    assert top_types(render().blocks) == [
        "heading_1",
        "paragraph",
        "heading_2",
        "table",
        "heading_3",
        "numbered_list_item",
        "numbered_list_item",
        "callout",
        "quote",
        "equation",
        "image",
        "image",
        "code",
        "heading_4",
        "toggle",
        "paragraph",
        "divider",
        "divider",
        "heading_3",
        "paragraph",
    ]


def test_text_and_structure() -> None:
    result = render()
    b = result.blocks
    assert text(b[0]) == "Weekly recap: ranking models go generative"
    assert text(b[1]).startswith("This week we read 14 papers. The clearest trend: generative retrieval")
    assert text(b[1]).endswith(
        "Compare with last week's the previous recap and the loss \\mathcal{L}_{BPR}.\n"
        "A second line after a hard break[1]."
    )
    links = [i["text"]["link"]["url"] for i in runs(b[1]) if i.get("text", {}).get("link")]
    assert links == ["https://example.org/blog/semantic-ids", "https://blog.example/article/2026-w09"]
    assert [i["annotations"] for i in runs(b[1]) if "semantic IDs" in i.get("text", {}).get("content", "")] == [
        {"bold": True, "italic": True}
    ]
    assert any(i["type"] == "equation" for i in runs(b[1]))

    table = content(b[3])
    assert (table["table_width"], table["has_column_header"]) == (4, True)
    assert [text(r) for r in children(b[3])] == [
        "Category | Papers | Industry share | ",
        "Generative rec | 6 | 67% | ",
        "Discriminative rec | 5 |  | ",
        "LLM | 3 | 33% | extra",
    ]

    sort = b[5]
    assert text(sort) == "SORT — sequence-order-aware ranking."
    (online,) = children(sort)
    assert [(t["type"], content(t)["checked"]) for t in children(online)] == [("to_do", True), ("to_do", False)]
    assert runs(b[6])[0]["annotations"] == {"code": True}

    assert content(b[7])["icon"]["emoji"] == "❗" and text(b[7]) == "The A/B numbers are self-reported."
    assert [text(x) for x in children(b[8])] == ["— overheard at a reading group"]
    assert content(b[9])["expression"].startswith("\\mathrm{NDCG@k}")
    assert content(b[10])["file_upload"]["id"] == "local:posts/img/ctr-trend.png"
    assert content(b[11])["external"]["url"] == "https://cdn.example.org/arch.png"
    assert content(b[12])["language"] == "python"
    assert text(b[13]) == "A detail heading"
    assert text(b[14]) == "How we score papers"
    assert text(b[15]) == '<span class="badge">beta</span> marks experimental sections.'
    assert text(b[18]) == "Notes" and text(b[19]) == "[1] Online results as reported by the authors."
    assert result.local_images == [(FIXTURE / "posts" / "img" / "ctr-trend.png").resolve()]


def test_warnings_name_the_file_and_line_of_raw_html_only() -> None:
    warnings = render().warnings
    assert len(warnings) == 2  # <span> and </span>; region markers are silent
    assert all(w.startswith("posts/2026-w10.md:58: raw HTML kept as text") for w in warnings)


def test_no_region_marker_or_alert_syntax_leaks_into_the_page() -> None:
    everything = str(render().blocks)
    assert "recweekly:" not in everything and "[!IMPORTANT]" not in everything


def test_whole_post_fits_one_request_after_depth_split() -> None:
    blocks = render().blocks
    assert max(depth for depth, _ in walk(blocks)) == 2  # list > sub-list > to-dos: exactly a request's depth
    assert request_slice(blocks) == blocks


# -- Every bench and fixture post converts to exactly the blocks recorded in golden/ (byte for byte).
#
# Why: the converter is tuned for speed (bench/blocks_throughput.py); a faster renderer that changes
# one annotation or one cut between runs would rewrite blocks on every published page. The goldens
# were recorded before the tuning; regenerate them only for an intended change of output:
#
#     UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/markdown/renderers/test_notion.py -q

GOLDEN = FIXTURE.parent / "golden"


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


# -- Property: any Markdown converts, within Notion's limits, losing no visible word.

# Schema validation of every example dominates the run time, so structured documents get fewer
# examples in the suite; 1,500 of each passed when the renderer was written (raise locally to dig).
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_ALERT_MARKER = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)  # becomes the icon

# -- an independent reading of "the visible text of the input": a plain walk over the AST -------


def visible_text(tokens: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for token in tokens:
        kind = token["type"]
        raw = token.get("raw", "")
        if kind == "text":
            out.append(html.unescape(raw))
        elif kind in ("inline_html", "block_html"):
            out.append(html.unescape(_TAG.sub(" ", _COMMENT.sub(" ", raw))))
        elif kind in ("codespan", "block_code", "inline_math", "block_math"):
            out.append(raw)
        elif kind == "footnote_ref":
            out.append(str(token.get("attrs", {}).get("index", "")))
        out.append(" ")
        out.append(visible_text(token.get("children", [])))
    return "".join(out)


def check_limits_and_text(markdown: str) -> None:
    try:
        result = convert(markdown)  # also validates the first request against the Notion schema
    except PostContentError as exc:
        # generated text can spell an image whose target is a relative path that does not exist:
        # refusing it (naming the image) is the promised behaviour, not a crash
        assert "![" in markdown, exc
        assert exc.problems and all("image" in p.message for p in exc.problems), exc
        return
    for items in rich_text_arrays(result.blocks):
        assert len(items) <= 100
        for item in items:
            if item["type"] == "equation":
                assert len(item["equation"]["expression"]) <= 1000
            else:
                assert utf16_len(item["text"]["content"]) <= 2000
                link = item["text"].get("link")
                assert link is None or len(link["url"]) <= 2000
    for _, block in walk(result.blocks):
        if block["type"] == "equation":
            assert len(content(block)["expression"]) <= 1000
    output = all_text(result.blocks)
    expected = _ALERT_MARKER.sub(" ", visible_text(parse_markdown(markdown)))
    seen = set(_WORD.findall(output))  # fast path; substring search covers words cut across runs
    missing = [w for w in set(_WORD.findall(expected)) if w not in seen and w not in output]
    assert not missing, f"words lost: {missing[:10]}"


# -- strategies -------------------------------------------------------------------------------------

MARKDOWN_PUNCTUATION = "*_~`[]()!#>|$\\<&-+=:^\"'{}/."
letters = st.sampled_from(list("abcxyzABC0123456789") + list("中文推荐系统模型") + ["😀", "👍🏽", "é"])
word = st.lists(letters, min_size=1, max_size=12).map("".join)
long_word = st.integers(min_value=1900, max_value=4500).map(lambda n: "w" * n)
url = st.sampled_from(
    ["https://example.org/a", "https://x.org/p?q=1&r=2", "other.md", "../posts/x.md#h", "#sec", "mailto:a@b.c"]
)


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 13 if depth < 2 else 3))
        w = draw(word)
        if kind <= 1:
            parts.append(w)
        elif kind == 2:
            parts.append(draw(st.text(st.sampled_from([*list(MARKDOWN_PUNCTUATION), " ", "a"]), max_size=6)))
        elif kind == 3:
            parts.append(draw(long_word) if draw(st.booleans()) else w)
        elif kind == 4:
            parts.append(f"**{draw(inline(depth + 1))}**")
        elif kind == 5:
            parts.append(f"_{draw(inline(depth + 1))}_")
        elif kind == 6:
            parts.append(f"~~{w}~~")
        elif kind == 7:
            parts.append(f"`{w}`")
        elif kind == 8:
            parts.append(f"${w}$" if draw(st.booleans()) else "$" + "x+" * 600 + "$")
        elif kind == 9:
            parts.append(f"[{draw(inline(depth + 1))}]({draw(url)})")
        elif kind == 10:
            parts.append(f"![{w}](https://img.example/{w}.png)")
        elif kind == 11:
            parts.append(draw(st.sampled_from([f"<b>{w}</b>", f"<!-- {w} -->", "<br>", f"<x-y a='{w}'>"])))
        elif kind == 12:
            parts.append(f"{w}[^{draw(st.integers(1, 3))}]")
        else:
            parts.append(f"&amp;{w}&lt;")
    return " ".join(parts)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 14 if depth < 3 else 2))
    text = draw(inline())
    if kind <= 1:
        return text
    if kind == 2:
        return "#" * draw(st.integers(1, 6)) + " " + text
    if kind in (3, 4):
        marker = draw(st.sampled_from(["-", "1.", "- [ ]", "- [x]", "*"]))
        indent = " " * (len(marker.split()[0]) + 1)
        inner = draw(block(depth + 1)).replace("\n", "\n" + indent)
        return f"{marker} {text}\n{indent}{inner}" if draw(st.booleans()) else f"{marker} {text}"
    if kind == 5:
        alert = draw(st.sampled_from(["", "[!NOTE]\n", "[!WARNING]\n", "[!tip] "]))
        inner = draw(block(depth + 1))
        return "> " + (alert + text + "\n\n" + inner).replace("\n", "\n> ")
    if kind == 6:
        lang = draw(st.sampled_from(["", "py", "js", "weird", "c++"]))
        body = draw(st.text(max_size=300)).replace("```", "'''")
        if draw(st.integers(0, 9)) == 0:
            body += "\n".join(["0123456789" * 30] * 900)  # > 100 runs of 2000
        return f"```{lang}\n{body}\n```"
    if kind == 7:
        return "$$\n" + draw(st.sampled_from(["a^2", "\\sum_i x_i", "y=" + "x+" * 700])) + "\n$$"
    if kind == 8:
        width = draw(st.integers(1, 4))
        rows = [" | ".join(draw(word) for _ in range(draw(st.integers(1, width + 1)))) for _ in range(3)]
        head = " | ".join(draw(word) for _ in range(width))
        return f"| {head} |\n|" + "---|" * width + "\n" + "\n".join(f"| {r} |" for r in rows)
    if kind == 9:
        return f"<details>\n<summary>{draw(word)}</summary>\n\n{draw(block(depth + 1))}\n\n</details>"
    if kind == 10:
        return "---"
    if kind == 11:
        return f"[^{draw(st.integers(1, 3))}]: {text}"
    if kind == 12:
        return f"<div>\n{draw(word)} <!-- c -->\n</div>"
    if kind == 13:
        return "<!-- recweekly:begin roundup sha256=abc -->\n\n" + text + "\n\n<!-- recweekly:end roundup -->"
    count = draw(st.integers(50, 120))  # many runs: more than 100 in one paragraph
    w = draw(word)
    return " ".join(f"**{w}{i}** ~~{i}~~ `{i}`" for i in range(count))


documents = st.lists(block(), min_size=0, max_size=8).map("\n\n".join)
raw_text = st.lists(
    st.one_of(st.sampled_from([*list(MARKDOWN_PUNCTUATION + " \n\t"), "中", "😀", "1.", "- ", "> "]), st.characters()),
    max_size=400,
).map("".join)


@SETTINGS
@given(documents)
def test_structured_markdown_converts_within_limits_without_losing_words(markdown: str) -> None:
    check_limits_and_text(markdown)


@RAW_SETTINGS
@given(raw_text)
def test_arbitrary_text_converts_within_limits_without_losing_words(markdown: str) -> None:
    check_limits_and_text(markdown)


def test_deep_lists_and_long_lines_regression() -> None:
    deep = "\n".join("  " * i + f"- level{i} " + "z" * (300 * i) for i in range(12))
    check_limits_and_text(deep + "\n\n" + "中文" * 3000 + "\n\n" + "😀" * 2500)
