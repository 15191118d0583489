"""The tests tree's own shape, read from its files (nothing is imported).

As in towncrier and MkDocs, the tests mirror the package: tests for recweekly/a/b.py live in
tests/a/test_b.py (a package's own tests in tests/a/test_b.py for recweekly/a/b/), CLI-level tests of
a command in tests/commands/test_<command>.py, so the tests of a module are found without searching
and a module without tests shows. Shared code lives in plain modules — tests/helpers/, the fakes and
the request contract — never in a test module or a conftest.py, whose import would run another file's
tests or fixtures twice.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers.paths import REPO

TESTS = REPO / "tests"
PACKAGE = REPO / "recweekly"

# Test files that span many modules, each with why it cannot sit beside one module.
CROSS_CUTTING = {
    "test_architecture.py": "the package's import graph as a whole",
    "test_tests_layout.py": "the tests tree's own shape (this file)",
    "test_bad_input.py": "bad input to every command: file:line error, exit 1, nothing changed",
    "test_end_to_end.py": "the whole loop: new, edit by hand, add a note, fill, check, promote",
    "test_packaging.py": "the built wheel installed in a fresh venv, running the loop",
    "test_preview_browser.py": "the preview in a real browser: server, page, assets and watch together",
    "test_repo_blog.py": "this repository is itself a blog: its samples pass its own checks",
    "test_reuse.py": "files other repositories reuse: action.yml, pre-commit hooks, version, source URL",
}

# Plain (non-test) modules may live only here.
SUPPORT = {
    "helpers": "shared helpers of the tests",
    "fakes": "local servers standing in for Notion and arXiv",
    "contract": "the Notion request JSON Schemas and their validator",
}


def files_of_tests() -> list[Path]:
    return sorted(path for path in TESTS.rglob("test_*.py") if "fixtures" not in path.relative_to(TESTS).parts)


def mirrored(path: Path) -> bool:
    """tests/a/test_b.py mirrors recweekly/a/b.py or the package recweekly/a/b/; a test of test
    support mirrors the support module beside it (tests/fakes/test_notion_server.py)."""
    rel = path.relative_to(TESTS)
    name = rel.name.removeprefix("test_").removesuffix(".py")
    folder = rel.parent
    if folder.parts and folder.parts[0] in SUPPORT:
        return (TESTS / folder / f"{name}.py").is_file()
    return (PACKAGE / folder / f"{name}.py").is_file() or (PACKAGE / folder / name / "__init__.py").is_file()


def test_every_test_file_mirrors_a_package_module() -> None:
    stray = [str(path.relative_to(TESTS)) for path in files_of_tests()
             if str(path.relative_to(TESTS)) not in CROSS_CUTTING and not mirrored(path)]
    assert stray == [], (
        f"{stray}: name each after the module it tests (tests/a/test_b.py for recweekly/a/b.py, "
        "tests/commands/test_<command>.py for a command), or, for tests spanning many modules, add a "
        "top-level file to CROSS_CUTTING with the reason")


def test_the_cross_cutting_list_names_only_top_level_files_that_exist() -> None:
    assert [name for name in CROSS_CUTTING if "/" in name or not (TESTS / name).is_file()] == []


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, function-local imports included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_nothing_imports_from_a_test_module_or_a_conftest() -> None:
    bad = {
        f"{path.relative_to(TESTS)}: {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for module in imported_modules(path)
        if module.startswith("tests.") and module.split(".")[-1].startswith(("test_", "conftest"))
    }
    assert sorted(bad) == [], "move what is shared to a module in tests/helpers/ (fixtures stay in conftest.py)"


def test_plain_modules_live_only_in_the_support_packages() -> None:
    stray = [
        str(path.relative_to(TESTS)) for path in sorted(TESTS.rglob("*.py"))
        if not path.name.startswith("test_") and path.name not in ("conftest.py", "__init__.py")
        and path.relative_to(TESTS).parts[0] not in SUPPORT
    ]
    assert stray == [], f"{stray}: shared code goes in tests/helpers/ ({', '.join(SUPPORT)} hold the rest)"
