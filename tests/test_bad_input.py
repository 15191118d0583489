"""Bad input anywhere in a blog: a clear `file[:line]: field: message`, exit 1, nothing changed, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import snapshot, write_note

WEEK = "notes/2026/W10"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # no traceback
    return result


def assert_refused(blog: Path, *expected: str, commands: tuple[tuple[str, ...], ...] = ()) -> None:
    """Every command that reads the input fails with exit 1, names the place, and changes no file."""
    before = snapshot(blog)
    for args in commands or (("check",), ("notes", "list"), ("new", "--week", "2026-W10")):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        for text in expected:
            assert text in result.stderr, (args, result.stderr)
    assert snapshot(blog) == before


def test_a_folder_named_like_a_note(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02")
    (blog / WEEK / "2603.00002.md").mkdir()
    assert_refused(blog, f"{WEEK}/2603.00002.md: is a folder, not a note")


def test_a_dangling_symbolic_link(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02")
    os.symlink("gone.md", blog / WEEK / "2603.00002.md")
    assert_refused(blog, f"{WEEK}/2603.00002.md: dangling symbolic link (its target gone.md does not exist)")


def test_a_symbolic_link_loop(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02")
    os.symlink("2603.00003.md", blog / WEEK / "2603.00002.md")
    os.symlink("2603.00002.md", blog / WEEK / "2603.00003.md")
    assert_refused(blog, f"{WEEK}/2603.00002.md: symbolic link loop", f"{WEEK}/2603.00003.md: symbolic link loop")


def test_notes_add_never_merges_into_a_note_it_cannot_read(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The id's file exists as a folder: `notes add` must not write into (or beside) it."""
    import recweekly.notes.arxiv as module

    (blog / WEEK).mkdir(parents=True)
    (blog / WEEK / "2603.01234.md").mkdir()
    with FakeArxiv() as server:
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        monkeypatch.setattr(module, "_sleep", lambda seconds: None)
        assert_refused(blog, f"{WEEK}/2603.01234.md: is a directory, expected a file", "nothing was written",
                       commands=(("notes", "add", "2603.01234", "--date", "2026-03-03"),))
        assert server.requests  # it did ask arXiv, and still wrote nothing


def test_a_repeated_key_in_a_note(blog: Path) -> None:
    path = write_note(blog, "2603.00001", "2026-03-02", extra="score: 3\ntags: [a]\nscore: 9\n")
    text = path.read_text(encoding="utf-8")
    first, again = (i for i, line in enumerate(text.splitlines(), 1) if line.startswith("score:"))
    assert_refused(blog, f"{WEEK}/2603.00001.md:{again}: score: key 'score' is repeated (first on line {first})")


def test_a_repeated_key_inside_a_mapping(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02", extra="summary:\n  en: one\n  en: two\n")
    assert_refused(blog, f"{WEEK}/2603.00001.md:7: en: key 'en' is repeated (first on line 6)")


def test_a_repeated_key_in_a_post(blog: Path) -> None:
    (blog / "posts" / "p.md").write_text("---\ntitle: A\nslug: a\ntitle: B\ntype: Post\nstatus: Draft\nlang: en\n"
                                         "---\nText.\n", encoding="utf-8")
    assert_refused(blog, "posts/p.md:4: title: key 'title' is repeated (first on line 2)", commands=(("check",),))


@pytest.mark.parametrize(("config", "expected"), [
    ('name = "B"\n\n[notion]\ntimezone = "Mars/Olympus"\n',
     "recweekly.toml:4: notion.timezone: unknown time zone 'Mars/Olympus'"),
    ('name = "B"\n\n[notion]\nsite_url = "ftp://blog.example.com"\n',
     "recweekly.toml:4: notion.site_url: expected the blog's http(s) address"),
    ('name = "B"\nnotion = { site_url = "blog.example.com" }\n',
     "recweekly.toml:2: notion.site_url: expected the blog's http(s) address"),
    ('name = "B"\nnotes_dir = "README.md"\n',
     "recweekly.toml:2: notes_dir: 'README.md' is a file, expected a folder"),
])
def test_bad_config_values_name_their_line(blog: Path, config: str, expected: str) -> None:
    (blog / "recweekly.toml").write_text(config, encoding="utf-8")
    (blog / "README.md").write_text("# blog\n", encoding="utf-8")
    assert_refused(blog, expected)


def test_bad_values_in_pyproject_name_their_line(blog: Path) -> None:
    (blog / "recweekly.toml").unlink()
    (blog / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.recweekly.notion]\ntimezone = "Nowhere"\n',
                                         encoding="utf-8")
    assert_refused(blog, "pyproject.toml:5: tool.recweekly.notion.timezone: unknown time zone 'Nowhere'")


def test_good_time_zone_and_site_url_are_accepted(blog: Path) -> None:
    (blog / "recweekly.toml").write_text('[notion]\ntimezone = "Europe/Berlin"\nsite_url = "https://b.example"\n',
                                         encoding="utf-8")
    assert run("check").exit_code == 0


def test_a_config_file_that_is_a_folder(blog: Path) -> None:
    (blog / "recweekly.toml").unlink()
    (blog / "recweekly.toml").mkdir()
    (blog / "recweekly.toml" / "x").write_text("", encoding="utf-8")
    assert_refused(blog, "recweekly.toml: expected a TOML file; rename or remove the folder")


def test_check_with_a_path_that_matches_nothing_fails(blog: Path) -> None:
    (blog / "drafts" / "empty").mkdir()
    for args, expected in ((("check", "post"), "post: no such file or folder"),
                           (("check", "drafts/empty"), "drafts/empty: no Markdown (.md) file here")):
        result = run(*args)
        assert result.exit_code == 1 and expected in result.stderr, result.output
        assert "0 file(s) OK" not in result.output


def test_check_validates_notes_and_names_them(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02")
    ok = run("check")
    assert ok.exit_code == 0 and "0 file(s) OK, 1 note(s) OK" in ok.stdout
    write_note(blog, "2603.00002", "2026-03-02", extra="category: nonsense\n")
    broken = run("check")
    assert broken.exit_code == 1 and f"{WEEK}/2603.00002.md:5: category:" in broken.stderr
    assert run("check", "notes/2026/W10/2603.00001.md").exit_code == 0  # one note, named
    assert run("check", "notes").exit_code == 1
