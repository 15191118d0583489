"""Moving a file inside a blog the way git expects: `git mv` when it is tracked, so history follows.

Shared by `promote` (a draft becomes a post) and `notes move` (a note is re-filed under another
week). The moved file is staged in both cases (an untracked one is `git add`-ed), so the change is
ready to commit; outside a git repository the file is just moved. GitPython is imported here, on
first use, so commands that never move a file do not pay for it.
"""

from __future__ import annotations

import os
from pathlib import Path

from recweekly.errors import RecweeklyError


def move_file(source: Path, destination: Path) -> str:
    """Move `source` to `destination`; say how: "git mv", "move + git add" or "move"."""
    import git  # lazy: start-up (GitPython loads only when used)

    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        repo = git.Repo(source.resolve().parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        os.replace(source, destination)
        return "move"
    workdir = Path(str(repo.working_tree_dir)).resolve()
    src = str(source.resolve().relative_to(workdir))
    dst = str(destination.resolve().relative_to(workdir))
    try:
        tracked = bool(repo.git.ls_files("--", src).strip())
        if tracked:
            repo.git.mv("--", src, dst)
            repo.git.add("--", dst)
            return "git mv"
        os.replace(source, destination)
        try:
            repo.git.add("--", dst)
        except git.GitCommandError:
            os.replace(destination, source)
            raise
        return "move + git add"
    except git.GitCommandError as exc:
        raise RecweeklyError(f"git failed while moving {src} to {dst}: {exc.stderr.strip() or exc}") from None
