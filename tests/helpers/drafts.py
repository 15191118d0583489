"""A stand-in for compose.draft.render_regions, and a draft writer, for fill/check tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recweekly.compose.regions import wrap

GENERATED: dict[str, str] = {"stats": "36 papers this week.\n", "roundup": "- Paper A — take\n- Paper B — take\n"}


def fake_renderer(monkeypatch: pytest.MonkeyPatch, generated: dict[str, str] | None = None) -> list[Any]:
    """Make fill/check render `generated` (mutable: tests change it to simulate new notes)."""
    calls: list[Any] = []
    content = GENERATED.copy() if generated is None else generated

    def render(config: Any, store: Any, period: Any, lang: str) -> dict[str, str]:
        calls.append((period.label, lang))
        return dict(content)

    monkeypatch.setattr("recweekly.compose.filling.render_generated", render)
    calls.append(content)
    return calls


def draft_text(regions: dict[str, str] | None = None, *, newline: str = "\n", period: str = "2026-W10",
               lang: str = "en", extra_front: str = "", body_extra: str = "") -> str:
    regions = GENERATED if regions is None else regions
    front = (f"---\ntitle: RecSys Weekly {period}\nslug: recsys-weekly-{period.lower()}\ntype: Post\n"
             f"status: Draft\nlang: {lang}\nperiod: {period}\n{extra_front}---\n")
    parts = [front, "\n# Overview\n\n"]
    for name, text in regions.items():
        parts.append(wrap(name, text) + "\n\nTODO: write about it.\n\n")
    parts.append(body_extra)
    return "".join(parts).replace("\n", newline)


def write_draft(root: Path, name: str = "2026-W10.en.md", text: str | None = None, folder: str = "drafts") -> Path:
    path = root / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((draft_text() if text is None else text).encode("utf-8"))
    return path
