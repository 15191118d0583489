"""The package's table of writable block fields is the one the request schemas give."""

from __future__ import annotations

from recweekly.publish.notion.request_fields import CREATABLE, UPDATABLE
from tests.contract.writable import TARGET, render_module


def test_the_table_is_generated_from_the_schemas() -> None:
    assert TARGET.read_text(encoding="utf-8") == render_module(), (
        "regenerate: .venv/bin/python -m tests.contract.writable > recweekly/publish/notion/request_fields.py")


def test_read_only_fields_are_not_writable() -> None:
    assert CREATABLE["numbered_list_item"] == {"rich_text", "color"}  # no list_start_index, list_format
    assert "is_toggleable" in CREATABLE["heading_4"] and "icon" in CREATABLE["paragraph"]
    assert UPDATABLE["table"] == {"has_column_header", "has_row_header"}  # table_width is fixed at creation
