"""One request every N seconds to a host, kept across runs: the last request's time lives in the cache.

arXiv asks for one request every 3 seconds. A client that paces only itself lets two quick runs in a
row (an import, then an `enrich` a second later) or two runs at once hit arXiv back to back, so the
time of the last request is kept in `<cache dir>/pace.json` (per host), read before each request and
written right after, atomically (`enrich_state.py`). Where the platform has `fcntl`, a lock
is held from the read to the write, so concurrent runs queue instead of both reading the same old
time. The clock is wall-clock time (it must mean the same in the next process); a time in the
future, after the clock moved back, costs at most one interval.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

from recweekly.notes.enrich_state import EnrichState

STATE_FILE = "pace.json"


class Pace:
    """Waits before each request so that requests to `host` are `interval` seconds apart."""

    def __init__(self, host: str, interval: float, cache: EnrichState, *,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep) -> None:
        self.host = host
        self.interval = interval
        self.cache = cache
        self.clock = clock
        self.sleep = sleep
        self.waited = 0.0  # seconds spent waiting, for the benchmark
        self.requests = 0
        self._last: float | None = None  # kept in memory too, for a run without a cache

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for this request's turn, and record it as sent now."""
        with self.cache.lock(STATE_FILE):
            state = self.cache.read(STATE_FILE)
            stored = state.get(self.host)
            times = [t for t in (self._last, stored) if isinstance(t, (int, float))]
            if times:
                remaining = min(self.interval, max(times) + self.interval - self.clock())
                if remaining > 0:
                    self.sleep(remaining)
                    self.waited += remaining
            self._last = self.clock()
            self.requests += 1
            self.cache.write(STATE_FILE, {**state, self.host: self._last})
        yield
