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
