"""Three-way merge of two edited copies of one sequence (diff3), for blocks and for properties.

The page in Notion and the post in git both started from the version last published (the base).
What Notion changed relative to the base is an edit to bring into git; what git changed is an edit
to publish; where both changed the same stretch differently there is a conflict. The merge is what
a post holding both would look like, so publishing may overwrite the page exactly when the merge
equals the post (nothing of Notion's would be lost), and `pull` writes the merge into the file.

Sequences are of hashable items (block signatures); the result refers back to the page's or the
post's items by index, so callers keep their own objects.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Conflict:
    base: tuple[int, int]  # [start, end) in the base
    page: tuple[int, int]
    new: tuple[int, int]


@dataclass
class Merged:
    items: list[tuple[str, int]] = field(default_factory=list)  # ("page" | "new", index), in order
    conflicts: list[Conflict] = field(default_factory=list)

    def differs_from_new(self, count: int) -> bool:
        """The merge is not the post's `count` items as they are: the page added, changed or removed some."""
        return self.items != [("new", index) for index in range(count)]


def _matches(a: Sequence[Hashable], b: Sequence[Hashable]) -> dict[int, int]:
    matcher = difflib.SequenceMatcher(None, list(a), list(b), autojunk=False)
    pairs: dict[int, int] = {}
    for i, j, size in matcher.get_matching_blocks():
        for offset in range(size):
            pairs[i + offset] = j + offset
    return pairs


def merge3(base: Sequence[Hashable], page: Sequence[Hashable], new: Sequence[Hashable], *,
           prefer_page: bool = False) -> Merged:
    """diff3: stretches only one side changed take that side; both changed alike, either; both
    changed differently is a conflict (the post's side is kept, or the page's with `prefer_page`)."""
    on_page, on_new = _matches(base, page), _matches(base, new)
    out = Merged()
    i = j = k = 0
    while True:
        stable = next((b for b in range(i, len(base))
                       if b in on_page and b in on_new and on_page[b] >= j and on_new[b] >= k), None)
        ends = (len(base), len(page), len(new)) if stable is None else (stable, on_page[stable], on_new[stable])
        _resolve(base, page, new, (i, ends[0]), (j, ends[1]), (k, ends[2]), out, prefer_page)
        if stable is None:
            return out
        out.items.append(("new", on_new[stable]))
        i, j, k = stable + 1, on_page[stable] + 1, on_new[stable] + 1


def _resolve(base: Sequence[Hashable], page: Sequence[Hashable], new: Sequence[Hashable],
             b: tuple[int, int], p: tuple[int, int], n: tuple[int, int], out: Merged, prefer_page: bool) -> None:
    old, mine, theirs = list(base[b[0]:b[1]]), list(page[p[0]:p[1]]), list(new[n[0]:n[1]])
    if mine in (old, theirs):
        out.items.extend(("new", x) for x in range(*n))
    elif theirs == old:
        out.items.extend(("page", x) for x in range(*p))
    elif len(old) == len(mine) == len(theirs) and all(
            m in (o, t) or t == o for o, m, t in zip(old, mine, theirs, strict=True)):
        # neighbouring items edited in place, each on one side only (one paragraph in git, the
        # next in Notion): item by item, no conflict
        for offset, (o, m) in enumerate(zip(old, mine, strict=True)):
            out.items.append(("new", n[0] + offset) if m == o or m == new[n[0] + offset] else ("page", p[0] + offset))
    else:
        out.conflicts.append(Conflict(b, p, n))
        if prefer_page:
            out.items.extend(("page", x) for x in range(*p))
        else:
            out.items.extend(("new", x) for x in range(*n))


def merge_values(base: Mapping[str, Any] | None, page: Mapping[str, Any], new: Mapping[str, Any],
                 ) -> tuple[dict[str, str], list[str]]:
    """Per key of `new`: which side the merge takes ("new" | "page"), and the keys in conflict.

    Values are compared as given (callers pass canonical forms). Without a base, every difference
    counts as an edit made in Notion.
    """
    sides: dict[str, str] = {}
    conflicts: list[str] = []
    for key, value in new.items():
        have = page.get(key, value)
        was = base.get(key) if base is not None else value
        if have in (value, was):
            sides[key] = "new"
        elif value == was:
            sides[key] = "page"
        else:
            sides[key] = "page"
            conflicts.append(key)
    return sides, conflicts
