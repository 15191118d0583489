"""Seeds: the weekly's per-paper sections, and where a late paper's section goes.

A weekly gives every paper (outside the roundup-only themes) a section of its own, seeded from its
note as a seed region (`compose.regions`): generated text until the editor edits it, the editor's
after. `fill` keeps the draft whole when the notes change:

* a paper with no section yet (a note added after the draft was made) gets its seed, inserted
  where its theme's papers are: after the last section of its theme that still has its markers
  (before the editor's closing words of that theme), else at the end of the theme's section, else
  (a theme new to the draft) as a new theme section after the theme before it in the template's
  order. A paper counts as having a section when its seed region is there or a heading outside
  the generated regions names its arXiv id (a section the editor wrote, or kept without markers);
* an untouched seed of a paper that left the period (its note moved or deleted) is removed — it
  holds only generated text, byte for byte (its checksum says so);
* what cannot be done without guessing is reported, never done: a seed with no place to go (its
  theme has no section and no other theme section is left to stand beside), and an edited section
  of a paper that left the period (the editor decides what becomes of their words).

Only insertions and removals of whole unedited regions: every other byte stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recweekly.compose.regions import Region, find_regions, wrap
from recweekly.fences import HEADING, FenceTracker

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")


@dataclass(frozen=True)
class Seed:
    """One seed region a template makes: its text, the section it sits in, the paper it is about."""

    name: str
    text: str
    section: str  # the text opening its section, heading line first ("## Theme\n\nTODO: …\n")
    mentions: str  # the paper's arXiv id: a heading naming it means the paper has a section

    @property
    def heading(self) -> str:
        return self.section.strip("\n").split("\n", 1)[0].strip()


@dataclass
class Generated:
    """What a template makes for one period and language: every region's text, and which are seeds.

    A plain mapping of region texts (as a template without seeds, or a test, makes) is read as
    having no seeds.
    """

    texts: dict[str, str]
    seeds: list[Seed] = field(default_factory=list)

    @classmethod
    def of(cls, made: Generated | Mapping[str, str]) -> Generated:
        return made if isinstance(made, Generated) else cls(dict(made))


@dataclass
class Placement:
    text: str
    inserted: list[Seed] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unplaced: list[Seed] = field(default_factory=list)
    orphans: list[Region] = field(default_factory=list)  # edited seeds whose paper left the period

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.removed)


def place_seeds(document: str, seeds: Sequence[Seed], path: Path | str = "<text>") -> Placement:
    """Insert the seeds of papers without a section and remove untouched seeds of papers gone."""
    result = Placement(document)
    newline = "\r\n" if "\r\n" in document.split("\n", 1)[0] + "\n" else "\n"
    wanted = {seed.name for seed in seeds}
    for region in reversed(find_regions(document, path)):
        if region.seed and region.name not in wanted:
            if region.edited:
                result.orphans.insert(0, region)
            else:
                result.text = _cut(result.text, region, newline)
                result.removed.insert(0, region.name)
    for index, seed in enumerate(seeds):
        regions = {r.name: r for r in find_regions(result.text, path)}
        if seed.name in regions or _has_heading_naming(result.text, regions.values(), seed.mentions):
            continue
        spot = _spot(result.text, seeds, index, regions)
        if spot is None:
            result.unplaced.append(seed)
            continue
        offset, with_section = spot
        block = wrap(seed.name, seed.text, newline, seed=True)
        if with_section:
            block = seed.section.strip("\n").replace("\n", newline) + newline + newline + block
        result.text = _insert(result.text, offset, block, newline)
        result.inserted.append(seed)
    return result


def _spot(text: str, seeds: Sequence[Seed], index: int, regions: dict[str, Region]) -> tuple[int, bool] | None:
    """Where seed `index` goes: (offset of a line start, whether its section heading must be written too)."""
    seed = seeds[index]
    same = [s for s in seeds if s.section == seed.section]
    position = same.index(seed)
    for other in reversed(same[:position]):
        if other.name in regions:
            return regions[other.name].end_stop, False
    for other in same[position + 1:]:
        if other.name in regions:
            return regions[other.name].begin_start, False
    span = _section_span(text, seed.heading, regions.values())
    if span is not None:
        return span[1], False
    sections = list(dict.fromkeys(s.heading for s in seeds))
    at = sections.index(seed.heading)
    for heading in reversed(sections[:at]):
        span = _section_span(text, heading, regions.values())
        if span is not None:
            return span[1], True
    for heading in sections[at + 1:]:
        span = _section_span(text, heading, regions.values())
        if span is not None:
            return span[0], True
    return None


def _lines(text: str, regions: Iterable[Region]) -> list[tuple[int, str, bool]]:
    """(offset, line, is it prose a heading can be in): fenced code and generated (non-seed) regions are not."""
    spans = [(r.begin_start, r.end_stop) for r in regions if not r.seed]
    out: list[tuple[int, str, bool]] = []
    fences = FenceTracker()
    for found in _LINE.finditer(text):
        offset, line = found.start(), found.group(0)
        if not line:
            break
        content = line.rstrip("\r\n")
        in_region = any(a <= offset < b for a, b in spans)
        code = fences.code(content) if fences.open or not in_region else False  # a region opens no fence
        out.append((offset, content, not code and not in_region))
    return out


def _has_heading_naming(text: str, regions: Iterable[Region], arxiv_id: str) -> bool:
    pattern = re.compile(rf"(?<![\w./-]){re.escape(arxiv_id)}(?:v\d+)?(?![\w/-]|\.\d)")
    return any(prose and HEADING.match(line) and pattern.search(line) for _, line, prose in _lines(text, regions))


def _section_span(text: str, heading: str, regions: Iterable[Region]) -> tuple[int, int] | None:
    """(start of the heading line, end of the section's last non-blank line) of the section `heading` opens."""
    level_match = HEADING.match(heading)
    if level_match is None:
        return None
    level = len(level_match.group(1))
    lines = _lines(text, list(regions))
    start = next((i for i, (_, line, prose) in enumerate(lines) if prose and line.strip() == heading), None)
    if start is None:
        return None
    stop = len(lines)
    for i in range(start + 1, len(lines)):
        match = HEADING.match(lines[i][1]) if lines[i][2] else None
        if match and len(match.group(1)) <= level:
            stop = i
            break
    last = start
    for i in range(start, stop):
        if lines[i][1].strip():
            last = i
    end = lines[last + 1][0] if last + 1 < len(lines) else len(text)
    return lines[start][0], end


def _insert(text: str, offset: int, block: str, newline: str) -> str:
    """`block` as its own paragraph at a line start: one blank line before and after it."""
    before, after = text[:offset], text[offset:]
    if before and not before.endswith(("\n", "\r")):
        before += newline
    lead = newline if before and not before.endswith(newline + newline) and before.strip() else ""
    trail = newline if after and not after.startswith(("\n", "\r\n")) else ""
    return before + lead + block + newline + trail + after


def _cut(text: str, region: Region, newline: str) -> str:
    """The text without `region`'s lines (and without the blank line that separated it, if doubled)."""
    before, after = text[: region.begin_start], text[region.end_stop:]
    if before.endswith(newline + newline) and after.startswith(newline):
        after = after[len(newline):]
    return before + after
