"""`init`: lay out a new blog — config, folders, the default templates, CI workflows.

The files come from package data (`recweekly/data/init/` and `recweekly/templates/`), so what `init`
writes is exactly what the installed version ships and works the same from a wheel. A blog that
already has a recweekly config is never touched (the config is the mark of an existing blog).
Other files that already exist — a workflow the team wrote, a customised template — are kept and
reported, never overwritten. Empty folders get a `.gitkeep` so git keeps them.

The workflows install the recweekly that wrote them (`install_spec`): a blog's CI must not change
behaviour because a new release came out, and upgrading is one edited line (`RECWEEKLY_PIP`).
Until recweekly is on PyPI the default is its git tag; `init --install pypi` (or any pip
requirement) writes another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from recweekly import __version__
from recweekly.config import find_config_file
from recweekly.errors import ConfigError, Problem
from recweekly.fsutil import atomic_write_text

if TYPE_CHECKING:
    from importlib.abc import Traversable

FOLDERS = ("notes", "drafts", "posts")
_SKIP_SUFFIXES = (".py", ".pyc")

# Where recweekly's source lives (also [project.urls] Source in pyproject.toml; a test keeps them equal).
SOURCE_REPOSITORY = "https://github.com/recweekly/recweekly"
# Flip to True with the first release on PyPI: new blogs then install `recweekly==<version>` by default.
ON_PYPI = False
INSTALL_MARKER = "__RECWEEKLY_PIP__"  # in the packaged workflows; replaced by the pip requirement


def install_spec(install: str | None = None, version: str = __version__) -> str:
    """The pip requirement the written workflows install: "git" (the release's tag), "pypi" (the same
    version from PyPI), or any requirement given verbatim (a fork, a branch, a wheel URL)."""
    kind = install or ("pypi" if ON_PYPI else "git")
    if kind == "git":
        return f"recweekly @ git+{SOURCE_REPOSITORY}@v{version}"
    if kind == "pypi":
        return f"recweekly=={version}"
    return kind


def render(rel: str, text: str, spec: str) -> str:
    """The text init writes for a packaged file: workflows get the pip requirement filled in."""
    if rel.startswith(".github/"):
        return text.replace(INSTALL_MARKER, spec.replace("\\", "\\\\").replace('"', '\\"'))
    return text


@dataclass
class InitResult:
    root: Path
    install: str = ""  # the pip requirement the workflows install
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                out.extend(_walk(child, rel + "/"))
        elif not child.name.endswith(_SKIP_SUFFIXES):
            out.append((rel, child))
    return out


def planned_files() -> list[tuple[str, Traversable]]:
    """(path inside the new blog, packaged file) for everything init writes."""
    package = resources.files("recweekly")
    files = _walk(package / "data" / "init")
    templates = package / "templates"
    if templates.is_dir():
        files += [(f"templates/{rel}", node) for rel, node in _walk(templates)]
    return files


def existing_config(root: Path) -> Path | None:
    """A recweekly config in `root` itself (one in a parent folder belongs to another blog)."""
    found = find_config_file(root) if root.is_dir() else None
    if found is not None and found.parent == root.resolve():
        return found
    return None


def init_blog(root: Path, install: str | None = None) -> InitResult:
    root = Path(root)
    spec = install_spec(install)
    if root.exists() and not root.is_dir():
        raise ConfigError(f"{root}: exists and is not a folder")
    config = existing_config(root)
    if config is not None:
        raise ConfigError(
            f"{config}: this folder already has a recweekly config; init never touches an existing blog",
            [Problem(config, "edit it by hand, or run `recweekly init` in an empty folder")],
        )
    files = planned_files()
    result = InitResult(root, spec)
    root.mkdir(parents=True, exist_ok=True)
    for rel, node in files:
        target = root / rel
        if target.exists():
            result.kept.append(rel)
            continue
        atomic_write_text(target, render(rel, node.read_bytes().decode("utf-8"), spec))
        result.created.append(rel)
    for folder in FOLDERS:
        keep = root / folder / ".gitkeep"
        if not (root / folder).exists():
            atomic_write_text(keep, "")
            result.created.append(f"{folder}/")
    (root / "templates").mkdir(exist_ok=True)
    return result
