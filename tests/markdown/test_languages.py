"""Fence info strings land on Notion's code-language enum."""

from __future__ import annotations

import json

import pytest

from recweekly.markdown.languages import ALIASES, NOTION_LANGUAGES, notion_language
from tests.contract.validate import HERE


def test_enum_matches_the_contract_schema() -> None:
    schema = json.loads((HERE / "AppendBlockChildrenBodyParameters.json").read_text(encoding="utf-8"))
    assert set(schema["definitions"]["LanguageRequest"]["enum"]) == NOTION_LANGUAGES
    assert set(ALIASES.values()) <= NOTION_LANGUAGES


@pytest.mark.parametrize(
    ("info", "language"),
    [
        ("py", "python"),
        ("Python", "python"),
        ("python3", "python"),
        ("js", "javascript"),
        ("ts", "typescript"),
        ("sh", "shell"),
        ("zsh", "shell"),
        ("bash", "bash"),
        ("yml", "yaml"),
        ("md", "markdown"),
        ("c++", "c++"),
        ("cpp", "c++"),
        ("golang", "go"),
        ("rs", "rust"),
        ("c#", "c#"),
        ("Dockerfile", "docker"),
        ("mermaid", "mermaid"),
        ("python {linenos=true}", "python"),
        ("language-rust", "rust"),
        ("text", "plain text"),
        ("brainfuck", "plain text"),
        ("", "plain text"),
        (None, "plain text"),
    ],
)
def test_info_string_mapping(info: str | None, language: str) -> None:
    assert notion_language(info) == language
