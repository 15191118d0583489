"""Block fields Notion requests can set, per block type. GENERATED: do not edit by hand.

Made by `python -m tests.contract.writable` from the request JSON Schemas in tests/contract/ (the
official SDK's request types); tests/publish/notion/test_request_fields.py fails when they disagree. Why a
table: Notion's answers carry fields no request can send (`list_start_index` and `list_format` on
numbered list items, and whatever a newer API adds), so the block diff compares only these.
"""

from __future__ import annotations

#: Fields a new block may carry (children aside).
CREATABLE: dict[str, frozenset[str]] = {
    "audio": frozenset({"caption", "external", "file_upload", "type"}),
    "bookmark": frozenset({"caption", "url"}),
    "breadcrumb": frozenset(),
    "bulleted_list_item": frozenset({"color", "rich_text"}),
    "callout": frozenset({"color", "icon", "rich_text"}),
    "code": frozenset({"caption", "language", "rich_text"}),
    "column": frozenset({"width_ratio"}),
    "column_list": frozenset(),
    "divider": frozenset(),
    "embed": frozenset({"caption", "url"}),
    "equation": frozenset({"expression"}),
    "file": frozenset({"caption", "external", "file_upload", "name", "type"}),
    "heading_1": frozenset({"color", "is_toggleable", "rich_text"}),
    "heading_2": frozenset({"color", "is_toggleable", "rich_text"}),
    "heading_3": frozenset({"color", "is_toggleable", "rich_text"}),
    "heading_4": frozenset({"color", "is_toggleable", "rich_text"}),
    "image": frozenset({"caption", "external", "file_upload", "type"}),
    "link_to_page": frozenset({"comment_id", "database_id", "page_id", "type"}),
    "numbered_list_item": frozenset({"color", "rich_text"}),
    "paragraph": frozenset({"color", "icon", "rich_text"}),
    "pdf": frozenset({"caption", "external", "file_upload", "type"}),
    "quote": frozenset({"color", "rich_text"}),
    "synced_block": frozenset({"synced_from"}),
    "tab": frozenset(),
    "table": frozenset({"has_column_header", "has_row_header", "table_width"}),
    "table_of_contents": frozenset({"color"}),
    "table_row": frozenset({"cells"}),
    "template": frozenset({"rich_text"}),
    "to_do": frozenset({"checked", "color", "rich_text"}),
    "toggle": frozenset({"color", "rich_text"}),
    "video": frozenset({"caption", "external", "file_upload", "type"}),
}

#: Fields `PATCH /v1/blocks/{id}` accepts.
UPDATABLE: dict[str, frozenset[str]] = {
    "audio": frozenset({"caption", "external", "file_upload"}),
    "bookmark": frozenset({"caption", "url"}),
    "breadcrumb": frozenset(),
    "bulleted_list_item": frozenset({"color", "rich_text"}),
    "callout": frozenset({"color", "icon", "rich_text"}),
    "code": frozenset({"caption", "language", "rich_text"}),
    "column": frozenset({"width_ratio"}),
    "divider": frozenset(),
    "embed": frozenset({"caption", "url"}),
    "equation": frozenset({"expression"}),
    "file": frozenset({"caption", "external", "file_upload", "name"}),
    "heading_1": frozenset({"color", "is_toggleable", "rich_text"}),
    "heading_2": frozenset({"color", "is_toggleable", "rich_text"}),
    "heading_3": frozenset({"color", "is_toggleable", "rich_text"}),
    "heading_4": frozenset({"color", "is_toggleable", "rich_text"}),
    "image": frozenset({"caption", "external", "file_upload"}),
    "link_to_page": frozenset({"comment_id", "database_id", "page_id", "type"}),
    "numbered_list_item": frozenset({"color", "rich_text"}),
    "paragraph": frozenset({"color", "icon", "rich_text"}),
    "pdf": frozenset({"caption", "external", "file_upload"}),
    "quote": frozenset({"color", "rich_text"}),
    "synced_block": frozenset({"synced_from"}),
    "tab": frozenset(),
    "table": frozenset({"has_column_header", "has_row_header"}),
    "table_of_contents": frozenset({"color"}),
    "table_row": frozenset({"cells"}),
    "template": frozenset({"rich_text"}),
    "to_do": frozenset({"checked", "color", "rich_text"}),
    "toggle": frozenset({"color", "rich_text"}),
    "video": frozenset({"caption", "external", "file_upload"}),
}
