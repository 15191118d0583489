"""Merging what an import or `notes enrich` learnt into a note's text: only empty keys are filled.

A hand edit is never overwritten: a key that already has a value keeps it (a differing value is a
conflict, reported and kept), and the body is only written when the note has none. Edits are made
on the text (`replace_keys`), so comments, key order and quoting of the rest of the note survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.notes.frontmatter_text import FrontMatter, replace_keys
from recweekly.notes.model import NOTE_KEYS, SUGGESTS, Note, _is_empty


@dataclass
class MergeResult:
    """What merging incoming information into a note did: keys filled, and disagreements kept as-is."""

    path: Path
    created: bool = False
    filled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.created or bool(self.filled)


def fill_empty_keys(text: str, fm: FrontMatter, current: Note, incoming: Note, result: MergeResult) -> str:
    """The note's new text: `incoming`'s values in `current`'s empty keys; `result` records what was
    filled and what disagrees."""
    new_values = incoming.to_front_matter()
    updates: dict[str, Any] = {}
    for key in NOTE_KEYS:
        value = new_values.get(key)
        if key in ("arxiv", "date") or _is_empty(value):
            continue
        if key in SUGGESTS and not _is_empty(fm.data.get(SUGGESTS[key])):
            continue  # the note already has its category (or theme): no suggestion wanted
        if key == "summary":
            have = dict(current.summary)
            merged = dict(fm.data.get("summary") or {}) if isinstance(fm.data.get("summary"), dict) else {}
            changed = False
            for lang, text_value in value.items():
                if _is_empty(text_value):
                    continue
                if lang not in have:
                    merged[lang] = text_value
                    changed = True
                elif have[lang] != text_value.strip():
                    result.conflicts.append(f"summary.{lang}")
            if changed:
                updates["summary"] = merged
                result.filled.append("summary")
            continue
        old = fm.data.get(key)
        if _is_empty(old):
            updates[key] = value
            result.filled.append(key)
        elif key in _SET_KEYS and isinstance(old, list) and set(_normal(value)) <= set(_normal(old)):
            continue  # the note names these orgs (tags) already, maybe with more: nothing to say
        elif _normal(old) != _normal(value):
            result.conflicts.append(key)
    if incoming.date != current.date:
        result.conflicts.append("date")
    new_text = replace_keys(text, fm, updates) if updates else text
    if incoming.body.strip():
        if not current.body.strip():
            newline = "\r\n" if "\r\n" in new_text else "\n"
            body = incoming.body.strip("\n").replace("\r\n", "\n").replace("\n", newline)
            sep = "" if new_text.endswith("\n") else newline
            new_text = new_text + sep + newline + body + newline
            result.filled.append("body")
        elif _normal_text(incoming.body) not in _normal_text(current.body):
            result.conflicts.append("body")
    return new_text


_SET_KEYS = ("orgs", "tags")  # lists whose order is the writer's: fewer of the same items is no conflict


def _normal(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


def _normal_text(text: str) -> str:
    return " ".join(text.split())


