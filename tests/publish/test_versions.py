"""Versions of a post in git: what a commit held, renames followed, and whether the file is committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from recweekly.publish.versions import PostVersions


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def test_versions_follow_renames_and_the_working_file_is_compared_with_head(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "T")
    (tmp_path / "posts").mkdir()
    lines = "".join(f"line {n} of a post long enough for git to see a rename\n" for n in range(20))
    (tmp_path / "posts" / "old.md").write_text("one\n" + lines, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one")
    first = git(tmp_path, "rev-parse", "HEAD")
    git(tmp_path, "mv", "posts/old.md", "posts/new.md")
    (tmp_path / "posts" / "new.md").write_text("two\n" + lines, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "two")
    versions = PostVersions(tmp_path)
    post = tmp_path / "posts" / "new.md"
    at_first = versions.at(first, post)
    assert at_first is not None and (at_first.path, at_first.text) == ("posts/old.md", "one\n" + lines)
    assert [v.text.split()[0] for v in versions.versions(post)] == ["two", "one"]
    assert versions.committed(post) == git(tmp_path, "rev-parse", "HEAD") and not versions.dirty(post)
    post.write_text("three\n", encoding="utf-8")
    assert versions.committed(post) is None and versions.dirty(post)


def test_outside_git_there_are_no_versions(tmp_path: Path) -> None:
    versions = PostVersions(tmp_path)
    assert versions.versions(tmp_path / "x.md") == [] and versions.committed(tmp_path / "x.md") is None
