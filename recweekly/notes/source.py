"""What every note source shares: the paper as a source describes it, the parsed file, the reader.

A source is a format notes come from (a daily digest, a daily report, an arXiv API answer). Each is
a small class that recognises its text (`looks_like`) and turns it into papers (`parse`), like
Pelican's readers; `sources.py` holds the registry that picks one for a file. The types live here,
apart from both the readers and the importer, so that neither has to import the other.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

from recweekly.config import Config
from recweekly.errors import Problem


class SourceKind(str, Enum):
    """The formats notes come from; the value is the noun messages use ("no papers found in this …")."""

    DIGEST = "digest"
    DAILY_REPORT = "daily report"
    ARXIV = "arXiv API answer"


@dataclass
class ImportedPaper:
    """One paper as a source describes it; `arxiv` is None when the source names it by title only."""

    line: int | None  # None when the source has no lines to point at (an answer from the API)
    arxiv: str | None
    title: str
    fields: dict[str, Any] = field(default_factory=dict)  # Note fields besides arxiv/title/date (+ body)


@dataclass
class ParsedSource:
    """One source read: its papers, and the day they were collected, if it says."""

    kind: SourceKind
    path: Path | None  # None for papers that came straight from the arXiv API (`notes add`)
    date: dt.date | None
    papers: list[ImportedPaper]
    day_theme: str | None = None  # what the source says of the whole day (a daily report's 主题 and 标签)
    day_tags: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """How reports and errors name the source: its file, or arXiv itself."""
        return str(self.path) if self.path is not None else "arXiv"


class Source(ABC):
    """A format notes come from, declared as `class DigestSource(Source, kind=…, name=…, clue=…)`.

    `name` ("a daily arXiv digest") and `clue` (what such a file has that another lacks: "no '### [1]
    …' headings") let the registry say what a file is not; a source that leaves one out fails when
    its class is defined, not when the message is first needed.
    """

    kind: ClassVar[SourceKind]
    name: ClassVar[str]
    clue: ClassVar[str]

    def __init_subclass__(cls, *, kind: SourceKind, name: str, clue: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind, cls.name, cls.clue = kind, name, clue

    def __init__(self, config: Config) -> None:
        self.config = config

    @staticmethod
    @abstractmethod
    def looks_like(text: str) -> bool:
        """Whether the text is in this format; cheap, since every source is asked in turn."""

    @abstractmethod
    def parse(self, text: str, path: Path) -> tuple[ParsedSource, list[Problem]]:
        """Every paper of the text, and every problem found (with its line), without raising."""


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def date_from_name(path: Path) -> dt.date | None:
    """`daily-digest.cs.IR.2026-02-10.md` -> 2026-02-10: the date most sources carry only in their name."""
    for found in _DATE_IN_NAME.findall(path.name):
        try:
            return dt.date.fromisoformat(found)
        except ValueError:
            continue
    return None
