"""The daily arXiv digest (Markdown, one `### [n] [Title](https://arxiv.org/abs/ID)` per paper).

Each paper block has an italic author line, `Main category: cs.IR`, a Chinese `TL;DR:` and, inside a
<details> block, Motivation / Method / Result / Conclusion paragraphs and the English Abstract. The
digest names no date inside: its file name does (`daily-digest.cs.IR.2026-02-10.md`).

A paper becomes: id, title, authors, arxiv_category, summary.zh (the TL;DR), orgs recognised in the
text, the model its title names (`SMES: Towards …`), the online results its Result part states
(`highlights`), a suggested category and theme (`recweekly.notes.derive`), and a body holding the
four paragraphs and the abstract, so the note reads well on its own. Drafts seed a paper's section
with none of that body (`recweekly.notes.imported`): it is the digest's text, not the blog's.
"""

from __future__ import annotations

import re
from pathlib import Path

from recweekly.config import Config
from recweekly.errors import Problem
from recweekly.notes.derive import model_from_title, suggested_fields
from recweekly.notes.highlights import online_highlights
from recweekly.notes.ids import BadArxivId, normalize_arxiv_id
from recweekly.notes.imported import DIGEST_LABELS, abstract_section, digest_paragraph
from recweekly.notes.orgs import recognise_orgs
from recweekly.notes.source import ImportedPaper, ParsedSource, Source, SourceKind, date_from_name

HEADING = re.compile(r"^###\s*\[(?P<n>\d+)\]\s*\[(?P<title>.+)\]\((?P<url>[^)\s]+)\)\s*$")
_LABEL = re.compile(
    r"^(?P<label>TL;DR|Main category|Motivation|Method|Result|Conclusion|Abstract)\s*[:：]\s*(?P<rest>.*)$"
)
_SECTIONS = DIGEST_LABELS


class DigestSource(Source, kind=SourceKind.DIGEST, name="a daily arXiv digest",
                   clue="no '### [1] [Title](https://arxiv.org/abs/…)' headings"):
    @staticmethod
    def looks_like(text: str) -> bool:
        return any(HEADING.match(line) for line in text.splitlines())

    def parse(self, text: str, path: Path) -> tuple[ParsedSource, list[Problem]]:
        lines = text.splitlines()
        starts = [i for i, line in enumerate(lines) if HEADING.match(line)]
        papers: list[ImportedPaper] = []
        problems: list[Problem] = []
        for n, start in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
            paper, found = _paper(lines, start, stop, path, self.config)
            problems.extend(found)
            if paper is not None:
                papers.append(paper)
        date = date_from_name(path)
        source = ParsedSource(kind=self.kind, path=path, date=date, papers=papers)
        return source, problems


def _paper(lines: list[str], start: int, stop: int, path: Path, config: Config
           ) -> tuple[ImportedPaper | None, list[Problem]]:
    heading = HEADING.match(lines[start])
    assert heading is not None
    line_no = start + 1
    problems: list[Problem] = []
    title = " ".join(heading.group("title").split())
    try:
        arxiv_id = normalize_arxiv_id(heading.group("url"))
    except BadArxivId:
        problems.append(Problem(path, f"paper [{heading.group('n')}] links to {heading.group('url')!r}, "
                                "not an arxiv.org/abs/ URL with an arXiv id", line_no, "arxiv"))
        arxiv_id = None
    if not title:
        problems.append(Problem(path, f"paper [{heading.group('n')}] has an empty title", line_no, "title"))

    authors: tuple[str, ...] = ()
    parts: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines[start + 1 : stop]:
        line = raw.strip()
        if not authors and not parts and line.startswith("*") and line.endswith("*") and len(line) > 2:
            authors = tuple(a.strip() for a in line.strip("*").split(",") if a.strip())
            continue
        label = _LABEL.match(line)
        if label:
            current = label.group("label")
            parts[current] = [label.group("rest")]
            continue
        if line.startswith(("<details", "</details", "<summary", "<div", "#")):
            # markup of the digest page, not text; a closing tag or a new section ends a paragraph
            current = None if line.startswith(("</details", "#", "<div")) else current
            continue
        if current is not None:
            parts[current].append(line)

    def part(name: str) -> str:
        return " ".join(" ".join(parts.get(name, [])).split())

    if arxiv_id is None or not title:
        return None, problems
    body_parts = [digest_paragraph(name, part(name)) for name in _SECTIONS if part(name)]
    if part("Abstract"):
        body_parts.append(abstract_section(part("Abstract")))
    tldr = part("TL;DR")
    texts = [title, *(part(name) for name in ("TL;DR", *_SECTIONS, "Abstract"))]
    fields = {
        "authors": authors,
        "model": model_from_title(title),
        "arxiv_category": part("Main category").split()[0] if part("Main category") else None,
        "orgs": recognise_orgs(texts, config),
        "highlights": online_highlights(part("Result")),
        "summary": {"zh": tldr} if tldr else {},
        **suggested_fields(title, [tldr, *(part(name) for name in _SECTIONS), part("Abstract")], config),
        "body": "\n\n".join(body_parts),
    }
    return ImportedPaper(line=line_no, arxiv=arxiv_id, title=title, fields=fields), problems
