"""The registry of note sources, and reading a file with the one its content calls for.

Formats are recognised by content, not by file name: a digest is saved as .md, a report as .txt or
.md, and an API answer as whatever curl was told. The first source whose `looks_like` accepts the
text parses it; a new format is one more class in `SOURCES`, and the messages below name it too.
"""

from __future__ import annotations

from pathlib import Path

from recweekly.config import Config
from recweekly.errors import InputError, Problem
from recweekly.fsutil import read_text
from recweekly.notes.arxiv_source import ArxivSource
from recweekly.notes.daily_report import DailyReportSource
from recweekly.notes.digest import DigestSource
from recweekly.notes.source import ParsedSource, Source

# asked in this order; the digest's and the report's clues never appear in an Atom feed
SOURCES: tuple[type[Source], ...] = (DigestSource, DailyReportSource, ArxivSource)


def source_for(text: str) -> type[Source] | None:
    return next((source for source in SOURCES if source.looks_like(text)), None)


def read_source(path: Path, config: Config) -> ParsedSource:
    """Read a file and parse it with the source its content calls for; raise with every problem found."""
    text = read_text(path)
    names = [source.name for source in SOURCES]
    if not text.strip():
        raise InputError("nothing to import", [Problem(
            path, f"file is empty; expected {_either(names, 'or')}", 1)])
    source_class = source_for(text)
    if source_class is None:
        raise InputError("unknown file format", [Problem(
            path, "not " + _either([f"{s.name} ({s.clue})" for s in SOURCES], "and not", ", not"), 1)])
    source, problems = source_class(config).parse(text, path)
    if problems:
        raise InputError(f"cannot import {path}: {len(problems)} problem(s); nothing was written", problems)
    if not source.papers:
        raise InputError("nothing to import", [Problem(path, f"no papers found in this {source.kind.value}", 1)])
    return source


def _either(items: list[str], last: str, sep: str = ",") -> str:
    """'a, b or c': the alternatives a message lists."""
    return f"{sep} ".join(items[:-1]) + f" {last} {items[-1]}" if len(items) > 1 else items[0]
