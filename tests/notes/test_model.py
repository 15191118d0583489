"""The note model (`recweekly/notes/model.py`): what a note says beyond its own keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recweekly.config import load_config
from recweekly.notes.model import Note, affiliation_of


def test_affiliation_is_derived_from_known_orgs(blog: Path) -> None:
    config = load_config(blog)
    base = Note(arxiv="1", title="t", date=dt.date(2026, 1, 1))
    assert affiliation_of(base.with_changes(orgs=("Kuaishou", "快手")), config) == "industry"
    assert affiliation_of(base.with_changes(orgs=("Kuaishou", "Tsinghua")), config) == "mixed"
    assert affiliation_of(base.with_changes(orgs=("清华大学",)), config) == "academic"
    assert affiliation_of(base.with_changes(orgs=("Unknown Lab",)), config) is None
    assert affiliation_of(base.with_changes(orgs=("Unknown Lab",), affiliation="academic"), config) == "academic"


def _problems(blog: Path, extra: str) -> list[tuple[str | None, str]]:
    from recweekly.notes.model import parse_note

    text = f"---\narxiv: '2603.00001'\ntitle: T\ndate: 2026-03-02\n{extra}---\n"
    note, problems = parse_note(text, Path("2603.00001.md"), load_config(blog))
    return [(p.field, p.message) for p in problems] if problems else [("ok", repr(note))]


def test_the_keys_recweekly_fills_are_validated(blog: Path) -> None:
    assert _problems(blog, "figure: 2603.00001.figure.png\nfigure_caption: 'Figure 1: x'\n"
                           "suggested_category: llm\nsuggested_theme: ranking\n")[0][0] == "ok"
    assert _problems(blog, "figure: ../elsewhere/x.png\n") == [
        ("figure", "expected a file name next to the note (no folders), got '../elsewhere/x.png'")]
    assert _problems(blog, "figure: x.svg\n")[0][1].startswith("expected an image file (.png, .jpg")
    assert _problems(blog, "suggested_category: ranking\n")[0] == (
        "suggested_category", "unknown category 'ranking'; expected one of discriminative-rec, generative-rec, "
                              "llm, other")
    assert _problems(blog, "figure_caption: [a, b]\n")[0][0] == "figure_caption"


def test_a_new_note_shows_only_the_keys_a_person_fills(blog: Path) -> None:
    from recweekly.notes.model import render_note

    note = Note(arxiv="2603.00001", title="T", date=dt.date(2026, 3, 2))
    text = render_note(note)
    assert "figure" not in text and "suggested_" not in text and "category:\n" in text
    shown = render_note(note.with_changes(suggested_category="llm", figure="2603.00001.figure.png"))
    assert "theme:\nsuggested_category: llm\ntags: []" in shown and "figure: 2603.00001.figure.png\n" in shown
