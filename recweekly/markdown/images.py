"""Where a Markdown image points, and what its caption says: one rule for publish, preview and check.

A web address is an external image (its scheme lower-cased: Notion refuses `HTTPS://`); any other
scheme (or no path at all) cannot be shown; anything else is a file in the repository. Relative
paths are read from the post's folder, `/…` from the repository root, as a reader of the file in
the repository would expect. The result also says whether the file stays inside the root, because
publishing a file from outside the repository would leak it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from recweekly.fsutil import is_within, relative_posix, resolved_folder, resolved_text
from recweekly.markdown.entities import decode_references

#: Between an image's alt text and its title in the caption.
CAPTION_SEPARATOR = " — "


@dataclass(frozen=True)
class ImagePath:
    resolved: Path  # absolute, symlinks resolved
    root: Path  # the directory the image must stay inside

    @property
    def inside_root(self) -> bool:
        return is_within(self.resolved, self.root)

    @property
    def exists(self) -> bool:
        return self.inside_root and self.resolved.is_file()

    @property
    def relative(self) -> str:
        """Repository-relative POSIX path (only meaningful when inside_root)."""
        return relative_posix(self.resolved, self.root)

    def problem(self, url: str) -> str | None:
        """Why the post cannot be published with this image (as written: `url`), or None."""
        if not self.inside_root:
            return f"image {url!r} points outside the repository ({self.resolved})"
        if not self.exists:
            return f"image {url!r} not found: {self.relative} does not exist (add it or fix the path)"
        return None


@dataclass(frozen=True)
class ImageRef:
    """An image's `url` read once: `external` (http/https), `unusable`, or a `local` file."""

    kind: Literal["external", "unusable", "local"]
    url: str
    local: ImagePath | None = None


def resolve_image(path: str, source: Path | None, root: Path | None) -> ImagePath:
    """Resolve an (already URL-unquoted) image path written in the post `source`."""
    if path.startswith("/"):
        base = root or (source.parent if source else Path.cwd())
        candidate = os.path.join(base, path.lstrip("/"))
    else:
        base = source.parent if source else (root or Path.cwd())
        candidate = os.path.join(base, path)
    return ImagePath(_resolve_file(candidate), resolved_folder(root or base))


def _resolve_file(candidate: str) -> Path:
    """`Path(candidate).resolve()`, with the folder's resolution remembered: only a file that is
    itself a symbolic link (one lstat tells) needs the whole path resolved. On text until the end:
    this runs for every image of every post, and pathlib's objects cost more than the lstat."""
    folder, name = os.path.split(candidate)
    try:
        is_link = stat.S_ISLNK(os.lstat(candidate).st_mode)
    except OSError:
        is_link = False  # missing: resolve() leaves the name as written too
    if is_link or name in ("", ".", ".."):
        return Path(candidate).resolve()
    return Path(os.path.join(resolved_text(folder or "."), name))


def read_image_url(url: str, source: Path | None, root: Path | None) -> ImageRef:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return ImageRef("external", scheme + url[len(parts.scheme):])  # Notion refuses `HTTPS://`
    if scheme or not parts.path:
        return ImageRef("unusable", url)
    return ImageRef("local", url, resolve_image(unquote(parts.path), source, root))


def caption(alt: str, title: str | None) -> str:
    """What the page shows under an image: its alt text and its title, both.

    Notion has one caption and no tooltip, so a title (`![alt](x.png "Figure 2: …")`) would be
    lost if the alt text alone were the caption, and the alt text if the title were. Character
    references in the title are decoded like the text's (mistune leaves them as written).
    """
    shown_title = decode_references(title or "").strip()
    if not shown_title or shown_title == alt:
        return alt
    return f"{alt}{CAPTION_SEPARATOR}{shown_title}" if alt else shown_title
