"""Writing notes for tests in the on-disk layout, and snapshotting a tree to prove nothing changed."""

from __future__ import annotations

import hashlib
from pathlib import Path


def write_note(root: Path, arxiv: str, day: str, extra: str = "", body: str = "Notes.\n",
               week_dir: str | None = None) -> Path:
    import datetime as dt

    d = dt.date.fromisoformat(day)
    year, week, _ = d.isocalendar()
    folder = root / "notes" / (week_dir or f"{year:04d}/W{week:02d}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{arxiv.replace('/', '_')}.md"
    path.write_text(
        f"---\narxiv: '{arxiv}'\ntitle: Paper {arxiv}\ndate: {day}\n{extra}---\n\n{body}", encoding="utf-8"
    )
    return path


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
