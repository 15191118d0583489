"""Pausing Python's cyclic garbage collector around work that allocates much and makes no cycles.

The preview's page (parse, Notion blocks, word count, HTML) makes tens of thousands of small dicts,
lists and tuples and no reference cycle. The collector's passes, triggered by those allocations
alone, walk every live object — the whole token tree and block tree included — and find nothing.
Reference counting still frees everything as before; collection resumes on exit (and catches any
cycle then: its first pass walks whatever was allocated meanwhile and is still alive, which is why
callers drop the tokens before leaving). Not used by `markdown_to_blocks` alone: counted in
instructions, there the pause saved 1-2% on long posts and cost 6-7% on short ones."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
