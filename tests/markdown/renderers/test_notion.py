"""One weekly post using every feature, converted end to end (shape and text, not a JSON blob)."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown import DocumentContext
from tests.contract.validate import request_slice
from tests.helpers.notion_blocks import children, content, convert, runs, text, top_types, walk

FIXTURE = Path(__file__).parent / "notion" / "fixtures"
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
