"""What every benchmark shares: timing two sides alternately, and one line per ratio with its target.

Alternating (a, b, a, b, …) makes load from other processes on a shared machine fall on both sides
alike; the medians are compared. Where the two sides are close and the machine's speed wanders
(a shared 2-core machine), `paired` compares each a with the b run next to it, in turns a-b and
b-a, and takes the median of those ratios. `ratio` prints the line `bench/run_all` collects:

    ratio <name>: 1.23x (target <= 1.5x) OK
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def alternate(a: Callable[[], object], b: Callable[[], object], repeat: int,
              clock: Callable[[], float] = time.perf_counter) -> tuple[float, float]:
    """Median seconds of `a` and of `b`, run in turns after one warm-up call each.

    `clock=time.process_time` counts this process's CPU time (its threads included) instead of the
    wall clock: other work on a shared machine then costs neither side anything.
    """
    a()
    b()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for side, action in enumerate((a, b)):
            start = clock()
            action()
            times[side].append(clock() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int,
           clock: Callable[[], float] = time.perf_counter) -> tuple[float, float, float]:
    """(median seconds of `a`, of `b`, median of b/a over adjacent runs), after one warm-up each.

    A pair is run a-b, the next b-a, so neither side always runs first (on the other's warm
    caches); a pair's two runs are a few milliseconds apart, so a change in the machine's speed
    between pairs cancels out of its ratio.
    """
    a()
    b()
    times: tuple[list[float], list[float]] = ([], [])
    ratios: list[float] = []
    for turn in range(repeat):
        pair = [0.0, 0.0]
        for side in ((0, 1) if turn % 2 == 0 else (1, 0)):
            action = (a, b)[side]
            start = clock()
            action()
            pair[side] = clock() - start
            times[side].append(pair[side])
        ratios.append(pair[1] / pair[0] if pair[0] > 0 else float("inf"))
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios)


def ratio(name: str, value: float, target: float, *, at_least: bool = False) -> bool:
    """Print one ratio beside its target (a ceiling, or with `at_least` a floor); True when met."""
    met = value >= target if at_least else value <= target
    sign = ">=" if at_least else "<="
    verdict = "OK" if met else ("BELOW" if at_least else "OVER")
    print(f"ratio {name}: {value:.2f}x (target {sign} {target:g}x) {verdict}")
    return met
