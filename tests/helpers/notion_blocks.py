"""Shared helpers for the block renderer tests: convert + contract check, and block-tree readers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import RenderResult, markdown_to_blocks
from tests.contract.validate import request_slice, validate_body

Block = dict[str, Any]


def convert(markdown: str, context: DocumentContext | None = None) -> RenderResult:
    """markdown_to_blocks, checking that what one request would carry passes Notion's schema."""
    result = markdown_to_blocks(markdown, context)
    validate_body("AppendBlockChildrenBodyParameters", {"children": request_slice(result.blocks)})
    return result


def blocks_of(markdown: str, context: DocumentContext | None = None) -> list[Block]:
    return convert(markdown, context).blocks


def content(block: Block) -> dict[str, Any]:
    return block[block["type"]]


def children(block: Block) -> list[Block]:
    return content(block).get("children", [])


def runs(block: Block) -> list[dict[str, Any]]:
    return content(block).get("rich_text", [])


def run_text(item: dict[str, Any]) -> str:
    if item["type"] == "equation":
        return item["equation"]["expression"]
    return item["text"]["content"]


def text(block: Block) -> str:
    """The visible text of a block's own line (not its children)."""
    body = content(block)
    if block["type"] == "equation":
        return body["expression"]
    if block["type"] == "table_row":
        return " | ".join("".join(run_text(i) for i in cell) for cell in body["cells"])
    return "".join(run_text(i) for i in body.get("rich_text", []))


def walk(blocks: list[Block], depth: int = 0) -> Iterator[tuple[int, Block]]:
    for block in blocks:
        yield depth, block
        yield from walk(children(block), depth + 1)


def all_text(blocks: list[Block]) -> str:
    """Every character a reader can see, blocks joined without separators (order kept)."""
    parts = []
    for _, block in walk(blocks):
        parts.append(text(block))
        for item in content(block).get("caption", []):
            parts.append(run_text(item))
    return "".join(parts)


def rich_text_arrays(blocks: list[Block]) -> Iterator[list[dict[str, Any]]]:
    for _, block in walk(blocks):
        body = content(block)
        for key in ("rich_text", "caption"):
            if key in body:
                yield body[key]
        yield from body.get("cells", [])


def top_types(blocks: list[Block]) -> list[str]:
    return [b["type"] for b in blocks]


def write(path: Path, data: bytes | str = b"\x89PNG\r\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
