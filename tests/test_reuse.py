"""Reuse from other repositories: the composite action, the pre-commit hooks, one version, one source URL."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from recweekly import __version__
from recweekly.scaffold import SOURCE_REPOSITORY
from tests.helpers.paths import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ACTION_SCRIPT = REPO / ".github" / "recweekly-action.sh"


def test_version_and_source_are_defined_once() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "recweekly.__version__"}
    assert project["project"]["urls"]["Source"] == SOURCE_REPOSITORY
    release = (REPO / ".github/workflows/release.yml").read_text(encoding="utf-8")
    assert "recweekly/__init__.py" in release and "twine check" in release and "id-token: write" in release


def test_action_inputs_and_no_input_spliced_into_a_script() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) == {"command", "python-version", "recweekly-version", "args"}
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step["run"]  # inputs arrive through env only


@pytest.fixture
def fake_recweekly(tmp_path: Path) -> Path:
    """A `recweekly` on PATH that records its arguments, one call per line."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "recweekly"
    exe.write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/calls"\n', encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return tmp_path


@pytest.mark.parametrize(("env", "calls", "code"), [
    ({"COMMAND": "check"}, ["check", "fill --check"], 0),
    ({"COMMAND": "check", "ARGS": "posts"}, ["check posts", "fill --check"], 0),
    ({"COMMAND": "publish", "EVENT_NAME": "push", "BEFORE": "abc123"}, ["publish --changed-since abc123"], 0),
    ({"COMMAND": "publish", "EVENT_NAME": "push", "BEFORE": "abc123", "ARGS": "--dry-run --json"},
     ["publish --changed-since abc123 --dry-run --json"], 0),
    ({"COMMAND": "publish", "EVENT_NAME": "workflow_dispatch"}, ["publish --all --full-diff"], 0),
    ({"COMMAND": "deploy"}, [], 2),
])
def test_action_runs_the_command_it_is_given(fake_recweekly: Path, env: dict[str, str], calls: list[str],
                                             code: int) -> None:
    path = f"{fake_recweekly / 'bin'}{os.pathsep}{os.environ['PATH']}"
    done = subprocess.run(["bash", str(ACTION_SCRIPT)], env={"PATH": path, **env}, capture_output=True, text=True)
    assert done.returncode == code, done.stderr
    recorded = fake_recweekly / "calls"
    assert (recorded.read_text(encoding="utf-8").splitlines() if recorded.exists() else []) == calls


def test_pre_commit_hooks_run_check_and_fill_check(blog: Path) -> None:
    from click.testing import CliRunner

    from recweekly.cli import cli

    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"recweekly-check", "recweekly-fill-check"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "drafts/2026-W10.en.md")
        program, *args = hook["entry"].split()
        assert program == "recweekly"  # the console script of the package pre-commit installs
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (hook["id"], result.output)
    (blog / "posts" / "p.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert CliRunner().invoke(cli, hooks["recweekly-check"]["entry"].split()[1:]).exit_code == 1


def test_readme_documents_reuse() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for needle in ("uses: recweekly/recweekly@", ".pre-commit-config.yaml", "_RECWEEKLY_COMPLETE", "--config",
                   f"@v{__version__}", "recweekly init --install pypi"):
        assert needle in readme, needle
