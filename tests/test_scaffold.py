"""recweekly/scaffold.py: the files `init` ships — here the publish workflow, which must be the
repository's own, pinned and least privileged."""

from __future__ import annotations

import re

import yaml

from recweekly.scaffold import install_spec, render
from tests.helpers.paths import REPO


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
