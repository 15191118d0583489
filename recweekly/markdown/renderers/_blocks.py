"""Block-token logic for a renderer that starts from a `Document` (a neutral helper, like mistune's
`renderers/_list.py`): the shapes a renderer derives from a token — a table's rows and width, a
heading's level, the items of the footnotes section. The Notion renderer reads them here; the preview
draws the Notion blocks themselves, so what it shows has the shapes Notion holds by construction.
"""

from __future__ import annotations

from typing import Any

from recweekly.markdown.limits import MAX_HEADING_LEVEL

Token = dict[str, Any]


def heading_level(token: Token) -> int:
    """The heading level the page shows: 1 … MAX_HEADING_LEVEL."""
    return min(max(int(token.get("attrs", {}).get("level", 1)), 1), MAX_HEADING_LEVEL)


def table_rows(token: Token) -> list[tuple[bool, list[Token]]]:
    """(is the header row, cells) for every row of a table token, header first."""
    rows: list[tuple[bool, list[Token]]] = []
    for section in token.get("children", []):
        if section["type"] == "table_head":
            rows.append((True, section.get("children", [])))
        else:
            rows.extend((False, row.get("children", [])) for row in section.get("children", []))
    return rows


def table_width(rows: list[tuple[bool, list[Token]]]) -> int:
    """Columns of the table: its widest row (short rows are padded, extra cells are kept)."""
    return max((len(cells) for _, cells in rows), default=0) or 1


def without_blank_lines(children: list[Token]) -> list[Token]:
    return [c for c in children if c["type"] != "blank_line"]


def footnote_items(token: Token) -> list[Token]:
    """The definitions listed in the footnotes section, in order."""
    return [t for t in token.get("children", []) if t["type"] == "footnote_item"]
