"""recweekly/publish/readback.py: a page as Notion answers it, read back into the blocks the renderer
makes, so a re-publish compares only what a request can set and writes nothing."""

from __future__ import annotations

from tests.helpers.publishing import Env, only_page, republish_writes

NUMBERED = """\
1. one
2. two
   1. two point one
   2. two point two
3. three

Between the lists.

1. again
"""


def test_numbered_lists_republish_with_no_write(env: Env) -> None:
    env.write_post("w10.en.md", NUMBERED, slug="w10")
    assert env.run("--all").exit_code == 0
    first = env.notion.page_blocks(only_page(env)["id"])[0]
    assert first["numbered_list_item"]["list_start_index"] == 1  # what the real API answers
    created = env.notion.blocks_created
    assert republish_writes(env) == [] and env.notion.blocks_created == created
