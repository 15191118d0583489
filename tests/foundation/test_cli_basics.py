"""The CLI's promises: --version, a help page that lists commands without importing heavy modules."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from recweekly import __version__
from recweekly.cli import cli


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
