"""`stats`: what NotionNext will show for a post (字数, 阅读时长) and what papers it covers.

Words are counted the way NotionNext counts the published page (`wordcount.page_word_count`),
over the very blocks `publish` would send — so no front matter, Markdown syntax, link targets,
region markers or other HTML comments — with NotionNext's joins and its 0 for a post with a
password. The papers a post covers are the notes of its `period`: what its generated facts count
("36 papers"), so `stats` and the overview agree — including papers that appear only in the roundup
(no section, no id in the text) and papers added since the draft was made. Ids the text names
outside the period (a paper of an earlier week, cited) are listed apart. A post without a period (or
whose period has no notes) covers the ids it names, joined with the notes where they exist, so a
post whose notes were never collected still gets its word count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.check.references import paper_ids
from recweekly.config import Config
from recweekly.errors import InputError, RecweeklyError
from recweekly.fsutil import read_text
from recweekly.markdown import NOTES_HEADING, DocumentContext, parse_document
from recweekly.markdown.renderers.notion import document_to_blocks
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.listing import select_notes
from recweekly.notes.model import affiliation_of, parse_note
from recweekly.notes.store import NoteStore
from recweekly.periods import BadPeriod, parse_period
from recweekly.wordcount import WordCount, page_word_count


@dataclass
class PostStats:
    path: str
    words: int
    reading_minutes: int
    papers: list[str]
    also_named: list[str] = field(default_factory=list)  # ids named in the text, outside the period
    without_note: list[str] = field(default_factory=list)
    categories: dict[str, int] = field(default_factory=dict)
    affiliations: dict[str, int] = field(default_factory=dict)
    broken_notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "words": self.words,
            "reading_minutes": self.reading_minutes,
            "papers": len(self.papers),
            "paper_ids": self.papers,
            "also_named": self.also_named,
            "without_note": self.without_note,
            "categories": self.categories,
            "affiliations": self.affiliations,
            "broken_notes": self.broken_notes,
        }


def split_body(text: str, display: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a draft or post; the whole text is the body when there is none."""
    if not text.strip():
        raise InputError(f"{display}: file is empty")
    try:
        front = parse_front_matter(text, display)
    except FrontMatterProblem as exc:
        if text.startswith("---"):
            raise InputError(f"{display}: cannot read the front matter", [exc.problem]) from None
        return {}, text
    return front.data, front.body


def body_word_count(body: str, data: dict[str, Any]) -> WordCount:
    """字数 / 阅读时长 the page of this body will show (the notes heading is in the post's language)."""
    context = DocumentContext(notes_heading=NOTES_HEADING.get(str(data.get("lang")), "Notes"))
    blocks = document_to_blocks(parse_document(body, context)).blocks
    return page_word_count(blocks, password=data.get("password"))


def post_stats(config: Config | None, text: str, display: str) -> PostStats:
    data, body = split_body(text, display)
    counted = body_word_count(body, data)
    named = paper_ids(body)
    ids = (_period_paper_ids(config, text, display) if config is not None else []) or named
    stats = PostStats(display, counted.words, counted.minutes, ids, [i for i in named if i not in ids])
    if config is None:
        stats.without_note = list(ids)
        return stats
    store = NoteStore(config)
    categories: Counter[str] = Counter()
    affiliations: Counter[str] = Counter()
    stats.without_note = [i for i in stats.also_named if store.find_path(i) is None]
    for arxiv_id in ids:
        path = store.find_path(arxiv_id)
        if path is None:
            stats.without_note.append(arxiv_id)
            continue
        try:
            note, _ = parse_note(read_text(path), path, config)
        except InputError:
            note = None
        if note is None:
            stats.broken_notes.append(arxiv_id)
            continue
        categories[note.category or "uncategorised"] += 1
        affiliations[affiliation_of(note, config) or "unknown"] += 1
    stats.categories = dict(categories.most_common())
    stats.affiliations = dict(affiliations.most_common())
    return stats


def _period_paper_ids(config: Config, text: str, display: str) -> list[str]:
    """The notes of the post's `period`, in collection order (none if it has no period)."""
    try:
        period_text = parse_front_matter(text, display).data.get("period")
        period = parse_period(str(period_text)) if period_text else None
    except (FrontMatterProblem, BadPeriod):
        return []
    if period is None:
        return []
    try:
        return [n.arxiv for n in select_notes(NoteStore(config), period)]
    except RecweeklyError:
        return []  # broken notes are `check`'s to report; the word count still stands


def load_post_stats(config: Config | None, path: Path, display: str) -> PostStats:
    try:
        text = read_text(Path(path))
    except InputError as exc:
        if exc.problems:
            raise
        raise InputError(exc.message.replace(str(path), display, 1)) from None
    return post_stats(config, text, display)
