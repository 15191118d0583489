"""Typed errors raised by library code; only the CLI turns them into messages and exit codes.

Every error that concerns a file carries `Problem`s with the file, line and field, so a user can
jump straight to the spot, and several problems can be reported in one run instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: Path | str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class RecweeklyError(Exception):
    """Base of every error recweekly raises on purpose. `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class ConfigError(RecweeklyError):
    """The blog's configuration is missing, unreadable or has bad keys or values."""


class NoteError(RecweeklyError):
    """One or more notes are broken (YAML, types, values, duplicates)."""


class InputError(RecweeklyError):
    """A file given on the command line cannot be read or understood."""


class PostContentError(RecweeklyError):
    """A post cannot be published as written (e.g. an image it shows is missing from the repo)."""


class RemoteError(RecweeklyError):
    """An outside service (arXiv, Notion) failed or refused; the network side, not the content."""

    exit_code = 3
