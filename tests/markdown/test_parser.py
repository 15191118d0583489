"""The shared parser: one cached mistune instance, the plugins posts use, forgiving tables."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from recweekly.markdown import parse_markdown
from recweekly.markdown.parser import create_markdown, parse_line


def types(tokens: list[dict]) -> list[str]:
    return [t["type"] for t in tokens if t["type"] != "blank_line"]


def test_plugins_produce_their_tokens() -> None:
    text = "~~x~~ $y$[^1]\n\n$$\nz\n$$\n\n- [ ] t\n\n| a |\n|---|\n| b |\n\n[^1]: n\n"
    tokens = parse_markdown(text)
    assert types(tokens) == ["paragraph", "block_math", "list", "table", "footnotes"]
    inline = [t["type"] for t in tokens[0]["children"]]
    assert inline == ["strikethrough", "text", "inline_math", "footnote_ref"]
    assert tokens[4]["children"][0]["type"] == "task_list_item"


def test_ragged_table_rows_are_kept_not_turned_into_a_paragraph() -> None:
    (table,) = parse_markdown("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n")
    assert table["type"] == "table"
    body = table["children"][1]["children"]
    assert [len(row["children"]) for row in body] == [1, 3]


def test_tables_inside_quotes_and_lists() -> None:
    quote = parse_markdown("> | a |\n> |---|\n> | b |\n")[0]
    assert quote["children"][0]["type"] == "table"
    item = parse_markdown("- x\n\n  | a |\n  |---|\n  | b |\n")[0]["children"][0]
    assert "table" in types(item["children"])


def test_html_rendering_uses_the_same_grammar() -> None:
    html = create_markdown("html")("| a |\n|---|\n| 1 | 2 |\n")
    assert "<table>" in html and "<td>2</td>" in html


def test_parser_instance_is_reused() -> None:
    from recweekly.markdown import parser

    parse_markdown("a")
    first = parser._parser
    parse_markdown("b")
    assert parser._parser is first


_LINE_LETTERS = st.sampled_from([*"abcXYZ019 .,;'\"-+=?%中文é😀", *"!$*<[]\\_`~&@:/^|>#()", "[^1]", "http://x.y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE_LETTERS, min_size=1, max_size=20).map("".join))
@example("How we score papers")
@example("Method *notes* for section 3")
def test_a_line_read_without_a_block_parse_is_read_as_the_block_parse_reads_it(line: str) -> None:
    """parse_line (a `<details>` summary) answers only when it can, and then as parse_markdown does."""
    quick = parse_line(line)
    if quick is None:
        return
    (paragraph,) = (t for t in parse_markdown(line) if t["type"] != "blank_line")
    assert paragraph["type"] == "paragraph"
    assert quick == paragraph["children"]
