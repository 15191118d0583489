"""Which posts changed between a revision and HEAD, from git's trees.

The Action passes the push's `before` commit. Diffing the two *trees* (not walking the commits in
between) means a merge commit's files are found like any other, and a force-push that skipped
commits still yields exactly what differs on the blog. An all-zero revision (GitHub's `before` on
a branch's first push) means "everything". A deleted post is returned with its text at REV so the
publisher can learn its slug and unpublish it; a renamed post keeps its slug, hence its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from recweekly.errors import InputError, Problem

ZERO_REV = re.compile(r"^0+$")


ChangeStatus = Literal["added", "modified", "renamed", "deleted"]

@dataclass(frozen=True)
class PostChange:
    """One post file that differs between REV and HEAD (paths relative to the repository root)."""

    status: ChangeStatus
    path: str | None  # at HEAD; None when deleted
    old_path: str | None = None  # at REV; None when added
    old_text: str | None = None  # content at REV, for deleted posts


@dataclass
class ChangeSet:
    everything: bool = False  # publish every post (all-zero REV)
    changes: list[PostChange] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)  # non-post files under posts/ (images…)
    warnings: list[str] = field(default_factory=list)


def is_zero_rev(rev: str) -> bool:
    return bool(ZERO_REV.match(rev.strip()))


def changed_posts(repo_dir: Path, posts_dir: Path, rev: str) -> ChangeSet:
    """Posts under `posts_dir` added, modified, renamed or deleted between `rev` and HEAD."""
    import git  # lazy: start-up (GitPython loads only when used)

    if is_zero_rev(rev):
        return ChangeSet(everything=True)
    try:
        repo = git.Repo(repo_dir, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise InputError(f"--changed-since needs a git repository; {repo_dir} is not inside one") from None
    root = Path(str(repo.working_tree_dir)).resolve()
    try:
        rel = posts_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        raise InputError(f"{posts_dir} is outside the git repository {root}") from None
    try:
        head = repo.head.commit
    except ValueError:
        raise InputError("the repository has no commit yet (HEAD is unborn)") from None
    try:
        base = repo.commit(rev)
    except (git.BadName, git.BadObject, ValueError):
        raise InputError(
            f"--changed-since: unknown revision {rev!r}",
            [Problem("<git>", "fetch the full history (actions/checkout with fetch-depth: 0), "
                              "or publish everything with --all", field="--changed-since")],
        ) from None

    result = ChangeSet()
    prefix = rel + "/" if rel not in ("", ".") else ""
    for diff in base.diff(head, paths=[rel] if prefix else None):
        a_path, b_path = diff.a_path, diff.b_path
        kind = diff.change_type
        paths = [p for p in (a_path, b_path) if p]
        if not any(p.startswith(prefix) for p in paths):
            continue
        is_post = any(_is_post(p) for p in paths)
        if not is_post:
            result.other_files.extend(p for p in {a_path, b_path} if p and p.startswith(prefix))
            continue
        if kind == "D" or (b_path and not _is_post(b_path)):
            old_text = _blob_text(diff.a_blob)
            result.changes.append(PostChange("deleted", None, a_path, old_text))
        elif kind == "A" or (a_path and not _is_post(a_path)) or (kind == "R" and not a_path.startswith(prefix)):
            result.changes.append(PostChange("added", b_path))
        elif kind == "R" and a_path != b_path:
            result.changes.append(PostChange("renamed", b_path, a_path, _blob_text(diff.a_blob)))
        else:  # M, T, C
            result.changes.append(PostChange("modified", b_path, a_path))
    return result


def _is_post(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() == ".md"


def _blob_text(blob: object) -> str | None:
    if blob is None:
        return None
    try:
        data: bytes = blob.data_stream.read()  # type: ignore[attr-defined]
    except Exception:  # a missing object in a partial clone: the slug is then unknown
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
