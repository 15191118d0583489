"""File access with the guarantees the project promises: atomic writes and readable decode errors."""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import stat
from pathlib import Path

from recweekly.errors import InputError, Problem


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temp file in the same directory and rename, so a crash never leaves half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """`atomic_write_text` for bytes (an image saved next to a note). `durable=False` skips the
    fsync, for a cache file that may come back empty after a power cut (it is then rebuilt)."""
    import tempfile  # lazy: start-up (it loads random and hashlib; every command imports this module)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def decode_utf8(data: bytes, path: Path | str) -> str:
    """Decode strictly; a bad byte becomes an error naming the line and the byte, not mojibake."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            "file is not valid UTF-8",
            [Problem(path, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8", line)],
        ) from None
    return text.removeprefix("\ufeff")


def unreadable(path: Path, exc: OSError) -> str:
    """Why a file cannot be read, in the words `check` and `publish` both use (a folder or a broken
    link named like a post gives "cannot read (…)", never a traceback)."""
    path = Path(path)
    if path.is_symlink() and not path.exists():
        return f"cannot read (broken symbolic link to {os.readlink(path)})"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return f"cannot read ({exc.strerror or exc})"


def shown_path(path: Path | str, root: Path | str | None = None) -> str:
    """`path` as messages show it: relative to `root` (the blog's root; None: the current folder, for
    a path the user typed) when it is inside it, else as given. The one helper for this: every
    message names files the same way.

    The folder is resolved, the name kept as written (a file's own name needs no resolving, and a
    symbolic link's must not be: a link is named as written, not as its target); done on text, since
    this runs for every post and every message.
    """
    return _shown_text(os.fspath(path), os.getcwd() if root is None else os.fspath(root))


@functools.lru_cache(maxsize=1024)
def _shown_text(path: str, root: str) -> str:
    """`shown_path` on text; remembered like the folders it resolves (every render names its file)."""
    folder, name = os.path.split(path)
    if name in ("", ".", ".."):  # not a file name: resolve the whole path
        folder, name = path, ""
    where = os.path.join(resolved_text(folder or "."), name) if name else resolved_text(folder)
    base = resolved_text(root)
    return relative_posix(where, base) if is_within(where, base) else str(Path(path))


@functools.lru_cache(maxsize=256)
def resolved_text(folder: str) -> str:
    """`os.path.realpath(folder)`, asked of the file system once per process: a blog's root and its
    posts' folders are resolved for every message and every image, and do not move during a command."""
    return os.path.realpath(folder)


def is_within(path: Path | str, folder: Path | str) -> bool:
    """`folder` is `path` or one of its parents (both absolute and resolved; compared as text,
    which for such paths is what comparing their parts gives, at a fraction of pathlib's cost)."""
    text, base = os.fspath(path), os.fspath(folder)
    return text == base or text.startswith(base if base.endswith(os.sep) else base + os.sep)


def relative_posix(path: Path | str, folder: Path | str) -> str:
    """`path.relative_to(folder).as_posix()` for a path within `folder` (see is_within)."""
    text, base = os.fspath(path), os.fspath(folder)
    if text == base:
        return "."
    rest = text[len(base):].lstrip(os.sep)
    return rest.replace(os.sep, "/") if os.sep != "/" else rest


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, with errors that name the file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode_utf8(data, path)


def resolved_below(base: Path, path: str) -> Path:
    """`Path(path).resolve()` for a normalised `path`, `base` being resolved already.

    Only the components `path` has below the folder it shares with `base` can be symbolic links,
    so only those are looked at: `resolve` asks the system about every component of the path, and
    a preview asks this for every link of the page it draws.
    """
    common = base.as_posix()
    while path != common and not path.startswith(common.rstrip("/") + "/"):
        parent = posixpath.dirname(common)
        if parent == common:
            return Path(path).resolve()  # nothing in common (another drive)
        common = parent
    here = common
    for name in path[len(common):].split("/"):
        if name:
            here = posixpath.join(here, name)
            try:
                if stat.S_ISLNK(os.lstat(here).st_mode):
                    return Path(path).resolve()
            except OSError:
                break  # nothing under a missing component is looked at: `resolve` keeps the rest as written
    return Path(path)
