"""Where a Markdown image points, and what its caption says: one rule for publish, preview and check.

A web address is an external image (its scheme lower-cased: Notion refuses `HTTPS://`); any other
scheme (or no path at all) cannot be shown; anything else is a file in the repository. Relative
paths are read from the post's folder, `/…` from the repository root, as a reader of the file in
the repository would expect. The result also says whether the file stays inside the root, because
publishing a file from outside the repository would leak it.
"""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from recweekly.fsutil import is_within, relative_posix, resolved_text
from recweekly.markdown.entities import decode_references

#: Between an image's alt text and its title in the caption.
CAPTION_SEPARATOR = " — "


@dataclass(frozen=True)
class ImagePath:
    """A repository image, resolved. Held as text: a render asks several questions of every image
    (inside the root? which upload name?) and pathlib's objects cost more than the answers."""

    path: str  # absolute, symlinks resolved
    root_path: str  # the directory the image must stay inside
    #: Whether `path` was a regular file when the lstat that resolved it looked (None: not known)
    is_file: bool | None = field(default=None, compare=False, repr=False)

    @property
    def resolved(self) -> Path:
        return _as_path(self.path)

    @property
    def root(self) -> Path:
        return Path(self.root_path)

    @property
    def inside_root(self) -> bool:
        return is_within(self.path, self.root_path)

    @property
    def exists(self) -> bool:
        """Asked of the file system each time (a preview shows an image the moment it is added)."""
        return self.inside_root and os.path.isfile(self.path)

    @property
    def relative(self) -> str:
        """Repository-relative POSIX path (only meaningful when inside_root)."""
        return relative_posix(self.path, self.root_path)

    def problem(self, url: str) -> str | None:
        """Why the post cannot be published with this image (as written: `url`), or None."""
        if not self.inside_root:
            return f"image {url!r} points outside the repository ({self.path})"
        if not (self.is_file if self.is_file is not None else os.path.isfile(self.path)):  # as resolved just now
            return f"image {url!r} not found: {self.relative} does not exist (add it or fix the path)"
        return None


@functools.lru_cache(maxsize=1024)
def _as_path(text: str) -> Path:
    """One `Path` per image file (pathlib parses a path in Python: as costly as rendering a paragraph)."""
    return Path(text)


@dataclass(frozen=True)
class ImageRef:
    """An image's `url` read once: `external` (http/https), `unusable`, or a `local` file."""

    kind: Literal["external", "unusable", "local"]
    url: str
    local: ImagePath | None = None


def resolve_image(path: str, source: Path | None, root: Path | None) -> ImagePath:
    """Resolve an (already URL-unquoted) image path written in the post `source`.

    Where the path points is worked out on text once per (path, post, root) and remembered, like the
    folders it resolves (see `resolved_text`); what is there is asked of the file system each time,
    with one lstat: only a file that is itself a symbolic link (the one lstat tells) needs the whole
    path resolved."""
    post, top = (os.fspath(source) if source else None), (os.fspath(root) if root else None)
    cwd = os.getcwd() if post is None and top is None else None  # the base only when neither is known
    candidate, joined, root_path = _located(path, post, top, cwd)
    try:
        mode: int | None = os.lstat(candidate).st_mode
    except OSError:
        mode = None  # missing: resolve() leaves the name as written too
    if joined is None or (mode is not None and stat.S_ISLNK(mode)):
        return ImagePath(str(Path(candidate).resolve()), root_path)
    # a failed lstat is no answer: `posts/../x.png` fails when posts/ is missing, but resolves to x.png
    return ImagePath(joined, root_path, stat.S_ISREG(mode) if mode is not None else None)


@functools.lru_cache(maxsize=1024)
def _located(path: str, source: str | None, root: str | None, cwd: str | None) -> tuple[str, str | None, str]:
    """(the image's path as written, from the post's folder or the root; that path with its folder
    resolved, None when its last part is not a file name; the root it must stay inside, resolved)."""
    folder = os.path.dirname(source) if source else None
    first, then = (root, folder) if path.startswith("/") else (folder, root)  # `/…` is from the root
    base = first if first is not None else (then if then is not None else cwd)
    assert base is not None  # cwd is given when neither the post nor the root is
    candidate = os.path.join(base, path.lstrip("/"))
    parent, name = os.path.split(candidate)
    joined = None if name in ("", ".", "..") else os.path.join(resolved_text(parent or "."), name)
    return candidate, joined, resolved_text(root if root is not None else base or ".")


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
