"""Versions of a post in git: the text of a post file at a commit, its history, and whether the file
on disk is exactly what a commit holds.

Git is recweekly's only memory of what it published (the fingerprint column records the commit a
page was written from; `--changed-since` names the commit the last run published), so telling an
edit made in Notion from a page that merely lags behind the post means reading old versions of
the post. Renames are followed (`git log --follow`): a post moved since it was published is still
the same post with the same page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

HISTORY_LIMIT = 30  # versions of one post looked at before giving up on finding the published one


@dataclass(frozen=True)
class Version:
    commit: str
    path: str  # relative to the repository root, as it was at `commit`
    text: str

    @property
    def short(self) -> str:
        return self.commit[:7]


def _blob_id(data: bytes) -> str:
    """The object id git gives these bytes (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class PostVersions:
    """Read-only access to the history of the blog's repository (GitPython, opened on first use)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @cached_property
    def repo(self) -> Any:
        import git  # lazy: start-up (GitPython loads only when used)

        try:
            return git.Repo(self.root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            return None

    @cached_property
    def top(self) -> Path | None:
        return Path(str(self.repo.working_tree_dir)).resolve() if self.repo is not None else None

    def relative(self, path: Path) -> str | None:
        """`path` relative to the repository root (POSIX), or None outside it."""
        if self.top is None:
            return None
        try:
            return Path(path).resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None

    @cached_property
    def head(self) -> str | None:
        try:
            return str(self.repo.head.commit.hexsha) if self.repo is not None else None
        except ValueError:  # unborn HEAD: no commit yet
            return None

    def blob(self, commit: str, path: str) -> bytes | None:
        """The bytes of `path` at `commit`, or None when either is unknown."""
        if self.repo is None:
            return None
        try:
            data: bytes = (self.repo.commit(commit).tree / path).data_stream.read()
        except Exception:  # unknown revision, path not in that tree, a shallow clone without it
            return None
        return data

    def committed(self, path: Path) -> str | None:
        """HEAD's commit when the file on disk is byte for byte what HEAD holds (line ends aside)."""
        rel = self.relative(path)
        if rel is None or self.head is None:
            return None
        try:
            data = Path(path).read_bytes()
            entry = self.repo.head.commit.tree / rel
        except (OSError, KeyError):
            return None
        if entry.hexsha in (_blob_id(data), _blob_id(data.replace(b"\r\n", b"\n"))):
            return self.head
        return None

    def dirty(self, path: Path) -> bool:
        """The file differs from HEAD (edited, staged or untracked): pull must not write over it."""
        rel = self.relative(path)
        if rel is None or self.repo is None:
            return False
        return self.committed(path) is None

    def history(self, path: Path, limit: int = HISTORY_LIMIT) -> list[tuple[str, str]]:
        """(commit, path at that commit) of the last `limit` commits that changed the file, newest first."""
        rel = self.relative(path)
        if rel is None or self.head is None:
            return []
        try:
            out = self.repo.git.log("--follow", f"-n{limit}", "--format=%H", "--name-only", "--", rel)
        except Exception:
            return []
        found: list[tuple[str, str]] = []
        commit = None
        for line in out.splitlines():
            line = line.strip()
            if not line:
                continue
            if commit is None:
                commit = line
            else:
                found.append((commit, line))
                commit = None
        return found

    def at(self, commit: str, path: Path) -> Version | None:
        """The post as it was at `commit` (under its name at the time, if it was renamed since)."""
        rel = self.relative(path)
        if rel is None:
            return None
        data = self.blob(commit, rel)
        where = rel
        if data is None:  # renamed since: its name then is the one of the last change at or before `commit`
            for seen, old in self.history(path):
                if self._is_ancestor(seen, commit):
                    data, where = self.blob(commit, old), old
                    break
        return self._version(commit, where, data)

    def _is_ancestor(self, older: str, newer: str) -> bool:
        try:
            return bool(self.repo.is_ancestor(older, newer))
        except Exception:
            return False

    def versions(self, path: Path, limit: int = HISTORY_LIMIT) -> list[Version]:
        """Every recent committed version of the post, newest first."""
        out = []
        for commit, old in self.history(path, limit):
            version = self._version(commit, old, self.blob(commit, old))
            if version is not None:
                out.append(version)
        return out

    def _full(self, commit: str) -> str | None:
        try:
            return str(self.repo.commit(commit).hexsha)
        except Exception:
            return None

    def _version(self, commit: str, path: str, data: bytes | None) -> Version | None:
        if data is None:
            return None
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None
        return Version(self._full(commit) or commit, path, text)
