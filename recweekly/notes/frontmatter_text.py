"""Front matter handled as text, with line numbers, so errors can point at a line and edits keep bytes.

The document is split on its --- fences; PyYAML's node graph gives the line of every key (a
plain `yaml.safe_load`, as python-frontmatter does, loses them). Edits to an
existing note (filling empty fields on import) replace whole key lines only, so comments, key order,
quoting style and the body a person wrote are left exactly as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from recweekly.errors import Problem

_FENCE = re.compile(r"\A(---[ \t]*\r?\n)(.*?)(^---[ \t]*(?:\r?\n|\Z))", re.DOTALL | re.MULTILINE)


@dataclass
class FrontMatter:
    """A parsed front matter block: values, raw scalars, the lines of each key, and the body after it."""

    data: dict[str, Any]
    raw: dict[str, str]  # the literal text of scalar values (ids that YAML would read as floats)
    key_lines: dict[str, tuple[int, int]]  # key -> (first, last) 1-based file lines of key and value
    body: str
    first_line: int  # file line of the first YAML line

    def line_of(self, key: str) -> int | None:
        span = self.key_lines.get(key)
        return span[0] if span else None


class FrontMatterProblem(Exception):
    """The document's front matter cannot be read at all; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_front_matter(text: str, path: Any) -> FrontMatter:
    """Split and parse; structural trouble (no fence, bad YAML, not a mapping) raises with a line."""
    if not text.strip():
        raise FrontMatterProblem(Problem(path, "file is empty; expected YAML front matter between --- lines", 1))
    match = _FENCE.match(text)
    if not match:
        raise FrontMatterProblem(
            Problem(path, "no front matter: the file must start with a --- line, YAML keys, and a --- line", 1)
        )
    yaml_text = match.group(2)
    first_line = 2
    try:
        node, data = _compose_and_construct(yaml_text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            what += f" ({exc.context} started on line {first_line + exc.context_mark.line})"
        raise FrontMatterProblem(Problem(path, f"YAML syntax error: {what}", line)) from None
    except yaml.YAMLError as exc:
        raise FrontMatterProblem(Problem(path, f"YAML error: {exc}", first_line)) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a constructor without a position
        raise FrontMatterProblem(Problem(path, f"YAML value cannot be read: {exc}", first_line)) from None
    repeated = _repeated_key(node)
    if repeated is not None:
        key, first, again = repeated
        raise FrontMatterProblem(Problem(
            path, f"key {key!r} is repeated (first on line {first_line + first}); YAML would silently keep "
                  "only the last value: keep one", first_line + again, key))
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict) or (node is not None and not isinstance(node, yaml.MappingNode)):
        raise FrontMatterProblem(Problem(path, "front matter must be a mapping of keys to values", first_line))
    raw: dict[str, str] = {}
    key_lines: dict[str, tuple[int, int]] = {}
    if node is not None:
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if isinstance(value_node, yaml.ScalarNode):
                raw[key] = value_node.value
            end_line = value_node.end_mark.line
            # a block value ends at column 0 of the next line; that line is not part of it
            if value_node.end_mark.column == 0 and end_line > key_node.start_mark.line:
                end_line -= 1
            key_lines[key] = (first_line + key_node.start_mark.line, first_line + end_line)
    return FrontMatter(
        data=data,
        raw=raw,
        key_lines=key_lines,
        body=text[match.end() :],
        first_line=first_line,
    )


_NULL = re.compile(r": null$", re.MULTILINE)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml: ~10x faster
    """Safe loading, except that an impossible date (2026-13-01) stays text instead of crashing.

    PyYAML raises a bare ValueError with no position from its timestamp constructor; kept as a
    string, the value reaches the field validators, which report it with its key and line.
    """


def _timestamp_or_text(loader: Any, node: Any) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _repeated_key(node: Any) -> tuple[str, int, int] | None:
    """The first key given twice in one mapping, at any depth: (key, first line, repeat line), 0-based."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if isinstance(key_node, yaml.ScalarNode) and key in seen:
                return key, seen[key], key_node.start_mark.line
            seen[key] = key_node.start_mark.line
            found = _repeated_key(value_node)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _repeated_key(item)
            if found is not None:
                return found
    return None


def _compose_and_construct(yaml_text: str) -> tuple[Any, Any]:
    """Parse once: the node graph (for lines) and the Python values built from that same graph."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def dump_value(key: str, value: Any) -> str:
    """One `key: value` YAML fragment, block style for lists, ids quoted when YAML would misread them.

    Empty values are written as a bare `key:` (not `null`), which reads as "fill me in".
    """
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100000)
    return _NULL.sub(":", text)


def dump_mapping(data: dict[str, Any]) -> str:
    return "".join(dump_value(k, v) for k, v in data.items())


def replace_keys(text: str, fm: FrontMatter, values: dict[str, Any],
                 dump: Callable[[str, Any], str] = dump_value) -> str:
    """Rewrite only the lines of the given keys (or append missing keys before the closing fence);
    `dump` writes one `key: value` fragment."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    replacements: list[tuple[int, int, str]] = []
    appended: list[str] = []
    for key, value in values.items():
        fragment = dump(key, value).replace("\n", newline)
        if key in fm.key_lines:
            first, last = fm.key_lines[key]
            replacements.append((first - 1, last, fragment))
        else:
            appended.append(fragment)
    for start, stop, fragment in sorted(replacements, reverse=True):
        lines[start:stop] = [fragment]
    out = "".join(lines)
    if appended:
        # the closing fence moved by the replacements above: find it again
        refreshed = _FENCE.match(out)
        assert refreshed is not None
        insert_at = refreshed.end(2)
        prefix = out[:insert_at]
        if prefix and not prefix.endswith("\n"):
            prefix += newline
        out = prefix + "".join(appended) + out[insert_at:]
    return out
