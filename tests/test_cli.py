"""recweekly/cli.py: --version, a --help that imports nothing heavy, the one exit-code table, shell
completion, NO_COLOR and the global --config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from recweekly import __version__
from recweekly.cli import EXIT_CODES, cli, exit_code_for
from recweekly.errors import (
    BatchError,
    ConfigError,
    ContentRejected,
    InputError,
    NoteError,
    ProblemsFound,
    RemoteError,
)
from recweekly.publish.notion.errors import NotionServerError, NotionValidationError
from tests.helpers.notes import write_note


@pytest.mark.parametrize(("error", "code"), [
    (ConfigError("x"), 1), (NoteError("x"), 1), (InputError("x"), 1), (ProblemsFound("x"), 1),
    (ContentRejected("x"), 1), (RemoteError("x"), 3), (NotionServerError("x"), 3),
    (NotionValidationError("x"), 3),  # raised as such it is Notion failing; publish wraps a post's 400
    (click.UsageError("x"), 2), (KeyboardInterrupt(), 130), (None, 0),
    (BatchError("2 failed", [ContentRejected("a"), RemoteError("b")]), 3),
    (BatchError("1 failed", [ContentRejected("a")]), 1),
])
def test_one_table_maps_each_error_class_to_its_exit_code(error: BaseException | None, code: int) -> None:
    assert exit_code_for(error) == code


def test_the_table_is_the_only_place_that_knows_exit_codes() -> None:
    """No library module or command picks an exit code itself (cog: one table in cli.py)."""
    package = Path(__file__).resolve().parents[1] / "recweekly"
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "cli.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("exit_code", "ctx.exit(", "sys.exit(", ".exit(1)"):
            if needle in text:
                offenders.append(f"{path.relative_to(package)}: {needle}")
    assert offenders == []
    assert [code for _, code in EXIT_CODES] == [130, 2, 3, 1]


def test_ctrl_c_in_a_command_exits_130(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("recweekly.check.validate.check_paths", interrupted)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 130 and "interrupted" in result.stderr


def _complete(words: str) -> list[str]:
    """What bash completion offers after `words` (click's protocol, as the installed script asks)."""
    parts = words.split(" ")
    env = {"_RECWEEKLY_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(cli, [], env=env, prog_name="recweekly")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if "," in line]


def test_completion_offers_subcommands_and_options() -> None:
    assert {"add", "import", "list"} <= set(_complete("recweekly notes "))
    assert {"--changed-since", "--all", "--dry-run", "--json", "--full-diff"} <= set(_complete("recweekly publish --"))
    assert {"check", "publish", "notes", "init"} <= set(_complete("recweekly "))
    assert "--config" in _complete("recweekly --")


def test_completion_script_from_the_installed_command() -> None:
    """The documented `eval "$(_RECWEEKLY_COMPLETE=bash_source recweekly)"` prints a bash function."""
    exe = Path(sys.executable).with_name("recweekly")
    env = {**os.environ, "_RECWEEKLY_COMPLETE": "bash_source"}
    out = subprocess.run([str(exe)], env=env, capture_output=True, text=True, check=True).stdout
    assert "complete -o nosort -F _recweekly_completion recweekly" in out


def test_no_color_is_honoured_on_a_terminal(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02", extra="score: high\n")
    # color=True: the runner behaves like a terminal, where click would colour the error red
    coloured = CliRunner().invoke(cli, ["check"], color=True)
    assert coloured.exit_code == 1 and "\x1b[" in coloured.stderr
    plain = CliRunner().invoke(cli, ["check"], color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 1 and "\x1b[" not in plain.stderr
    assert "notes/2026/W10/2603.00001.md:5: score:" in plain.stderr
    empty = CliRunner().invoke(cli, ["check"], color=True, env={"NO_COLOR": ""})  # empty means unset
    assert "\x1b[" in empty.stderr


def test_global_config_option_points_at_a_blog_from_anywhere(blog: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    write_note(blog, "2603.00001", "2026-03-02", extra="score: high\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    outside = CliRunner().invoke(cli, ["check"])
    assert outside.exit_code == 1 and "no recweekly config found" in outside.stderr
    result = CliRunner().invoke(cli, ["--config", str(blog / "recweekly.toml"), "notes", "list", "--json"])
    assert result.exit_code == 1 and "2603.00001.md:5: score:" in result.stderr  # the blog's notes were read
    by_env = CliRunner().invoke(cli, ["check"], env={"RECWEEKLY_CONFIG": str(blog / "recweekly.toml")})
    assert by_env.exit_code == 1 and "2603.00001.md:5: score:" in by_env.stderr


@pytest.mark.parametrize(("name", "text", "message"), [
    ("missing.toml", None, "missing.toml: no such file"),
    ("pyproject.toml", '[project]\nname = "x"\n', "pyproject.toml: has no [tool.recweekly] table"),
])
def test_a_config_option_that_names_no_config_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          name: str, text: str | None, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    if text is not None:
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", name, "check"])
    assert result.exit_code == 1 and message in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


# -- The CLI's promises: --version, a help page that lists commands without importing heavy modules.

def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_python_dash_m_and_help_import_nothing_heavy() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['recweekly', '--help']\n"
        "try:\n    runpy.run_module('recweekly', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "heavy = {'jinja2', 'babel', 'mistune', 'git', 'requests', 'yaml', 'frontmatter'}\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Usage: recweekly" in out
    assert "notes" in out
    assert "LOADED []" in out


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["nonsense"])
    assert result.exit_code == 2
