"""Post files for tests: a valid post with a given body and front matter, and a tiny image."""

from __future__ import annotations

from pathlib import Path


def write_post(path: Path, body: str, **front: object) -> Path:
    """A valid post file with `body`; front matter keys override the defaults."""
    meta: dict[str, object] = {"title": "A test week", "slug": path.stem.replace(".", "-"), "type": "Post",
                               "status": "Draft", "lang": "en", "date": "2026-03-09"}
    return write_post_file(path, {**meta, **front}, body)


def write_post_file(path: Path, front: dict[str, object], body: str) -> Path:
    """A post file with exactly this front matter, in this order (tests name its lines), and `body`."""
    lines = ["---"]
    for key, value in front.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    return path


# A 1x1 PNG, enough for content-type and data: URI checks.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415478da63f8cfc000000301010018dd8db00000000049454e44ae426082"
)
