"""What does `notes import` cost in a big collection, and does it stay independent of its size?

Builds a synthetic collection (default 20,000 notes, ~50 a week) in a temp dir, then times, in the same
run: reading every note file's bytes (the baseline: what a full scan costs at least), importing the
12-paper test digest (creates 12 notes), importing it again (all unchanged), importing the test daily
report (titles matched in the weeks around its date), and the same report when its titles are only
found by a full scan. Prints milliseconds and each as a ratio to the baseline.

    .venv/bin/python bench/notes_import.py [--notes 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from recweekly.config import load_config
from recweekly.notes.importing import import_files
from recweekly.notes.model import Note, render_note
from recweekly.notes.store import NoteStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ratios import ratio

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
DIGEST = FIXTURES / "digest" / "daily-digest.cs.IR.2026-03-03.md"
REPORT = FIXTURES / "daily_report" / "daily-report.2026-03-04.zh.txt"


def build(root: Path, count: int) -> NoteStore:
    (root / "recweekly.toml").write_text('name = "bench"\n', encoding="utf-8")
    store = NoteStore(load_config(root))
    start = dt.date(2018, 1, 1)
    for i in range(count):
        day = start + dt.timedelta(days=i * 7 // 50)
        note = Note(arxiv=f"{1800 + i // 90000:04d}.{10000 + i % 90000:05d}",
                    title=f"Synthetic paper {i}", date=day, authors=("A. Author", "B. Author"),
                    category="other", score=5, body="Some notes.\n")
        path = store.path_for(note)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_note(note), encoding="utf-8")  # no fsync: building is not what is measured
    return store


def timed(action: Callable[[], object], repeat: int, reset: Callable[[], None] | None = None) -> float:
    samples = []
    for _ in range(repeat):
        if reset:
            reset()
        began = time.perf_counter()
        action()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "blog"
        root.mkdir()
        store = build(root, args.notes)
        config = store.config
        week = root / "notes" / "2026" / "W10"

        def read_all() -> None:
            for path in store.root.rglob("*.md"):
                path.read_bytes()

        def clear_week() -> None:
            shutil.rmtree(week, ignore_errors=True)

        baseline = timed(read_all, args.repeat)
        first = timed(lambda: import_files([DIGEST], config), args.repeat, reset=clear_week)
        again = timed(lambda: import_files([DIGEST], config), args.repeat)
        report = timed(lambda: import_files([REPORT], config), args.repeat)
        # the same notes dated a year earlier: the report's titles are only found by a full scan
        clear_week()
        import_files([DIGEST], config, dt.date(2025, 3, 4))
        far = timed(lambda: import_files([REPORT], config), args.repeat)

    print(f"collection: {args.notes} notes; median of {args.repeat}")
    rows = [("read every note's bytes (baseline)", baseline), ("import digest, 12 new", first),
            ("import digest again, unchanged", again), ("import report, titles near its date", report),
            ("import report, titles found by full scan", far)]
    for name, seconds in rows:
        print(f"  {name:<44} {seconds * 1000:9.1f} ms   {seconds / baseline:6.2f}x baseline")
    # importing reads the notes near the file's date, never the whole collection: cheaper than the baseline
    ratio("import digest again / read every note", again / baseline, 1.0)
    ratio("import report near its date / read every note", report / baseline, 1.0)


if __name__ == "__main__":
    main()
