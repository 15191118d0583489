"""Merging an import into the store (`recweekly/notes/merge.py`): all checked first, hand edits kept."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from recweekly.config import Config
from recweekly.notes.frontmatter_text import parse_front_matter, replace_keys
from recweekly.notes.importing import import_files
from tests.helpers.notes import DIGEST, REPORT, note_path, run, snapshot

pytestmark = pytest.mark.usefixtures("arxiv")  # titles no note has are looked up on the fake


def test_importing_the_same_files_twice_changes_nothing(blog: Path) -> None:
    assert run("notes", "import", str(DIGEST), str(REPORT)).exit_code == 0
    before = snapshot(blog)
    again = run("notes", "import", str(DIGEST), str(REPORT))
    assert again.exit_code == 0, again.output
    assert snapshot(blog) == before  # byte for byte
    assert "0 created, 0 filled, 18 unchanged" in again.stdout


def test_hand_edits_survive_a_re_import(blog: Path) -> None:
    run("notes", "import", str(DIGEST))
    path = note_path(blog, "2603.02101")
    text = path.read_text(encoding="utf-8")
    edited = (text.replace("category:\n", "category: other  # not ranking, really\n")
              .replace("  zh: RIVER用流式兴趣记忆替代定长行为序列，在快手直播电商排序中上线后订单量提升1.8%。",
                       "  zh: 我自己写的一句话总结。")
              .replace("**Motivation:**", "My own reading notes.\n\n**Motivation:**"))
    path.write_text(edited, encoding="utf-8")

    result = run("notes", "import", str(DIGEST), str(REPORT))
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "category: other  # not ranking, really\n" in after
    assert "  zh: 我自己写的一句话总结。\n" in after
    assert "My own reading notes.\n" in after
    assert "model: RIVER\n" in after and "deep_read: 9\n" in after  # empty fields were still filled
    assert after.replace("affiliation: industry\n", "affiliation:\n") \
        .replace("score: 8\n", "score:\n").replace("deep_read: 9\n", "deep_read:\n") == edited
    line = next(x for x in result.stdout.splitlines() if "2603.02101.md" in x
                and "category" in x)
    assert "conflicts (kept yours): " in line and "category" in line.split("conflicts")[1]
    assert "summary.zh" in line.split("conflicts")[1]


def test_a_broken_existing_note_blocks_the_import_before_anything_is_written(blog: Path) -> None:
    path = note_path(blog, "2603.02107")
    path.parent.mkdir(parents=True)
    path.write_text("---\narxiv: '2603.02107'\ntitle: [unclosed\ndate: 2026-03-03\n---\n", encoding="utf-8")
    before = snapshot(blog)
    result = run("notes", "import", str(DIGEST))
    assert result.exit_code == 1
    assert "notes/2026/W10/2603.02107.md:4: YAML syntax error" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(blog) == before  # the 11 other papers were not created either


def test_dry_run_reports_the_same_outcome_and_writes_nothing(blog: Path) -> None:
    before = snapshot(blog)
    dry = run("notes", "import", str(DIGEST), "--dry-run", "--offline")
    assert dry.exit_code == 0, dry.output
    assert "12 created" in dry.stdout and "dry run: nothing written" in dry.stdout
    assert snapshot(blog) == before
    real = run("notes", "import", str(DIGEST), "--offline")
    assert real.exit_code == 0 and "12 created" in real.stdout
    assert snapshot(blog) != before
    again = run("notes", "import", str(DIGEST), "--dry-run", "--offline")
    assert "0 created" in again.stdout and "12 unchanged" in again.stdout


# ---- property: whatever a person set in a note, importing the digest and the report again keeps it ----
TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=20).map(str.strip)


EDITS: dict[str, Any] = {
    "title": TEXT.filter(bool),
    "model": TEXT.filter(bool),
    "category": st.sampled_from(["discriminative-rec", "generative-rec", "llm", "other"]),
    "affiliation": st.sampled_from(["industry", "academic", "mixed"]),
    "score": st.integers(1, 10),
    "deep_read": st.integers(1, 10),
    "tags": st.lists(TEXT.filter(bool), min_size=1, max_size=3),
    "orgs": st.lists(TEXT.filter(bool), min_size=1, max_size=2),
    "summary": TEXT.filter(bool).map(lambda text: {"zh": text}),
}


@settings(max_examples=15, deadline=None)
@given(
    paper=st.sampled_from(["2603.02101", "2603.02102", "2603.02106", "2603.02111"]),
    edits=st.dictionaries(st.sampled_from(sorted(EDITS)), st.none(), min_size=1).flatmap(
        lambda keys: st.fixed_dictionaries({k: EDITS[k] for k in keys})),
    body_note=st.one_of(st.none(), TEXT.filter(bool)),
)
def test_values_set_by_hand_survive_any_re_import(paper: str, edits: dict[str, Any], body_note: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = Config(root=root)
        import_files([DIGEST], config)
        path = note_path(root, paper)
        text = path.read_text(encoding="utf-8")
        edited = replace_keys(text, parse_front_matter(text, path), edits)
        if body_note is not None:
            edited = edited.replace("\n**Motivation:**", f"\n{body_note}\n\n**Motivation:**", 1)
        path.write_text(edited, encoding="utf-8")
        before_keys = yaml.safe_load(edited.split("---\n")[1])

        import_files([DIGEST, REPORT], config)
        after = path.read_text(encoding="utf-8")
        after_keys = yaml.safe_load(after.split("---\n")[1])
        for key, value in before_keys.items():
            if value not in (None, [], {}, {"en": None, "zh": None}):
                assert after_keys[key] == value, key  # every value present before is still there
        assert after.split("---\n", 2)[2] == edited.split("---\n", 2)[2]  # the body is untouched
        once = snapshot(root)
        import_files([DIGEST, REPORT], config)
        assert snapshot(root) == once  # and a third import changes nothing
