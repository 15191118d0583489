"""What an import did to each paper, and the lines a user checks before committing the notes.

`notes add` and `notes import` print the same report, and `--dry-run` prints it too, from the same
merge run with writing turned off: what a dry run promises is what the real run does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from recweekly.fsutil import shown_path


class Status(str, Enum):
    CREATED = "created"
    FILLED = "filled"  # empty keys of an existing note got values
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # not imported; `PaperOutcome.skipped` says why


@dataclass
class PaperOutcome:
    """What happened to one paper of one source."""

    source: str
    arxiv: str | None
    title: str
    line: int | None = None
    path: Path | None = None
    created: bool = False
    filled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the paper was not imported

    @property
    def status(self) -> Status:
        if self.skipped:
            return Status.SKIPPED
        if self.created:
            return Status.CREATED
        if self.filled:
            return Status.FILLED
        return Status.UNCHANGED

    def line_for(self, root: Path) -> str:
        """One line of the report; note paths shown relative to the blog."""
        if self.status is Status.SKIPPED:
            line = f" (line {self.line})" if self.line else ""
            return f"skipped   {self.source}{line}: {self.title!r}: {self.skipped}"
        text = f"{self.status.value:<9} {shown_path(self.path, root) if self.path else self.source}"
        if self.filled:
            text += f"  filled: {', '.join(self.filled)}"
        if self.conflicts:
            text += f"  conflicts (kept yours): {', '.join(self.conflicts)}"
        return text


@dataclass
class ImportReport:
    outcomes: list[PaperOutcome] = field(default_factory=list)
    dry_run: bool = False
    notices: list[str] = field(default_factory=list)  # worth a look, not a failure (printed as "note: …")
    remarks: list[str] = field(default_factory=list)  # after the papers: the day's record, what arXiv HTML said
    failures: list[str] = field(default_factory=list)  # ids whose arXiv HTML could not be read

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def conflicts(self) -> list[PaperOutcome]:
        return [o for o in self.outcomes if o.conflicts and not o.skipped]

    def summary_line(self) -> str:
        line = (f"{self.count(Status.CREATED)} created, {self.count(Status.FILLED)} filled, "
                f"{self.count(Status.UNCHANGED)} unchanged, {len(self.conflicts)} with conflicts (kept your value), "
                f"{self.count(Status.SKIPPED)} skipped")
        return line + (" (dry run: nothing written)" if self.dry_run else "")

    def lines(self, root: Path) -> list[str]:
        """One line per paper, the remarks, then the totals."""
        return [*(o.line_for(root) for o in self.outcomes), *self.remarks, self.summary_line()]

