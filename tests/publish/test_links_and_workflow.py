"""Duplicate pages found in Notion, and the publish workflow file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from recweekly.scaffold import install_spec, render
from tests.helpers.publishing import Env

REPO = Path(__file__).resolve().parents[2]


def test_duplicate_pages_in_notion_are_reduced_to_the_oldest(env: Env) -> None:
    env.write_post("a.en.md", "Hello.\n", slug="dup")
    assert env.run("posts/a.en.md").exit_code == 0
    first = env.page_by_slug("dup")[0]["id"]
    client = env.clients[-1]
    client.create_page({"parent": {"type": "data_source_id", "data_source_id": env.notion.data_source_id},
                        "properties": {"title": {"title": [{"text": {"content": "copy"}}]},
                                       "slug": {"rich_text": [{"text": {"content": "dup"}}]}}})
    assert len(env.page_by_slug("dup")) == 2
    result = env.run("posts/a.en.md")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in env.page_by_slug("dup")] == [first]


def test_workflow_is_pinned_least_privileged_and_shipped_to_new_blogs() -> None:
    text = (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    packaged = (REPO / "recweekly/data/init/.github/workflows/publish.yml").read_text(encoding="utf-8")
    assert render(".github/workflows/publish.yml", packaged, install_spec()) == text  # what init writes
    flow = yaml.safe_load(text)
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"]["cancel-in-progress"] is False
    on = flow[True]  # YAML 1.1 reads the key `on` as True
    assert on["push"]["paths"] == ["posts/**"] and "workflow_dispatch" in on
    steps = flow["jobs"]["publish"]["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        if "run" in step:
            assert "${{" not in step["run"]  # context goes through env, never into the script
    checkout = steps[0]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert "--changed-since" in text and "secrets.NOTION_TOKEN" in text
