"""Block fields Notion requests can set, per block type. GENERATED: do not edit by hand.

Made by `python -m tests.contract.writable` from the request JSON Schemas in tests/contract/ (the
official SDK's request types); tests/publish/notion/test_request_fields.py fails when they disagree. Why a
table: Notion's answers carry fields no request can send (`list_start_index` and `list_format` on
numbered list items, and whatever a newer API adds), so the block diff compares only these.
"""

from __future__ import annotations

#: Per block type: (the fields a new block may carry, children aside; the fields
#: `PATCH /v1/blocks/{id}` accepts), space-separated; None: no request of that kind takes the type.
_FIELDS: dict[str, tuple[str | None, str | None]] = {
    "audio": ("caption external file_upload type", "caption external file_upload"),
    "bookmark": ("caption url", "caption url"),
    "breadcrumb": ("", ""),
    "bulleted_list_item": ("color rich_text", "color rich_text"),
    "callout": ("color icon rich_text", "color icon rich_text"),
    "code": ("caption language rich_text", "caption language rich_text"),
    "column": ("width_ratio", "width_ratio"),
    "column_list": ("", None),
    "divider": ("", ""),
    "embed": ("caption url", "caption url"),
    "equation": ("expression", "expression"),
    "file": ("caption external file_upload name type", "caption external file_upload name"),
    "heading_1": ("color is_toggleable rich_text", "color is_toggleable rich_text"),
    "heading_2": ("color is_toggleable rich_text", "color is_toggleable rich_text"),
    "heading_3": ("color is_toggleable rich_text", "color is_toggleable rich_text"),
    "heading_4": ("color is_toggleable rich_text", "color is_toggleable rich_text"),
    "image": ("caption external file_upload type", "caption external file_upload"),
    "link_to_page": ("comment_id database_id page_id type", "comment_id database_id page_id type"),
    "numbered_list_item": ("color rich_text", "color rich_text"),
    "paragraph": ("color icon rich_text", "color icon rich_text"),
    "pdf": ("caption external file_upload type", "caption external file_upload"),
    "quote": ("color rich_text", "color rich_text"),
    "synced_block": ("synced_from", "synced_from"),
    "tab": ("", ""),
    "table": ("has_column_header has_row_header table_width", "has_column_header has_row_header"),
    "table_of_contents": ("color", "color"),
    "table_row": ("cells", "cells"),
    "template": ("rich_text", "rich_text"),
    "to_do": ("checked color rich_text", "checked color rich_text"),
    "toggle": ("color rich_text", "color rich_text"),
    "video": ("caption external file_upload type", "caption external file_upload"),
}

#: Fields a new block may carry (children aside).
CREATABLE: dict[str, frozenset[str]] = {
    kind: frozenset(made.split()) for kind, (made, _) in _FIELDS.items() if made is not None
}

#: Fields `PATCH /v1/blocks/{id}` accepts.
UPDATABLE: dict[str, frozenset[str]] = {
    kind: frozenset(patch.split()) for kind, (_, patch) in _FIELDS.items() if patch is not None
}
