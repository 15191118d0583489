"""How much does loading notes cost over just reading their bytes?

Builds a synthetic collection of 20,000 notes (about 50 a week over ~400 weeks) in a temp dir, then
measures, in the same run: reading the raw bytes of one week's files vs `NoteStore.load_week`, and
reading the raw bytes of every file vs `NoteStore.load_all` — once with no cache (every note parsed)
and then as a second run finds it, with the cache of parsed notes warm (a new NoteStore each time,
so the cache is read from disk as a new process would). Prints the ratios.
Then what `new` / `fill` pay for a week beyond loading it: `select_notes` (the week loaded, plus the
`date:` line of every note in the 8 weeks either side, so a note filed in the wrong week is reported)
against `load_week` alone, and the whole-blog scan `check` does, each with a fresh store as a command
has, the sides alternated.

    .venv/bin/python bench/notes_load.py [--notes 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from recweekly.config import load_config
from recweekly.notes.filing import NEARBY_WEEKS, misfiled_notes
from recweekly.notes.listing import select_notes
from recweekly.notes.model import Note, render_note
from recweekly.notes.store import NoteStore
from recweekly.periods import week as iso_week

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ratios import alternate, ratio

CATEGORIES = ["discriminative-rec", "generative-rec", "llm", "other"]
ORGS = ["Alibaba", "Kuaishou", "Tencent", "Tsinghua University", "Some Lab"]


def build(root: Path, count: int) -> NoteStore:
    (root / "recweekly.toml").write_text('name = "bench"\n', encoding="utf-8")
    store = NoteStore(load_config(root))
    start = dt.date(2018, 1, 1)
    for i in range(count):
        day = start + dt.timedelta(days=i * 7 // 50)
        note = Note(
            arxiv=f"{day:%y%m}.{i:05d}",
            title=f"A Scalable Ranking Transformer number {i} for Industrial Recommendation",
            date=day,
            model=f"M{i}",
            authors=("Ada Lovelace", "Alan Turing", "Grace Hopper"),
            category=CATEGORIES[i % 4],
            orgs=(ORGS[i % 5],),
            theme=f"Theme {i % 6}",
            tags=("ranking", "scaling"),
            score=1 + i % 10,
            highlights=("GMV +1.2%",),
            summary={"en": "An English one-line take on the paper.", "zh": "这篇论文的一句话中文总结。"},
            body="Abstract: " + "Some words about the method and the results. " * 20,
        )
        path = store.path_for(note)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_note(note), encoding="utf-8")
    return store


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        store = build(root, args.notes)
        built = time.perf_counter()
        print(f"built {args.notes} notes in {built - t0:.1f}s")
        week_dir = sorted((root / "notes").glob("*/W*"))[len(list((root / "notes").glob("*/W*"))) // 2]
        year, week = int(week_dir.parent.name), int(week_dir.name[1:])
        week_files = sorted(week_dir.glob("*.md"))
        all_files = sorted((root / "notes").glob("*/W*/*.md"))

        config = store.config
        cold_dirs = iter(range(10_000))

        def cold_load() -> object:
            os.environ["RECWEEKLY_CACHE_DIR"] = str(root / f"cold-{next(cold_dirs)}")
            return NoteStore(config).load_all()

        raw_week = best(lambda: [p.read_bytes() for p in sorted(week_dir.glob("*.md"))], args.repeat)

        def cold_week() -> object:
            os.environ["RECWEEKLY_CACHE_DIR"] = str(root / f"cold-{next(cold_dirs)}")
            return NoteStore(config).load_week(year, week)

        load_week = best(cold_week, args.repeat)
        raw_all = best(lambda: [p.read_bytes() for p in sorted((root / "notes").glob("*/W*/*.md"))],
                       max(1, args.repeat // 2))
        load_all = best(cold_load, max(1, args.repeat // 2))
        os.environ["RECWEEKLY_CACHE_DIR"] = str(root / "warm")
        time.sleep(max(0.0, 2.1 - (time.perf_counter() - built)))  # files younger than 2 s are never cached
        NoteStore(config).load_all()  # the first run fills the cache
        raw_warm, load_warm = alternate(
            lambda: [p.read_bytes() for p in sorted((root / "notes").glob("*/W*/*.md"))],
            lambda: NoteStore(config).load_all(), max(1, args.repeat // 2))

        print(f"one week ({year}-W{week:02d}, {len(week_files)} notes): read bytes {raw_week * 1e3:.2f} ms, "
              f"load_week {load_week * 1e3:.2f} ms, ratio {load_week / raw_week:.1f}x")
        print(f"everything ({len(all_files)} notes): read bytes {raw_all:.3f} s, load_all {load_all:.3f} s, "
              f"ratio {load_all / raw_all:.1f}x (no cache: every note parsed)")
        print(f"everything, second run: read bytes {raw_warm:.3f} s, load_all {load_warm:.3f} s, "
              f"ratio {load_warm / raw_warm:.1f}x (cache of parsed notes warm)")
        print(f"one week vs everything: load_week is {load_all / load_week:.0f}x cheaper than load_all")
        weeks = len(list((root / "notes").glob("*/W*")))
        # a week's draft must cost one folder, not the history: at least half of the weeks ratio
        ratio(f"load_all / load_week ({weeks} weeks)", load_all / load_week, weeks / 2, at_least=True)
        ratio(f"load_all, cache warm / read bytes ({len(all_files)} notes)", load_warm / raw_warm, 3)

        config, period = store.config, iso_week(year, week)
        plain: list[float] = []
        scanned: list[float] = []
        everywhere: list[float] = []
        for _ in range(args.repeat):  # alternate the sides so drift hits them alike
            t0 = time.perf_counter()
            NoteStore(config).load_week(year, week)
            plain.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            select_notes(NoteStore(config), period)
            scanned.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            misfiled_notes(NoteStore(config))
            everywhere.append(time.perf_counter() - t0)
        base, near, full = (statistics.median(t) for t in (plain, scanned, everywhere))
        print(f"a week's notes for new/fill: load_week {base * 1e3:.1f} ms, select_notes (+ misfiled notes of the "
              f"{2 * NEARBY_WEEKS} weeks around) {near * 1e3:.1f} ms, ratio {near / base:.1f}x; check's scan of "
              f"all {len(all_files)} notes {full * 1e3:.0f} ms ({full / base:.0f}x load_week)")


if __name__ == "__main__":
    main()
