"""Cutting a tree of new blocks into requests Notion accepts.

One append (or page create) may carry at most 100 blocks per array, 1,000 blocks in all, and the top
level plus two levels of children. Whatever does not fit is *deferred*: sent afterwards to the
block that will hold it, once that block exists and has an id. Deferred items are always a suffix
of some children list, so appending them at the end of their parent keeps the order of the
Markdown. Pure functions: the splitting is tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recweekly.publish.signatures import children_of, with_children

MAX_ARRAY = 100
MAX_BLOCKS = 1000
MAX_NESTING = 2  # levels of children below the top blocks of a request

# Blocks Notion cannot create empty: their children must come in the same request.
NEEDS_CHILDREN = frozenset({"table"})


@dataclass(frozen=True)
class Deferred:
    """Children still to send: `path` indexes the chunk (top index, child index, …) to the parent."""

    path: tuple[int, ...]
    blocks: list[dict[str, Any]]


def take_chunk(
    blocks: list[dict[str, Any]], start: int = 0, budget: int = MAX_BLOCKS
) -> tuple[list[dict[str, Any]], list[Deferred], int]:
    """The next request's top blocks from `blocks[start:]`, what they defer, and the next start."""
    chunk: list[dict[str, Any]] = []
    deferred: list[Deferred] = []
    used = 0
    index = start
    while index < len(blocks) and len(chunk) < MAX_ARRAY:
        taken = _prune(blocks[index], 0, budget - used, (len(chunk),))
        if taken is None:
            if not chunk:  # cannot happen with a sane budget; refuse rather than loop forever
                raise ValueError("a single block does not fit in one request")
            break
        block, count, later = taken
        chunk.append(block)
        deferred.extend(later)
        used += count
        index += 1
    return chunk, deferred, index


def _prune(
    block: dict[str, Any], depth: int, budget: int, path: tuple[int, ...]
) -> tuple[dict[str, Any], int, list[Deferred]] | None:
    kids = children_of(block)
    needs = block.get("type") in NEEDS_CHILDREN and bool(kids)
    if budget < (2 if needs else 1):
        return None
    if not kids:
        return block, 1, []
    nested_table = depth + 1 == MAX_NESTING and any(
        k.get("type") in NEEDS_CHILDREN and children_of(k) for k in kids
    )
    if depth >= MAX_NESTING or nested_table:
        if needs:
            return None  # a table cannot be created without its rows
        return with_children(block, []), 1, [Deferred(path, kids)]
    used = 1
    included: list[dict[str, Any]] = []
    deferred: list[Deferred] = []
    for index, kid in enumerate(kids):
        if len(included) >= MAX_ARRAY:
            break
        taken = _prune(kid, depth + 1, budget - used, (*path, index))
        if taken is None:
            break
        included.append(taken[0])
        used += taken[1]
        deferred.extend(taken[2])
    if needs and not included:
        return None
    rest = kids[len(included):]
    if rest:
        deferred.append(Deferred(path, rest))
    return with_children(block, included), used, deferred
