"""The package's shape, read from its source (nothing is imported or run).

An import graph built with `ast` from every module under recweekly/ — function-local imports
included, since hiding a cycle inside a function does not remove it; `if TYPE_CHECKING:` imports
left out, since they never run. On it: no cycles, and the layers depend one way only: the preview
reaches nothing in publish/, the Markdown core reaches neither, and renderers are siblings.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "recweekly"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield from _import_nodes(other)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        yield from _import_nodes(child)


def imports_of(name: str) -> set[str]:
    """The package modules `name` imports: `from a import b` means module a.b when there is one."""
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base
                       for alias in node.names]
        for target in targets:
            while target and target not in modules():  # `import a.b.c` of a name inside a module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(imports_of(name)) for name in modules()}


def cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph()[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_graph_sees_function_local_and_relative_imports() -> None:
    assert "recweekly.markdown.renderers.notion" in graph()["recweekly.publish.sync.plan"]  # local import
    assert "recweekly.markdown.document" in graph()["recweekly.markdown"]
    assert "recweekly.config" not in graph()["recweekly.commands.preview"]  # only under TYPE_CHECKING


def test_no_import_cycle() -> None:
    assert cycles() == []


def test_preview_reaches_nothing_in_publish() -> None:
    for name in modules():
        if under(name, "recweekly.preview"):
            direct = sorted(m for m in graph()[name] if under(m, "recweekly.publish"))
            assert direct == [], f"{name} imports {direct}"
            indirect = sorted(m for m in reachable(name) if under(m, "recweekly.publish"))
            assert indirect == [], f"{name} reaches {indirect}"


def test_markdown_core_knows_nothing_of_publishing_preview_or_commands() -> None:
    outer = ("recweekly.publish", "recweekly.preview", "recweekly.commands", "recweekly.cli", "recweekly.compose",
             "recweekly.check")
    for name in modules():
        if under(name, "recweekly.markdown"):
            bad = sorted(m for m in reachable(name) if any(under(m, o) for o in outer))
            assert bad == [], f"{name} reaches {bad}"


def test_renderers_are_siblings_sharing_only_neutral_helpers() -> None:
    root = "recweekly.markdown.renderers"
    renderer_of = {name: name[len(root) + 1 :].split(".")[0] for name in modules() if name.startswith(root + ".")}
    assert set(renderer_of.values()) == {"notion", "html", "markdown", "_blocks", "_fromblocks"}
    for name, own in renderer_of.items():
        others = sorted(m for m in graph()[name]
                        if m in renderer_of and renderer_of[m] != own and not renderer_of[m].startswith("_"))
        assert others == [], f"{name} imports the renderer(s) {others}"


MAX_MODULE_LINES = 400


def test_no_module_over_400_lines() -> None:
    """One noun per module: a module past ~400 lines holds two, and wants splitting along the seam."""
    long = sorted(f"{name}: {lines} lines" for name, path in modules().items()
                  if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES)
    assert long == [], f"modules over {MAX_MODULE_LINES} lines: {long}"


def _function_local_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    yield inner


def test_function_local_imports_say_they_are_for_start_up() -> None:
    """An import inside a function hides a dependency (and, once, hid cycles): it is allowed only to
    keep a heavy library or a command's library out of start-up, and then says so on its line."""
    unmarked = []
    for name, path in modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in _function_local_imports(ast.parse("\n".join(lines))):
            span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
            if not any("# lazy:" in line for line in span):
                unmarked.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    assert unmarked == [], "function-local imports without a `# lazy: <why>` comment (move them to the top):\n" + \
        "\n".join(unmarked)
