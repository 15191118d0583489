"""A blog with the week's notes and its weekly draft, as `recweekly new` writes it (the compose fixture)."""

from __future__ import annotations

import shutil
from pathlib import Path

from recweekly.compose.draft import create_draft
from recweekly.config import load_config
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_period

COMPOSE = Path(__file__).resolve().parent.parent / "compose"
FIXTURE_BLOG = COMPOSE / "fixtures" / "blog"
GOLDEN = COMPOSE / "golden"  # the golden drafts `new` writes from FIXTURE_BLOG


def w10_blog(root: Path, lang: str = "en") -> Path:
    """A copy of the fixture blog at `root` with drafts/2026-W10.<lang>.md; returns the draft."""
    shutil.copytree(FIXTURE_BLOG, root)
    for sub in ("drafts", "posts", "templates"):
        (root / sub).mkdir(exist_ok=True)
    config = load_config(root)
    path, _ = create_draft(config, NoteStore(config), parse_period("2026-W10"), lang)
    return path


def note_of_w10(root: Path) -> Path:
    """The note of 2603.03988 (SORT), whose summary feeds the weekly's generated regions."""
    return root / "notes" / "2026" / "W10" / "2603.03988.md"
