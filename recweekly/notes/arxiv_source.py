"""The arXiv API as a source: papers from its Atom answer, whether fetched now or saved to a file.

`notes add` asks the API for ids and reads the answer's papers through this source; `notes import`
recognises an answer saved to a file (`curl 'https://export.arxiv.org/api/query?…' > cs.IR.xml`)
by its Atom `<feed>`. Either way a paper brings what arXiv knows (title, authors, primary category,
abstract), so a note made from it reads the same however the paper arrived.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import Problem
from recweekly.notes.arxiv import ArxivFeedError, ArxivPaper, parse_feed
from recweekly.notes.derive import model_from_title, suggested_fields
from recweekly.notes.imported import abstract_section
from recweekly.notes.source import ImportedPaper, ParsedSource, Source, SourceKind, date_from_name

# an XML declaration and comments may come first; the root element must be an Atom feed
_ATOM_ROOT = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<feed\b[^>]*\bxmlns=[\"']"
                        r"http://www\.w3\.org/2005/Atom[\"']", re.DOTALL)


class ArxivSource(Source, kind=SourceKind.ARXIV, name="an arXiv API answer", clue="no Atom <feed> root element"):
    @staticmethod
    def looks_like(text: str) -> bool:
        return bool(_ATOM_ROOT.match(text))

    def parse(self, text: str, path: Path) -> tuple[ParsedSource, list[Problem]]:
        problems: list[Problem] = []
        try:
            papers = parse_feed(text.encode("utf-8"))
        except ArxivFeedError as exc:
            papers = []
            problems.extend(Problem(path, f"arXiv reported an error: {message}", 1) for message in exc.errors)
            if not exc.errors:
                problems.append(Problem(path, f"not an arXiv API answer recweekly can read: {exc}", 1))
        date = date_from_name(path)
        source = ParsedSource(kind=self.kind, path=path, date=date,
                              papers=[imported_paper(p, self.config) for p in papers])
        return source, problems

    @classmethod
    def from_papers(cls, papers: Sequence[ArxivPaper], collected: dt.date, config: Config,
                    **fields: Any) -> ParsedSource:
        """The papers an API request returned, collected on `collected`, with the fields the user gave."""
        return ParsedSource(kind=cls.kind, path=None, date=collected,
                            papers=[imported_paper(p, config, **fields) for p in papers])


def imported_paper(paper: ArxivPaper, config: Config, **fields: Any) -> ImportedPaper:
    """What arXiv knows, as the fields of a new note: the model its title names and a suggested category
    and theme; the rest is left empty, to be filled in by hand (a field the user gave wins)."""
    given = {k: v for k, v in fields.items() if v not in (None, "", (), [])}
    derived: dict[str, Any] = {"model": model_from_title(paper.title)}
    suggestions = suggested_fields(paper.title, [paper.abstract], config)
    if given.get("category"):
        suggestions.pop("suggested_category", None)
    if given.get("theme"):
        suggestions.pop("suggested_theme", None)
    return ImportedPaper(line=None, arxiv=paper.arxiv, title=paper.title, fields={
        "authors": tuple(paper.authors),
        "arxiv_category": paper.primary_category,
        **derived,
        **suggestions,
        **fields,
        "body": abstract_section(paper.abstract),
    })
