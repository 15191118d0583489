"""Cost of `fill --check` and `check` on one draft as the note history grows, same-run baselines.

Builds the synthetic blogs of `cli_latency.py` (20,000 notes over 400 weeks, and a blog with only
the middle week's 50 notes), writes that week's draft with `recweekly new` in both, and compares
the median wall time of each command on the big blog against the small one. `fill` reads only the
draft's week; `check` also looks up a note for every arXiv id the draft names, wherever its week.

    .venv/bin/python bench/fill_check.py [--notes 20000] [--per-week 50] [--repeat 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_spec = importlib.util.spec_from_file_location("cli_latency", Path(__file__).with_name("cli_latency.py"))
assert _spec and _spec.loader
cli_latency = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli_latency)
sys.path.insert(0, str(Path(__file__).parent))

from _ratios import ratio  # noqa: E402

# big/small ceilings: fill and stats read one week, so history must not show; check also finds a
# note per arXiv id the draft names (one listing of every week folder), so it may grow a little
TARGETS = {"fill --check": 1.3, "check": 1.2, "stats": 1.2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--per-week", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    recweekly = shutil.which("recweekly", path=str(Path(sys.executable).parent)) or "recweekly"
    with tempfile.TemporaryDirectory(prefix="recweekly-bench-") as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        big.mkdir()
        small.mkdir()
        t0 = time.perf_counter()
        year, week = cli_latency.build(big, args.notes, args.per_week)
        cli_latency.build(small, args.notes, args.per_week, only_week=(year, week))
        label = f"{year}-W{week:02d}"
        for root in (big, small):
            subprocess.run([recweekly, "new", "--week", label], cwd=root, check=True, capture_output=True)
        draft = f"drafts/{label}.en.md"
        print(f"built blogs and drafts in {time.perf_counter() - t0:.1f}s; median of {args.repeat} runs each\n")
        rows = []
        for name, cmd in (("fill --check", [recweekly, "fill", "--check", draft]),
                          ("check", [recweekly, "check", draft]),
                          ("stats", [recweekly, "stats", draft])):
            small_t, big_t = cli_latency.medians((cmd, small), (cmd, big), args.repeat)
            rows.append((name, small_t, big_t))
    print(f"{'command':<16}{'small blog':>22}{'big blog':>22}")
    print(f"{'':<16}{'wall':>11}{'cpu':>11}{'wall':>11}{'cpu':>11}")
    for name, small_t, big_t in rows:
        print(f"{name:<16}{small_t[0] * 1000:8.1f} ms{small_t[1] * 1000:8.1f} ms"
              f"{big_t[0] * 1000:8.1f} ms{big_t[1] * 1000:8.1f} ms")
    print()
    for name, small_t, big_t in rows:
        # CPU time: the steadier figure on a shared machine (wall time is shown above)
        ratio(f"{name} big/small blog (cpu)", big_t[1] / small_t[1], TARGETS[name])

if __name__ == "__main__":
    main()
