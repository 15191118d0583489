"""What a post points at: the arXiv papers it names and the images it embeds, with their lines.

This is a line-based text scan, not the Markdown AST, because `check` must name the line of every
dangling reference and the AST carries no line numbers. Fenced code blocks are skipped (an id or
image path in a code sample is not a reference); HTML comments are skipped too (region markers and
notes to self are not shown to readers).

Which strings count as a paper: a new-style id (2603.03988, optionally with a version) standing on
its own — e.g. "(2603.03988)" — whose month part is 01–12, and any id in an arxiv.org abs/pdf/html
link or after "arXiv:" (old-style ids such as hep-th/9901001 only there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recweekly.fences import FenceTracker

_NEW_ID = r"\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}"
_OLD_ID = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_LINKED_RE = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)/|arxiv:\s?)({_NEW_ID}|{_OLD_ID})(?:v\d+)?", re.IGNORECASE
)
_BARE_RE = re.compile(rf"(?<![\w./-])({_NEW_ID})(?:v\d+)?(?![\w/-]|\.\d)")
_MD_IMAGE_RE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^)\s]+)")
_HTML_IMAGE_RE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1", re.IGNORECASE)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    target: str  # arXiv id (canonical) or image path as written
    line: int  # 1-based line in the whole file


def visible_lines(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line number, text) outside fenced code, with HTML comments blanked out."""
    blanked = _COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    out: list[tuple[int, str]] = []
    fences = FenceTracker()
    for offset, line in enumerate(blanked.split("\n")):
        if not fences.code(line):
            out.append((first_line + offset, line))
    return out


def arxiv_references(text: str, first_line: int = 1) -> list[Reference]:
    """Every mention of an arXiv paper, in order (an id may appear several times)."""
    refs: list[Reference] = []
    for lineno, line in visible_lines(text, first_line):
        spans: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for m in _LINKED_RE.finditer(line):
            spans.append((m.start(), m.group(1)))
            taken.append(m.span())
        for m in _BARE_RE.finditer(line):
            if not any(a <= m.start() < b for a, b in taken):
                spans.append((m.start(), m.group(1)))
        refs.extend(Reference(target, lineno) for _, target in sorted(spans))
    return refs


def paper_ids(text: str) -> list[str]:
    """Distinct arXiv ids in order of first mention."""
    seen: dict[str, None] = {}
    for ref in arxiv_references(text):
        seen.setdefault(ref.target, None)
    return list(seen)


def image_references(text: str, first_line: int = 1) -> list[Reference]:
    """Local image paths (no URL scheme, not protocol-relative) embedded in the text."""
    refs: list[Reference] = []
    for lineno, line in visible_lines(text, first_line):
        targets = [m.group(1).strip("<>") for m in _MD_IMAGE_RE.finditer(line)]
        targets += [m.group(2) for m in _HTML_IMAGE_RE.finditer(line)]
        for target in targets:
            if not target or _SCHEME_RE.match(target) or target.startswith("//") or target.startswith("#"):
                continue
            refs.append(Reference(target, lineno))
    return refs
