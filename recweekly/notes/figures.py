"""A paper's lead figure as the blog keeps it: an image file next to the note, and its caption in the note.

The file is `<note name>.figure<suffix>` beside `<note name>.md` (`2603.03988.figure.png`), named in the
note's `figure:` key, so the note and its figure move together and a draft embeds it by a path from the
blog's root (`/notes/2026/W10/2603.03988.figure.png`), which publish uploads once like any image.

An image is accepted only if the server calls it an image and its first bytes agree (PNG, JPEG, GIF,
WebP — what Notion shows and git stores well; an SVG can carry scripts and is refused), within the
size cap. Saved atomically: a crash leaves the old file or none, never half an image.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recweekly.fsutil import atomic_write_bytes
from recweekly.notes.ids import id_to_filename

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}
CAPTION_LIMIT = 600  # characters kept of a caption: a long one is a paragraph, not a caption


class FigureRejected(Exception):
    """The figure cannot be kept (too big, not an image); the message says why."""


def sniff(data: bytes) -> str | None:
    """The image type the bytes are, from their signature, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_image(data: bytes, content_type: str) -> str:
    """The file suffix for an image whose declared type and bytes agree; FigureRejected otherwise."""
    declared = content_type.split(";", 1)[0].strip().lower()
    actual = sniff(data)
    if declared not in IMAGE_TYPES:
        raise FigureRejected(f"the figure was answered as {declared or 'no type'!r}, not as an image "
                             f"({', '.join(IMAGE_TYPES)})")
    if actual != declared:
        raise FigureRejected(f"the figure is declared {declared} but its bytes are "
                             f"{actual or 'not an image recweekly keeps'}")
    return IMAGE_TYPES[actual]


def figure_name(arxiv_id: str, suffix: str) -> str:
    return id_to_filename(arxiv_id).removesuffix(".md") + ".figure" + suffix


def clean_caption(caption: str) -> str:
    text = " ".join(caption.split())
    return text if len(text) <= CAPTION_LIMIT else text[: CAPTION_LIMIT - 1].rstrip() + "…"


@dataclass(frozen=True)
class FigureFile:
    """An image to write next to a note once the notes are written."""

    name: str
    data: bytes

    def save(self, note_path: Path) -> Path:
        path = note_path.parent / self.name
        atomic_write_bytes(path, self.data)
        return path
