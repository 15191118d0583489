"""Where a key sits in a TOML file, so config errors can name a line (tomllib keeps no positions)."""

from __future__ import annotations


def toml_key_line(text: str, dotted: str) -> int | None:
    """The 1-based line where `dotted` (e.g. "tool.recweekly.notion.site_url") is set in TOML `text`.

    tomllib keeps no positions; a config error without a line is half an answer, so the key is found
    again in the text: table headers, dotted keys and inline tables (whose line is the table's).
    """
    want = _key_parts(dotted)
    table: list[str] = []
    best: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            header = stripped.strip("[]").split("]")[0]
            table = _key_parts(header)
            if table == want[: len(table)] and best is None and len(table) == len(want):
                best = number
            continue
        if "=" not in stripped or stripped.startswith("#"):
            continue
        full = table + _key_parts(stripped.split("=", 1)[0])
        if full == want:
            return number
        if full == want[: len(full)] and best is None:
            best = number  # e.g. `notion = { site_url = "…" }`: the inline table's line
    return best


def _key_parts(key: str) -> list[str]:
    return [part.strip().strip('"').strip("'") for part in key.split(".") if part.strip()]
