"""The parsed-notes cache, so loading a big collection costs about what listing it does.

Why: parsing a note's YAML (PyYAML's construction is pure Python) and validating it costs ~15 times
reading its bytes, and `notes list`, `check` and every full load parse all of them — 20,000 notes
take seconds where their bytes take a fraction of one. A note's parse depends only on its bytes and
on the code and config that read them, so the result is kept, per file, keyed by the file's stat.

The rules that make it safe to trust:
- Keyed by (path, size, mtime_ns, ctime_ns): a file whose stat changed in any way is parsed again.
- Never stored for a file modified less than `MARGIN_NS` before it was read: a write in the same
  clock tick as the read could leave size and mtime unchanged (git's "racily clean" problem; 2 s
  also covers filesystems that keep mtimes to the second or two).
- Every shard carries a stamp of what the parse depends on: the cache format, recweekly's version,
  Python's, PyYAML's, the size and mtime of the modules that parse and validate notes (so an edited
  checkout is not fooled), and a digest of the whole config. Anything different: the shard is
  ignored and rewritten. A shard that cannot be read (truncated, not a pickle, another format) is
  ignored the same way. Unpickling allows only the few classes a note holds (dates, paths,
  Problem), never arbitrary code.
- Shards, one per notes folder (a week), are written only when something new was parsed.

The shards live in `notes-v<FORMAT>/` of the blog's cache folder; where that is and how it is kept
(atomic writes, never committed, safe to delete, an unwritable folder ignored) is
`recweekly/cache_folder.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import recweekly
from recweekly.cache_folder import CacheFolder

FORMAT = 1  # bump when what a shard holds changes shape
MARGIN_NS = 2_000_000_000
#: The modules whose code decides what a note parses to; their stat is part of every shard's stamp.
_PARSING_MODULES = ("recweekly.notes.model", "recweekly.notes.frontmatter_text", "recweekly.notes.ids",
                    "recweekly.notes.parsed_cache", "recweekly.errors")
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"), ("datetime", "timedelta"),
            ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "PurePosixPath"),
            ("pathlib", "PureWindowsPath"), ("recweekly.errors", "Problem")}

Key = tuple[int, int, int]  # size, mtime_ns, ctime_ns


class _SafeUnpickler(pickle.Unpickler):
    """Loads plain data and the few classes a parsed note holds; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the notes cache")
        return super().find_class(module, name)


def stat_key(st: os.stat_result) -> Key:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def stamp_for(config: Any) -> str:
    """What every shard must have been written under to be trusted (see the module docstring)."""
    import yaml  # lazy: start-up (PyYAML loads only when used)

    parts: list[str] = [str(FORMAT), recweekly.__version__, "{}.{}".format(*sys.version_info[:2]),
                        str(yaml.__version__), str(getattr(yaml, "__with_libyaml__", ""))]
    for name in _PARSING_MODULES:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        if source:
            with contextlib.suppress(OSError):
                st = os.stat(source)
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    parts.append(hashlib.sha256(repr(config).encode("utf-8", "surrogatepass")).hexdigest())
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass
class _Shard:
    name: str  # file name inside the cache folder
    entries: dict[str, tuple[Key, Any]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    dirty: bool = False


class ParsedNoteCache:
    """Parsed notes by file, in shards of one folder each; see the module docstring for the rules."""

    def __init__(self, folder: CacheFolder, stamp: str) -> None:
        self.folder = folder
        self.stamp = stamp
        self._shards: dict[str, _Shard] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_config(cls, config: Any) -> ParsedNoteCache:
        return cls(CacheFolder.for_config(config), stamp_for(config))

    # -- lookups ------------------------------------------------------------------------------

    def get(self, rel: str, key: Key) -> Any | None:
        """The cached parse of `rel` if it was stored under exactly this stat, else None."""
        shard = self._shard(rel)
        shard.seen.add(rel)
        found = shard.entries.get(rel)
        if found is not None and found[0] == key:
            self.hits += 1
            return found[1]
        self.misses += 1
        return None

    def put(self, rel: str, key: Key, value: Any, read_at_ns: int) -> None:
        """Remember a parse, unless the file was modified too shortly before it was read."""
        if key[1] > read_at_ns - MARGIN_NS or key[2] > read_at_ns - MARGIN_NS:
            return
        shard = self._shard(rel)
        shard.entries[rel] = (key, value)
        shard.seen.add(rel)
        shard.dirty = True

    # -- storage ------------------------------------------------------------------------------

    def _shard(self, rel: str) -> _Shard:
        folder = rel.rpartition("/")[0]
        shard = self._shards.get(folder)
        if shard is None:
            name = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:20]
            shard = self._shards[folder] = _Shard(f"notes-v{FORMAT}/{name}.pickle")
            shard.entries = self._read(shard.name, folder)
        return shard

    def _read(self, name: str, folder: str) -> dict[str, tuple[Key, Any]]:
        data = self.folder.read_bytes(name)
        if data is None:
            return {}
        try:
            stored = _SafeUnpickler(io.BytesIO(data)).load()
        except Exception:  # truncated, corrupt or foreign: rebuilt on the next save
            return {}
        if (not isinstance(stored, dict) or stored.get("stamp") != self.stamp or stored.get("folder") != folder
                or not isinstance(stored.get("entries"), dict)):
            return {}
        return stored["entries"]

    def save(self, blog_root: Path | None = None) -> None:
        """Write the shards that gained entries; forget files that are gone. Errors are ignored."""
        for folder, shard in self._shards.items():
            if not shard.dirty:
                continue
            entries = {rel: entry for rel, entry in shard.entries.items()
                       if rel in shard.seen or blog_root is None or (blog_root / rel).exists()}
            payload = {"stamp": self.stamp, "folder": folder, "entries": entries}
            self.folder.write_bytes(shard.name, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
            shard.dirty = False


def now_ns() -> int:
    return time.time_ns()
