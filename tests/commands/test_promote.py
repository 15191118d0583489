"""`recweekly promote` in a temporary git repository: only status/date lines change; refusals."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from tests.helpers.drafts import draft_text, fake_renderer, write_draft
from tests.helpers.notes import snapshot


@pytest.fixture
def repo(blog: Path, monkeypatch: pytest.MonkeyPatch) -> git.Repo:
    fake_renderer(monkeypatch)
    monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-10")
    r = git.Repo.init(blog)
    with r.config_writer() as cw:
        cw.set_value("user", "name", "Test")
        cw.set_value("user", "email", "test@example.com")
    return r


def finished(**kw: str) -> str:
    return draft_text(**kw).replace("TODO: write about it.", "Written by hand.")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["promote", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_tracked_draft_is_git_moved_with_status_and_date(blog: Path, repo: git.Repo) -> None:
    text = finished()
    write_draft(blog, text=text)
    repo.index.add(["drafts/2026-W10.en.md", "recweekly.toml"])
    repo.index.commit("draft")
    code, out, err = run("drafts/2026-W10.en.md")
    assert code == 0, err
    assert "drafts/2026-W10.en.md -> posts/2026-W10.en.md (git mv; status: Published, date: 2026-03-10)" in out
    assert not (blog / "drafts" / "2026-W10.en.md").exists()
    post = (blog / "posts" / "2026-W10.en.md").read_text(encoding="utf-8")
    expected = text.replace("status: Draft\n", "status: Published\n").replace(
        "period: 2026-W10\n", "period: 2026-W10\ndate: 2026-03-10\n")
    assert post == expected
    staged = repo.git.diff("--cached", "--name-status", "-M").splitlines()
    assert any(line.startswith("R") and "posts/2026-W10.en.md" in line for line in staged), staged
    assert repo.git.diff("--name-only") == ""  # content edit staged too


def test_existing_date_is_kept_and_untracked_draft_is_added(blog: Path, repo: git.Repo) -> None:
    text = finished(extra_front="date: 2026-03-08  # chosen\n")
    write_draft(blog, text=text)
    code, out, err = run("drafts/2026-W10.en.md")
    assert code == 0, err
    assert "move + git add; status: Published" in out
    post = (blog / "posts" / "2026-W10.en.md").read_text(encoding="utf-8")
    assert post == text.replace("status: Draft\n", "status: Published\n")
    assert "posts/2026-W10.en.md" in repo.git.diff("--cached", "--name-only")


def test_crlf_front_matter_only_changes_those_lines(blog: Path, repo: git.Repo) -> None:
    text = finished(newline="\r\n")
    write_draft(blog, text=text)
    assert run("drafts/2026-W10.en.md")[0] == 0
    data = (blog / "posts" / "2026-W10.en.md").read_bytes().decode("utf-8")
    assert data == text.replace("status: Draft\r\n", "status: Published\r\n").replace(
        "period: 2026-W10\r\n", "period: 2026-W10\r\ndate: 2026-03-10\r\n")


def test_refuses_with_todos_unless_forced(blog: Path, repo: git.Repo) -> None:
    text = draft_text()
    write_draft(blog, text=text)
    before = snapshot(blog)
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1
    todo = next(i for i, line in enumerate(text.splitlines(), 1) if "TODO:" in line)
    assert "TODO marker(s) left; finish them or use --force" in err
    assert f"drafts/2026-W10.en.md:{todo}: TODO marker" in err
    assert snapshot(blog) == before
    code, _, err = run("--force", "drafts/2026-W10.en.md")
    assert code == 0, err
    assert (blog / "posts" / "2026-W10.en.md").exists()


def test_refuses_when_destination_exists(blog: Path, repo: git.Repo) -> None:
    write_draft(blog, text=finished())
    write_draft(blog, text="existing\n", folder="posts")
    before = snapshot(blog)
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1 and "posts/2026-W10.en.md already exists" in err
    assert snapshot(blog) == before


def test_refuses_when_check_fails(blog: Path, repo: git.Repo) -> None:
    text = finished().replace("type: Post", "type: Blog")
    write_draft(blog, text=text)
    before = snapshot(blog)
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1
    assert "fails `recweekly check`" in err and "type: expected one of" in err
    assert snapshot(blog) == before


def test_refuses_a_slug_already_used_by_a_post(blog: Path, repo: git.Repo) -> None:
    write_draft(blog, text=finished())
    write_draft(blog, "older.md", finished().replace("status: Draft", "status: Published"), folder="posts")
    before = snapshot(blog)
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1 and "slug 'recsys-weekly-2026-w10' is also used by posts/older.md" in err
    assert snapshot(blog) == before


def test_refuses_files_outside_drafts(blog: Path, repo: git.Repo) -> None:
    write_draft(blog, "x.md", finished(), folder="elsewhere")
    code, _, err = run("elsewhere/x.md")
    assert code == 1 and "not under drafts/" in err
