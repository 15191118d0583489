"""Start-up latency of the CLI, measured against baselines taken in the same run.

1. `recweekly --help` against `python -c "import click"`: the group must not import the heavy
   modules (Jinja2, Babel, mistune, GitPython, requests). Target: ratio ≤ 1.5.
2. `recweekly new --week W --stdout` on a synthetic blog of 20,000 notes (50 a week over 400
   weeks) against the same command on a blog holding only that week's 50 notes. `new` reads only
   the week's directory, so the history must cost nothing. Target: ratio ≤ 1.2.

Every figure is the median of several subprocess runs (wall clock, including interpreter start).

    .venv/bin/python bench/cli_latency.py [--notes 20000] [--per-week 50] [--repeat 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _ratios import ratio

CATEGORIES = ["discriminative-rec", "generative-rec", "llm", "other"]
ORGS = ["Alibaba", "Kuaishou", "Tencent", "Tsinghua University", "Some Lab"]
THEMES = ["Ranking Architecture", "Generative Recommendation", "LLM-Enhanced Recommendation", None]
NOTE = """\
---
arxiv: '{arxiv}'
title: A Scalable Ranking Transformer number {i} for Industrial Recommendation
model: M{i}
authors:
- Ada Lovelace
- Alan Turing
date: {date}
category: {category}
orgs:
- {org}
{theme}tags:
- ranking
- tag{tag}
score: {score}
highlights:
- orders +{i}.0%
summary:
  en: Proposes model M{i}, which improves ranking quality. It also reports an online test.
  zh: 提出模型 M{i}，提升排序效果。并报告了线上实验。
---

Free notes about paper {i}: what to check when reading it in full.
"""


def build(root: Path, count: int, per_week: int, only_week: tuple[int, int] | None = None) -> tuple[int, int]:
    """Write `count` notes, `per_week` per ISO week; with only_week, keep just that week's notes."""
    (root / "recweekly.toml").write_text('name = "Bench Blog"\n', encoding="utf-8")
    start = dt.date(2018, 1, 1)  # a Monday
    middle = None
    for i in range(count):
        day = start + dt.timedelta(days=(i // per_week) * 7 + (i % per_week) % 7)
        year, week, _ = day.isocalendar()
        if i == count // 2:
            middle = (year, week)
        if only_week is not None and (year, week) != only_week:
            continue
        arxiv = f"{day:%y%m}.{i:05d}"
        theme = THEMES[i % len(THEMES)]
        path = root / "notes" / f"{year:04d}" / f"W{week:02d}" / f"{arxiv}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(NOTE.format(
            arxiv=arxiv, i=i, date=day.isoformat(), category=CATEGORIES[i % 4], org=ORGS[i % len(ORGS)],
            theme=f"theme: {theme}\n" if theme else "", tag=i % 7, score=1 + i % 10), encoding="utf-8")
    assert middle is not None
    return middle


Timing = tuple[float, float]  # (median wall seconds, median CPU seconds of the child: user + sys)


def medians(a: tuple[list[str], Path], b: tuple[list[str], Path], repeat: int) -> tuple[Timing, Timing]:
    """Median wall and CPU time of two commands, runs interleaved (a, b, a, b, …) so that load from
    other processes on a shared machine falls on both sides alike. CPU time (the child's user + sys)
    is the steadier figure when the machine is busy; wall time is what a user waits."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for cmd, cwd in (a, b):
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)  # warm the OS caches
    for _ in range(repeat):
        for side, (cmd, cwd) in enumerate((a, b)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
            wall[side].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[side].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return ((statistics.median(wall[0]), statistics.median(cpu[0])),
            (statistics.median(wall[1]), statistics.median(cpu[1])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--per-week", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    python = sys.executable
    recweekly = shutil.which("recweekly", path=str(Path(python).parent)) or "recweekly"
    with tempfile.TemporaryDirectory(prefix="recweekly-bench-") as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        big.mkdir()
        small.mkdir()
        t0 = time.perf_counter()
        year, week = build(big, args.notes, args.per_week)
        build(small, args.notes, args.per_week, only_week=(year, week))
        label = f"{year}-W{week:02d}"
        small_count = len(list((small / "notes").rglob("*.md")))
        print(f"built {args.notes} notes (big) and {small_count} notes of {label} (small) "
              f"in {time.perf_counter() - t0:.1f}s; median of {args.repeat} runs each\n")

        click_import, help_time = medians(([python, "-c", "import click"], small), ([recweekly, "--help"], small),
                                          args.repeat)
        new_cmd = [recweekly, "new", "--week", label, "--stdout"]
        new_small, new_big = medians((new_cmd, small), (new_cmd, big), args.repeat)
        same = subprocess.run(new_cmd, cwd=big, capture_output=True, text=True, check=True).stdout == \
            subprocess.run(new_cmd, cwd=small, capture_output=True, text=True, check=True).stdout

    rows = [
        ("python -c 'import click'", click_import),
        ("recweekly --help", help_time),
        (f"recweekly new --week {label} --stdout (small blog, {small_count} notes)", new_small),
        (f"recweekly new --week {label} --stdout (big blog, {args.notes} notes)", new_big),
    ]
    print(f"{'':<72} {'wall':>9} {'cpu':>9}")
    for name, (wall, cpu) in rows:
        print(f"{name:<72} {wall * 1000:6.1f} ms {cpu * 1000:6.1f} ms")
    print()
    for name, (num, den), target in (("--help / import click", (help_time, click_import), 1.5),
                                     ("new big / new small", (new_big, new_small), 1.2)):
        for kind, index in (("wall", 0), ("cpu", 1)):
            ratio(f"{name} ({kind})", num[index] / den[index], target)
    print(f"same draft from both blogs: {same}")


if __name__ == "__main__":
    main()
