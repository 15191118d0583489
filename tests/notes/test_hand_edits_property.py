"""Property: whatever a person set in a note, importing the digest and the report again keeps it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from recweekly.config import Config
from recweekly.notes.frontmatter_text import parse_front_matter, replace_keys
from recweekly.notes.importing import import_files
from tests.notes.helpers import DIGEST, REPORT, note_path, snapshot

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
