"""The one mistune configuration every consumer of post Markdown shares.

Publish (Notion blocks), check, preview and word counts must agree on what a post *is*, so they all
read the same AST from here instead of each building its own mistune instance with different
plugins. mistune is imported lazily so `recweekly --help` stays fast.

One deviation from mistune's stock table plugin: a body row with fewer or more cells than the header
is still a table row (mistune drops the whole table back to a paragraph of pipes). Writers of weekly
posts leave trailing cells empty all the time, and "nothing is lost" matters more to us than strict
GFM; renderers pad short rows and keep extra cells.
"""

from __future__ import annotations

import re
from typing import Any

#: Plugins enabled for posts. GitHub alerts (`> [!NOTE]`) and `<details>` are not mistune syntax:
#: they arrive as block_quote / block_html tokens and renderers recognise them.
PLUGINS: tuple[str, ...] = (
    "strikethrough",
    "table",
    "mistune.plugins.table.table_in_quote",
    "mistune.plugins.table.table_in_list",
    "footnotes",
    "math",
    "task_lists",
)

_parser: Any = None

#: Every character that can open an inline token of the grammar (mistune's own triggers are
#: `\n ! $ * < [ \\ ] _ ` ~`), and a few more to be safe: a line with none of them is one text token.
_INLINE_MARKUP = re.compile(r"[\n!$*<\[\\\]_`~&@:/^|>#()]")

_ALIGN = (
    (re.compile(r"^ *:-+: *$"), "center"),
    (re.compile(r"^ *:-+ *$"), "left"),
    (re.compile(r"^ *-+: *$"), "right"),
    (re.compile(r"^ *-+ *$"), None),
)


def create_markdown(renderer: Any = None) -> Any:
    """A fresh mistune Markdown with recweekly's plugins; `renderer` as for mistune.create_markdown.

    Use this for HTML (preview, benchmarks) so HTML and blocks come from the same grammar.
    """
    import mistune  # lazy: start-up (mistune loads only when used)

    md = mistune.create_markdown(renderer=renderer, plugins=list(PLUGINS))
    md.block.register("table", None, _parse_pipe_table)
    md.block.register("nptable", None, _parse_bare_table)
    return md


def _get_parser() -> Any:
    global _parser
    if _parser is None:
        _parser = create_markdown(renderer=None)
    return _parser


def parse_markdown(text: str) -> list[dict[str, Any]]:
    """Return mistune 3 AST tokens (a list of dicts with "type", "children"/"raw", "attrs").

    Footnote definitions, when present, come last as one `footnotes` token holding `footnote_item`s
    (mistune's own layout); `footnote_ref` tokens mark the references in the text. Table rows may
    hold a different number of cells than the header (see the module docstring).
    """
    tokens, _state = _get_parser().parse(text)
    return tokens


def parse_line(text: str) -> list[dict[str, Any]] | None:
    """The inline tokens of `text` when it is one line that can only be a paragraph (it starts with
    a letter: no list, heading, quote, fence, table, HTML or definition starts that way), exactly as
    `parse_markdown` gives its paragraph's children; None when only a full parse can tell.

    A `<details>` summary is such a line almost always, and a full block parse of it costs as much
    as rendering several paragraphs.
    """
    line = text.strip(" \r\n\t\f")
    if not line or "\n" in line or "\r" in line or not line[0].isalpha() or "[^" in line:
        return None
    if _INLINE_MARKUP.search(line) is None:  # nothing can start an inline token: one text, unparsed
        return [{"type": "text", "raw": line}]
    md = _get_parser()
    return md.inline(line, md.block.state_cls().env)  # type: ignore[no-any-return]


# --- tables with ragged rows -------------------------------------------------------------------


def _split_cells(text: str) -> list[str]:
    cells: list[str] = []
    start = 0
    for pos, char in enumerate(text):
        if char == "|" and _backslashes_before(text, pos) % 2 == 0:
            cells.append(text[start:pos].strip())
            start = pos + 1
    cells.append(text[start:].strip())
    return cells


def _backslashes_before(text: str, pos: int) -> int:
    count = 0
    pos -= 1
    while pos >= 0 and text[pos] == "\\":
        count += 1
        pos -= 1
    return count


def _pipe_row(line: str) -> str | None:
    text = line.rstrip("\n").rstrip(" \t").lstrip(" ")
    if len(text) < 2 or not text.startswith("|") or not text.endswith("|"):
        return None
    return text[1:-1]


def _bare_row(line: str) -> str | None:
    text = line.rstrip("\n").rstrip(" \t")
    if not text or "|" not in text:
        return None
    return text


def _aligns(header: str, delimiter: str) -> list[str | None] | None:
    heads = _split_cells(header)
    marks = _split_cells(delimiter)
    if len(heads) != len(marks):
        return None
    aligns: list[str | None] = []
    for mark in marks:
        for pattern, align in _ALIGN:
            if pattern.match(mark):
                aligns.append(align)
                break
        else:
            return None
    return aligns


def _row(text: str, aligns: list[str | None], head: bool) -> dict[str, Any]:
    cells = [
        {
            "type": "table_cell",
            "text": cell,
            "attrs": {"align": aligns[i] if i < len(aligns) else None, "head": head},
        }
        for i, cell in enumerate(_split_cells(text))
    ]
    return {"type": "table_head" if head else "table_row", "children": cells}


def _parse_table(block: Any, m: re.Match[str], state: Any, strip: Any) -> int | None:
    pos = m.end()
    header = strip(m.group(0))
    if header is None:
        return None
    delimiter_line = state.get_line(pos)
    delimiter = strip(delimiter_line)
    if delimiter is None:
        return None
    aligns = _aligns(header, delimiter)
    if aligns is None:
        return None
    pos += len(delimiter_line)
    rows = []
    while pos < state.cursor_max:
        line = state.get_line(pos)
        text = strip(line)
        if text is None:
            break
        rows.append(_row(text, aligns, head=False))
        pos += len(line)
    head = _row(header, aligns, head=True)
    state.append_token({"type": "table", "children": [head, {"type": "table_body", "children": rows}]})
    return pos


def _parse_pipe_table(block: Any, m: re.Match[str], state: Any) -> int | None:
    return _parse_table(block, m, state, _pipe_row)


def _parse_bare_table(block: Any, m: re.Match[str], state: Any) -> int | None:
    return _parse_table(block, m, state, _bare_row)
