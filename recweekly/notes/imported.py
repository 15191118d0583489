"""The parts of a note's body that an importer wrote, told apart from what a person wrote.

Importers put source material into the body so a note reads well on its own: arXiv's abstract
under `## Abstract`, a digest's Motivation / Method / Result / Conclusion as labelled paragraphs
(`**Result:** …`). That material is the paper's or the digest's text, not the blog's: a draft
seeds a paper's section with the person's own notes only (`own_notes`), or a week of imported
notes becomes a draft of abstracts (and, from a digest, of Chinese details in an English post).
The formats are defined here, once, for the importers that write them and the drafts that skip them.
"""

from __future__ import annotations

import re

ABSTRACT_HEADING = "Abstract"
DIGEST_LABELS = ("Motivation", "Method", "Result", "Conclusion")

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LABELLED = re.compile(r"^\*\*(?:" + "|".join(DIGEST_LABELS) + r"):\*\*")


def abstract_section(abstract: str) -> str:
    """The body part an importer writes for arXiv's abstract."""
    return f"## {ABSTRACT_HEADING}\n\n{abstract}" if abstract else ""


def digest_paragraph(label: str, text: str) -> str:
    """One labelled digest paragraph (`**Result:** …`)."""
    return f"**{label}:** {text}"


def own_notes(body: str) -> str:
    """The body without what importers wrote: `## Abstract` sections (to the next heading of the same
    or a higher level) and labelled digest paragraphs. Code blocks are kept whole."""
    out: list[str] = []
    skip_level: int | None = None
    in_code = False
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph and not _LABELLED.match(paragraph[0]):
            out.extend(paragraph)
        elif paragraph:
            while out and not out[-1].strip():
                out.pop()  # the blank line before a dropped paragraph goes with it
        paragraph.clear()

    for line in body.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
        heading = None if in_code else _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if skip_level is None and heading.group(2).casefold() == ABSTRACT_HEADING.casefold():
                skip_level = level
        if skip_level is not None:
            continue
        if not in_code and not line.strip():
            flush()
            out.append(line)
        else:
            paragraph.append(line)
    flush()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
