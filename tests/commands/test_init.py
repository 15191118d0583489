"""`recweekly init`: a working blog from nothing; never touches an existing config."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.config import config_from_mapping, load_config
from tests.helpers.notes import snapshot
from tests.helpers.paths import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_init_into_empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init", "my-blog"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "my-blog"
    for folder in ("notes", "drafts", "posts", "templates"):
        assert (root / folder).is_dir()
    assert (root / ".github" / "workflows" / "check.yml").read_bytes() == \
        (REPO / ".github" / "workflows" / "check.yml").read_bytes()
    assert ".recweekly-cache/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()  # notes cache
    packaged = sorted(p.name for p in (REPO / "recweekly" / "templates").glob("*") if p.is_file())
    assert sorted(p.name for p in (root / "templates").glob("*")) == packaged
    config = load_config(root)
    assert config.root == root.resolve() and config.name == "RecSys Weekly"
    monkeypatch.chdir(root)
    # The new blog is immediately usable: check passes on it.
    checked = CliRunner().invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "created recweekly.toml" in result.stdout


def test_commented_defaults_are_valid_settings() -> None:
    text = (REPO / "recweekly" / "data" / "init" / "recweekly.toml").read_text(encoding="utf-8")
    uncommented = re.sub(r"(?m)^# ([a-z_]+ =|\[)", r"\1", text)
    assert uncommented != text
    config = config_from_mapping(tomllib.loads(uncommented), root=Path("."))
    assert config.compose.key_paper_score == 6 and config.notion.unpublish == "invisible"


def test_init_refuses_existing_config(blog: Path) -> None:
    before = snapshot(blog)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 1
    assert "already has a recweekly config" in result.stderr
    assert snapshot(blog) == before


def test_init_refuses_pyproject_with_tool_recweekly(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.recweekly]\nname = "x"\n', encoding="utf-8")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 1 and "already has a recweekly config" in result.stderr
    assert snapshot(tmp_path) == before


def test_init_keeps_existing_files(tmp_path: Path) -> None:
    workflow = tmp_path / ".github" / "workflows" / "check.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert workflow.read_text(encoding="utf-8") == "mine\n"
    assert "kept existing .github/workflows/check.yml" in result.stderr
    assert (tmp_path / "recweekly.toml").is_file()


def test_package_data_ships_every_init_file() -> None:
    """setuptools' globs skip hidden folders such as .github unless a pattern names them."""
    import glob

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["recweekly"]
    package = REPO / "recweekly"
    shipped = {Path(p).resolve() for pattern in patterns
               for p in glob.glob(str(package / pattern), recursive=True)}
    files = [p for p in (package / "data" / "init").rglob("*") if p.is_file()]
    assert any(".github" in p.parts for p in files)
    missing = [str(p.relative_to(package)) for p in files if p.resolve() not in shipped]
    assert missing == []


@pytest.mark.parametrize(("option", "spec"), [
    ((), "recweekly @ git+https://github.com/recweekly/recweekly@v{v}"),  # until the first PyPI release
    (("--install", "pypi"), "recweekly=={v}"),
    (("--install", "recweekly @ git+https://github.com/me/recweekly@main"),
     "recweekly @ git+https://github.com/me/recweekly@main"),
])
def test_workflows_install_the_version_that_wrote_them(tmp_path: Path, option: tuple[str, ...], spec: str) -> None:
    from recweekly import __version__

    expected = spec.format(v=__version__)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "b"), *option])
    assert result.exit_code == 0, result.output
    assert f"workflows install: {expected}" in result.stdout
    for name in ("check.yml", "publish.yml"):
        text = (tmp_path / "b" / ".github" / "workflows" / name).read_text(encoding="utf-8")
        flow = yaml.safe_load(text)
        assert flow["env"]["RECWEEKLY_PIP"] == expected
        install = next(s for job in flow["jobs"].values() for s in job["steps"] if s.get("name") == "Install recweekly")
        assert 'pip install "$RECWEEKLY_PIP"' in install["run"]
        assert "__RECWEEKLY_PIP__" not in text
