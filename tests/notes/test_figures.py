"""The lead figure's file (`recweekly/notes/figures.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.notes.figures import CAPTION_LIMIT, FigureFile, FigureRejected, check_image, clean_caption, figure_name
from tests.fakes.arxiv_html import JPEG, tiny_png


def test_declared_type_and_bytes_must_agree() -> None:
    assert check_image(tiny_png(), "image/png") == ".png"
    assert check_image(JPEG, "image/jpeg; charset=binary") == ".jpg"
    assert check_image(b"GIF89a....", "image/gif") == ".gif"
    assert check_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp") == ".webp"
    with pytest.raises(FigureRejected, match="declared image/png but its bytes are image/jpeg"):
        check_image(JPEG, "image/png")
    with pytest.raises(FigureRejected, match="answered as 'image/svg\\+xml', not as an image"):
        check_image(b"<svg onload='x()'/>", "image/svg+xml")


def test_names_and_captions() -> None:
    assert figure_name("2603.03988", ".png") == "2603.03988.figure.png"
    assert figure_name("cs/0112017", ".jpg") == "cs_0112017.figure.jpg"
    assert clean_caption("Figure 1:\n  Overview  of   it.") == "Figure 1: Overview of it."
    long = clean_caption("word " * 400)
    assert len(long) == CAPTION_LIMIT and long.endswith("…")


def test_saving_replaces_the_file_whole(tmp_path: Path) -> None:
    note = tmp_path / "2603.03988.md"
    target = FigureFile("2603.03988.figure.png", tiny_png()).save(note)
    assert target == tmp_path / "2603.03988.figure.png" and target.read_bytes() == tiny_png()
    FigureFile("2603.03988.figure.png", tiny_png(3, 3)).save(note)
    assert target.read_bytes() == tiny_png(3, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["2603.03988.figure.png"]  # no temp file left behind
