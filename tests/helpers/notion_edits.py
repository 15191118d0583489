"""Someone editing a published page in Notion: the API calls the Notion app makes, sent to the fake.

Each edit goes through the real client, so the fake validates it against the request schemas like
any other request; tests then see what recweekly makes of the page.
"""

from __future__ import annotations

from typing import Any

from recweekly.publish.notion.client import NotionClient
from tests.fakes.notion_server import FakeNotion


def text(content: str, **annotations: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "text", "text": {"content": content}}
    if annotations:
        item["annotations"] = annotations
    return item


def paragraph(*items: dict[str, Any]) -> dict[str, Any]:
    return {"object": "block", "type": "paragraph", "paragraph": {"rich_text": list(items)}}


class NotionEditor:
    """Edits one page of a FakeNotion as a person in the Notion app would."""

    def __init__(self, notion: FakeNotion, page_id: str) -> None:
        self.notion = notion
        self.page_id = page_id

    def _client(self) -> NotionClient:
        return NotionClient(self.notion.token, self.notion.url, rate_per_sec=0)

    def block_with(self, words: str) -> dict[str, Any]:
        """The first top-level block whose text contains `words`."""
        for block in self.notion.page_blocks(self.page_id):
            content = block[block["type"]]
            shown = "".join(r.get("plain_text", "") for r in content.get("rich_text", []) or [])
            if words in shown:
                return block
        raise AssertionError(f"no block says {words!r}")

    def set_text(self, words: str, *items: dict[str, Any]) -> None:
        block = self.block_with(words)
        with self._client() as client:
            client.update_block(block["id"], {block["type"]: {"rich_text": list(items)}})

    def add_after(self, words: str, *blocks: dict[str, Any]) -> None:
        after = self.block_with(words)["id"]
        with self._client() as client:
            client.append_children(self.page_id, list(blocks), position={"type": "after_block",
                                                                          "after_block": {"id": after}})

    def remove(self, words: str) -> None:
        with self._client() as client:
            client.delete_block(self.block_with(words)["id"])

    def set_properties(self, properties: dict[str, Any]) -> None:
        with self._client() as client:
            client.update_page(self.page_id, {"properties": properties})


# A post whose page the tests edit: a generated region, paragraphs, a tight list, a footnote.
POST = """\
# Week 10

<!-- recweekly:begin overview sha256=000000000000 -->
Ten papers this week.
<!-- recweekly:end overview -->

First paragraph.

Second paragraph.

- one
- two

Last words.[^n]

[^n]: A note.
"""


def _text_changed(editor: NotionEditor) -> None:
    editor.set_text("Second paragraph.", text("Second, "), text("fixed", bold=True), text(" in Notion."))


def _block_added(editor: NotionEditor) -> None:
    editor.add_after("First paragraph.", paragraph(text("A paragraph added in Notion.")))


def _block_removed(editor: NotionEditor) -> None:
    editor.remove("Second paragraph.")


def _property_changed(editor: NotionEditor) -> None:
    editor.set_properties({"title": {"title": [text("A better title")]},
                           "tags": {"multi_select": [{"name": "recsys"}, {"name": "notion"}]},
                           "summary": {"rich_text": [text("Summary fixed in Notion.")]},
                           "status": {"select": {"name": "Invisible"}}})


def _bookmark_added(editor: NotionEditor) -> None:
    editor.add_after("Last words.", {"object": "block", "type": "bookmark",
                                     "bookmark": {"url": "https://example.org/paper"}})


BOOKMARK = '<!-- notion:bookmark {"caption": [], "url": "https://example.org/paper"} -->'

#: edit made in Notion → (how the post file reads once pulled, a line publish's diff shows)
EDITS = {
    "text changed": (_text_changed, lambda t: t.replace("Second paragraph.", "Second, **fixed** in Notion."),
                     "+Second, **fixed** in Notion."),
    "block added": (_block_added, lambda t: t.replace("First paragraph.\n", "First paragraph.\n\n"
                                                      "A paragraph added in Notion.\n"),
                    "+A paragraph added in Notion."),
    "block removed": (_block_removed, lambda t: t.replace("Second paragraph.\n\n", ""), "-Second paragraph."),
    "property changed": (_property_changed, lambda t: t.replace("title: A post", "title: A better title")
                         .replace("tags: [recsys]", "tags: [recsys, notion]")
                         .replace("summary: What happened this week.", "summary: Summary fixed in Notion.")
                         .replace("status: Published", "status: Invisible"),
                         "+title: A better title"),
    "block Markdown lacks": (_bookmark_added, lambda t: t.replace("Last words.[^n]\n", "Last words.[^n]\n\n"
                                                                  + BOOKMARK + "\n"),
                             "+" + BOOKMARK),
}
