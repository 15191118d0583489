"""Generated regions: the parts of a hand-edited draft that recweekly owns and may rewrite.

A region looks like this (each marker alone on its line; leading/trailing blanks on the marker line
are allowed and kept)::

    <!-- recweekly:begin roundup sha256=0123456789ab -->
    ...generated text...
    <!-- recweekly:end roundup -->

Precise definitions, shared by `wrap` and the parser so that what one writes the other accepts:

* **Region text** is every character after the line terminator of the begin line up to the first
  character of the end line. It is either empty or ends with a line terminator; `wrap` appends a
  "\\n" to generated text that does not end with one.
* **Checksum** is the first 12 hex digits of sha256 over the region text encoded as UTF-8 *after*
  turning every "\\r\\n" into "\\n". Normalising line endings means a checkout with
  `core.autocrlf` does not make every region look hand-edited.
* A region whose current checksum differs from the one recorded in its begin marker was edited by
  hand. Refilling it would lose a person's words, so it is refused unless forced.
* When a region is refilled in a file whose begin line ends with "\\r\\n", the generated text gets
  "\\r\\n" line endings too; the file's other bytes are never touched.
* A marker line is a line whose content (blanks stripped) starts with ``<!--``, optional blanks and
  ``recweekly:``. Such a line that does not parse exactly is a broken marker (reported, so a typo
  in a hand-typed marker is not silently ignored). A marker-like string elsewhere on a line (e.g. quoted
  in prose or inline code) is ordinary text. Fenced code blocks are not special: do not put a marker
  alone on a line inside one.
* Names are letters, digits, "_", "." and "-"; each name may appear once per document; regions do
  not nest.
* A **seed** region (``<!-- recweekly:begin paper-2603.03988 seed sha256=… -->``) holds text
  recweekly wrote for a person to rewrite (a paper's section in the weekly). While its checksum
  matches, it is generated text and refreshed like any region; once edited, it is the editor's:
  never refused, never overwritten (not even with `force`), never reported as a hand edit. The
  marker says which kind a region is, so a file alone tells what may be rewritten.

Everything here is text-level on purpose: python-frontmatter and mistune round trips are not
byte-preserving, and the promise is that every byte outside the regions survives a refill.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from recweekly.errors import InputError, Problem

MARKER_PREFIX = "<!-- recweekly:"
_NAME = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
_BEGIN_RE = re.compile(rf"^<!-- recweekly:begin ({_NAME})( seed)? sha256=([0-9a-f]{{12}}) -->$")
_END_RE = re.compile(rf"^<!-- recweekly:end ({_NAME}) -->$")
_NAME_RE = re.compile(rf"^{_NAME}$")
_LINE_END_RE = re.compile(r"\r\n|\n|\r")
_BLANKS = " \t"
_MARKER_LINE_RE = re.compile(r"^<!--\s*recweekly:")
_MARKER_WORD = "recweekly:"  # in every marker line, broken or not
_MARKER_HEAD = re.compile(r"[ \t]*<!--\s*")  # what comes before it on a marker line (`is_marker_line`)


class RegionError(InputError):
    """Region markers are missing, malformed, duplicated, nested or mismatched."""


@dataclass
class Region:
    """One parsed region. Offsets index the document string; lines are 1-based. Not frozen: a frozen
    dataclass's __init__ sets each field through object.__setattr__, tripling what each region of a
    long weekly costs every preview reload; nothing changes a Region after `_scan` builds it."""

    name: str
    recorded: str  # checksum written in the begin marker
    text: str  # the region text as defined in the module docstring
    begin_line: int
    end_line: int
    text_start: int
    text_end: int
    newline: str  # the begin line's terminator: "\n" or "\r\n" (or "\r")
    begin_start: int = 0  # offset of the begin marker line
    seed: bool = False  # the editor's once edited (see the module docstring)
    end_stop: int = 0  # offset just past the end marker line (its terminator included)

    @property
    def actual(self) -> str:
        return checksum(self.text)

    @property
    def edited(self) -> bool:
        """True when the text no longer matches what recweekly wrote: a person changed it."""
        return self.actual != self.recorded


@dataclass
class FillResult:
    """Outcome of `replace_regions`.

    `text` is the new document; regions in `refused` were left as they were, so a caller must not
    write `text` when `refused` is non-empty (unless it accepts a partial fill). `missing` names
    generated regions the document has no markers for (the author may have removed them on
    purpose: they are reported, never silently added); `unknown` names regions in the document no
    generator produced. `kept` names edited seed regions, which belong to the editor now.
    """

    text: str
    regions: list[Region]
    changed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def region(self, name: str) -> Region | None:
        return next((r for r in self.regions if r.name == name), None)


def checksum(text: str) -> str:
    """First 12 hex digits of sha256 over the text with CRLF normalised to LF."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:12]


def normalize_text(text: str) -> str:
    """Region text as stored: empty, or ending with a newline; it may not contain marker lines."""
    for line in text.splitlines():
        if is_marker_line(line):
            raise ValueError(f"generated text may not contain a region marker line: {line!r}")
    if text and not text.endswith(("\n", "\r")):
        return text + "\n"
    return text


def is_marker_line(line: str) -> bool:
    """True for a line the parser treats as a region marker (well formed or broken)."""
    return bool(_MARKER_LINE_RE.match(line.strip(_BLANKS)))


def begin_marker(name: str, text: str, seed: bool = False) -> str:
    kind = " seed" if seed else ""
    return f"<!-- recweekly:begin {name}{kind} sha256={checksum(normalize_text(text))} -->"


def end_marker(name: str) -> str:
    return f"<!-- recweekly:end {name} -->"


def wrap(name: str, text: str, newline: str = "\n", *, seed: bool = False) -> str:
    """The region `name` holding `text`, without a newline after the end marker.

    `newline` is the line terminator to use ("\\r\\n" for CRLF documents); `text` is expected with
    "\\n" line endings and converted. `seed` makes it a seed region (the editor's once edited).
    """
    if not _NAME_RE.match(name):
        raise ValueError(f"invalid region name {name!r}")
    body = _with_newline(normalize_text(text), newline)
    return f"{begin_marker(name, body, seed)}{newline}{body}{end_marker(name)}"


def _with_newline(text: str, newline: str) -> str:
    text = text.replace("\r\n", "\n")
    return text if newline == "\n" else text.replace("\n", newline)


def _marker_lines(document: str) -> Iterator[tuple[int, int, str, str]]:
    """(line number, start offset, content, terminator) of each marker line (`is_marker_line`), in one
    pass: each `recweekly:` is found by searching, the first of its line, and only what lies between
    two of them is looked at again (for the line start and the line count), so a long post is never
    split into lines. A line ends at "\r\n", "\n" or "\r"; a document without "\r" (most) needs only
    "\n" looked for."""
    crlf = "\r" in document
    lineno, counted, size = 1, 0, len(document)
    found = document.find(_MARKER_WORD)
    while found >= 0:
        if crlf:
            start = max(document.rfind("\n", counted, found), document.rfind("\r", counted, found), counted - 1) + 1
            lineno += (document.count("\n", counted, start) + document.count("\r", counted, start)
                       - document.count("\r\n", counted, start))
            end = _LINE_END_RE.search(document, found)
            stop, term = (end.start(), end.group(0)) if end else (size, "")
        else:
            start = max(document.rfind("\n", counted, found), counted - 1) + 1
            lineno += document.count("\n", counted, start)
            stop = document.find("\n", found)
            stop, term = (stop, "\n") if stop >= 0 else (size, "")
        counted = start
        if _MARKER_HEAD.fullmatch(document, start, found):
            yield lineno, start, document[start:stop], term
        found = document.find(_MARKER_WORD, stop)


def _scan(document: str, path: Path | str) -> tuple[list[Region], list[Problem]]:
    regions: list[Region] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    open_: tuple[str, str, int, int, str, int, bool] | None = None  # name, recorded, line, text_start, nl, start, seed
    for lineno, start, content, term in _marker_lines(document):
        stripped = content.strip(_BLANKS)
        begin = _BEGIN_RE.match(stripped)
        end = None if begin else _END_RE.match(stripped)
        if begin:
            name, recorded = begin.group(1), begin.group(3)
            if open_ is not None:
                problems.append(Problem(path, f"region {name!r} begins inside region {open_[0]!r} "
                                              f"(begun on line {open_[2]}): is the end marker of {open_[0]!r} missing? "
                                              "Regions cannot nest", lineno))
                continue
            if name in seen:
                problems.append(Problem(path, f"duplicate region {name!r} (first on line {seen[name]}); "
                                              "each region may appear once", lineno))
            else:
                seen[name] = lineno
            if not term:
                problems.append(Problem(path, f"region {name!r} has no end marker "
                                              f"(expected '{end_marker(name)}')", lineno))
                continue
            open_ = (name, recorded, lineno, start + len(content) + len(term), term, start, bool(begin.group(2)))
        elif end:
            name = end.group(1)
            if open_ is None:
                problems.append(Problem(path, f"end of region {name!r} without a begin marker", lineno))
                continue
            if name != open_[0]:
                problems.append(Problem(path, f"end of region {name!r} but region {open_[0]!r} is open "
                                              f"(begun on line {open_[2]})", lineno))
                open_ = None
                continue
            rname, recorded, bline, text_start, newline, begin_start, seed = open_
            regions.append(Region(rname, recorded, document[text_start:start], bline, lineno, text_start,
                                  start, newline, begin_start, seed, start + len(content) + len(term)))
            open_ = None
        else:
            problems.append(Problem(path, "broken region marker; expected "
                                          "'<!-- recweekly:begin NAME sha256=<12 hex> -->' or "
                                          "'<!-- recweekly:end NAME -->' alone on the line", lineno))
    if open_ is not None:
        problems.append(Problem(path, f"region {open_[0]!r} has no end marker "
                                      f"(expected '{end_marker(open_[0])}')", open_[2]))
    return regions, problems


def find_regions(document: str, path: Path | str = "<text>") -> list[Region]:
    """Every region in the document, in order; raise RegionError listing every marker problem."""
    regions, problems = _scan(document, path)
    if problems:
        raise RegionError(f"{path}: broken region markers", problems)
    return regions


def region_problems(document: str, path: Path | str = "<text>") -> list[Problem]:
    """Marker problems as a list (for `check`, which collects instead of raising)."""
    return _scan(document, path)[1]


def replace_regions(
    document: str,
    generated: Mapping[str, str],
    *,
    force: bool = False,
    path: Path | str = "<text>",
    seeds: Collection[str] = (),
) -> FillResult:
    """Refill the regions of `document` from `generated` (name -> text with "\\n" endings).

    Only the begin marker line's checksum and the text between markers change; everything else is
    copied through. Hand-edited regions are left alone and listed in `refused` unless `force`;
    edited seed regions are left alone and listed in `kept`. Generated names in `seeds` are not
    reported as `missing` (placing a seed the document lacks is `compose.seeds`' job).
    """
    regions = find_regions(document, path)
    result = FillResult(text=document, regions=regions)
    present = {r.name for r in regions}
    result.missing = [name for name in generated if name not in present and name not in seeds]
    pieces: list[str] = []
    pos = 0
    for region in regions:
        if region.name not in generated:
            result.unknown.append(region.name)
            continue
        new_text = _with_newline(normalize_text(generated[region.name]), region.newline)
        if new_text == region.text and not region.edited:
            continue
        if region.seed and region.edited and new_text != region.text:
            result.kept.append(region.name)
            continue
        if region.edited and new_text != region.text:
            if not force:
                result.refused.append(region.name)
                continue
            result.forced.append(region.name)
        # Rewrite the begin line from its own start, keeping its indentation and trailing blanks.
        line_start = region.begin_start
        line = document[line_start: region.text_start - len(region.newline)]
        indent = line[: len(line) - len(line.lstrip(_BLANKS))]
        trail = line[len(line.rstrip(_BLANKS)):]
        pieces.append(document[pos:line_start])
        pieces.append(f"{indent}{begin_marker(region.name, new_text, region.seed)}{trail}{region.newline}")
        pieces.append(new_text)
        pos = region.text_end
        result.changed.append(region.name)
    pieces.append(document[pos:])
    result.text = "".join(pieces)
    return result
