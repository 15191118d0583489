"""Typed errors raised by library code; only the CLI turns them into messages and exit codes.

Which code an error exits with is decided in one table, `recweekly.cli.EXIT_CODES`, never here.

Every error that concerns a file carries `Problem`s with the file, line and field, so a user can
jump straight to the spot, and several problems can be reported in one run instead of one per run.
"""

from __future__ import annotations

import os
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
    """Base of every error recweekly raises on purpose."""

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


class ContentRejected(PostContentError):
    """An outside service understood the request and refused what the post says (Notion's 400 on a
    post's blocks): the fix is in the post, not the network, so it exits like any content problem."""


class RemoteError(RecweeklyError):
    """An outside service (arXiv, Notion) failed or refused; the network side, not the content."""


class ProblemsFound(RecweeklyError):
    """A command checked files and reported their problems itself (check, fill --check); this says so."""


class BatchError(RecweeklyError):
    """Some items of a batch failed (posts of a publish run); each item's error is kept, not a code.

    The CLI exits with the worst code among `errors`, so one post Notion could not take and one it
    failed to answer exit like the outage.
    """

    def __init__(self, message: str, errors: list[RecweeklyError]) -> None:
        super().__init__(message)
        self.errors = list(errors)


def redact(text: str) -> str:
    """Replace the Notion token (the value of NOTION_TOKEN) wherever output could carry it."""
    token = os.environ.get("NOTION_TOKEN", "").strip()
    return text.replace(token, "***") if len(token) >= 4 else text


class EditedInNotion(RecweeklyError):
    """A page was edited in Notion since it was last published, and the post does not hold that edit:
    publishing would overwrite it, so the page is left alone (`recweekly pull` brings the edit in)."""
