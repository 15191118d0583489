"""File access with the guarantees the project promises: atomic writes and readable decode errors."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from recweekly.errors import InputError, Problem


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temp file in the same directory and rename, so a crash never leaves half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """`atomic_write_text` for bytes (an image saved next to a note)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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


def shown_path(path: Path, root: Path) -> str:
    """`path` relative to `root` for messages; a symbolic link is named as written, not as its target."""
    path = Path(path)
    where = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
    try:
        return where.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


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
