"""What one run would do to one page (a Plan), from a post rendered ahead of any call (Rendered).

Kept apart from the publisher so the plan can be read, printed and tested without the machinery
that makes and carries it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recweekly.publish.blockdiff import Op, count_blocks, op_size
from recweekly.publish.sync.jobs import Job


@dataclass
class Rendered:
    """A post's blocks, ready to diff: local images are known by content hash."""

    blocks: list[dict[str, Any]]
    hashes: dict[str, str]
    warnings: list[str]
    page: dict[str, Any] = field(default_factory=dict)  # icon / cover to set (None: remove); see pagefields


@dataclass
class Plan:
    """What one run would do to one page. `action`: create | update | unchanged | unpublish."""

    job: Job
    action: str
    page_id: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)  # property values to send
    page_fields: dict[str, Any] = field(default_factory=dict)  # icon / cover to send with them
    ops: list[Op] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # extra pages with the same slug, to trash
    trash: bool = False
    # with notion.fingerprint_property set: the column, the value to write last (None: nothing to
    # write), and whether the page's fingerprint matched so its blocks were not read at all
    fingerprint_column: str = ""
    fingerprint: str | None = None
    fingerprint_hit: bool = False
    clear_fingerprint: bool = False  # the page holds a fingerprint and blocks will change: clear it first

    @property
    def block_changes(self) -> int:
        if self.action == "create":
            return 0
        return sum(op_size(op) for op in self.ops)

    def describe(self, rendered: Rendered | None = None) -> str:
        if self.action == "create":
            n = count_blocks(rendered.blocks) if rendered else 0
            return f"create ({n} block{'s' if n != 1 else ''})"
        if self.action == "unpublish":
            return "unpublish (trash page)" if self.trash else "unpublish (status Invisible)"
        if self.action == "unchanged":
            return "unchanged (fingerprint)" if self.fingerprint_hit else "unchanged"
        if self.fingerprint and not (self.properties or self.page_fields or self.ops or self.duplicates):
            return "update (fingerprint only)"
        parts = []
        if self.properties:
            parts.append(f"{len(self.properties)} propert{'y' if len(self.properties) == 1 else 'ies'}")
        parts += sorted(self.page_fields)
        parts.append(f"{self.block_changes} block change{'s' if self.block_changes != 1 else ''}")
        if self.duplicates:
            parts.append(f"trash {len(self.duplicates)} duplicate page(s)")
        return "update with " + ", ".join(parts)
