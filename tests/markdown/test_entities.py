"""Character references decoded as CommonMark says, not as HTML5 (`html.unescape`) does."""

from __future__ import annotations

import html

import pytest

from recweekly.markdown.entities import decode_references


@pytest.mark.parametrize(
    ("text", "decoded"),
    [
        ("&nbsp;&amp;&copy;&AElig;&Dcaron;&frac34;&HilbertSpace;&DifferentialD;&ngE;",
         "\u00a0&©ÆĎ¾ℋⅆ≧̸"),  # CommonMark's spec examples
        ("&#35; &#1234; &#992; &#0;", "# Ӓ Ϡ \ufffd"),
        ("&#X22; &#XD06; &#xcab;", '" ആ ಫ'),
        ("&#1; &#x80;", "\x01 \x80"),  # any valid code point as itself (HTML5 drops or remaps these)
        ("&nbsp &x; &#; &#x; &#87654321; &#abcdef0; &ThisIsNotDefined; &hi?;", None),  # all literal
        ("&copy", None),
        ("&copyx;", None),
    ],
)
def test_only_complete_references_are_decoded(text: str, decoded: str | None) -> None:
    assert decode_references(text) == (text if decoded is None else decoded)


def test_where_html_unescape_would_differ() -> None:
    for literal in ("&copy", "&copyx;", "&amp"):
        assert decode_references(literal) == literal != html.unescape(literal)
