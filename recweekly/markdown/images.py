"""Where a Markdown image path points on disk: one rule for publish, preview and check.

Relative paths are read from the post's folder, `/…` from the repository root, as a reader of the
file in the repository would expect. The result also says whether the file stays inside the root,
because publishing a file from outside the repository would leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImagePath:
    resolved: Path  # absolute, symlinks resolved
    root: Path  # the directory the image must stay inside

    @property
    def inside_root(self) -> bool:
        return self.resolved == self.root or self.root in self.resolved.parents

    @property
    def exists(self) -> bool:
        return self.inside_root and self.resolved.is_file()

    @property
    def relative(self) -> str:
        """Repository-relative POSIX path (only meaningful when inside_root)."""
        return self.resolved.relative_to(self.root).as_posix()


def resolve_image(path: str, source: Path | None, root: Path | None) -> ImagePath:
    """Resolve an (already URL-unquoted) image path written in the post `source`."""
    if path.startswith("/"):
        base = root or (source.parent if source else Path.cwd())
        candidate = base / path.lstrip("/")
    else:
        base = source.parent if source else (root or Path.cwd())
        candidate = base / path
    return ImagePath(candidate.resolve(), (root or base).resolve())
