"""What enriching notes remembers between runs: small JSON files in the blog's cache folder.

This is state about talking to arXiv, not content: the time of the last request per host (so the
pace holds across runs, `pacing.py`) and which papers lately had no HTML version, organizations or
figure (`arxiv_html.py`). Where the folder is and how it is kept (never committed, atomic, safe to
delete) is `recweekly/cache_folder.py`'s business; a missing, broken or unwritable file only costs
a request, never an error.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from recweekly.cache_folder import CacheFolder


class EnrichState:
    """JSON objects by file name, read and written whole; `lock` serialises a read-then-write."""

    def __init__(self, folder: CacheFolder | Path | None) -> None:
        self.folder = folder if isinstance(folder, CacheFolder) else CacheFolder(folder)

    def read(self, name: str) -> dict[str, Any]:
        data = self.folder.read_bytes(name)
        try:
            value = json.loads(data) if data is not None else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def write(self, name: str, data: dict[str, Any]) -> None:
        # a read-only checkout still works: the state is then kept within this run only
        self.folder.write_bytes(name, (json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))

    def lock(self, name: str) -> contextlib.AbstractContextManager[None]:
        return self.folder.lock(name)
