"""The blog's one cache folder (`recweekly/cache_folder.py`): the parsed notes and the enrichment
state live in the same place, chosen the same way, kept out of git the same way."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from recweekly.cache_folder import CacheFolder
from recweekly.config import load_config
from recweekly.errors import ConfigError
from recweekly.notes import parsed_cache
from recweekly.notes.enrich_state import EnrichState
from recweekly.notes.store import NoteStore
from tests.helpers.notes import write_note


def fill_both(blog: Path) -> CacheFolder:
    """Load the notes (parsed-notes cache) and record a request time (enrichment state)."""
    config = load_config(blog)
    NoteStore(config).load_all()
    folder = CacheFolder.for_config(config)
    EnrichState(folder).write("pace.json", {"arxiv.org": 1.0})
    return folder


def test_parsed_notes_and_enrichment_state_share_the_configured_folder(blog: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECWEEKLY_CACHE_DIR")
    monkeypatch.setattr(parsed_cache, "MARGIN_NS", 0)
    (blog / "recweekly.toml").write_text('name = "Test Blog"\ncache_dir = "var/cache"\n', encoding="utf-8")
    write_note(blog, "2603.00001", "2026-03-02")
    folder = fill_both(blog)
    where = blog / "var/cache"
    assert folder.path == where
    assert (where / "pace.json").is_file() and list((where / "notes-v1").glob("*.pickle"))
    assert not (blog / ".recweekly-cache").exists()
    assert (where / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    tag = (where / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")  # backup tools skip it
    subprocess.run(["git", "init", "-q", str(blog)], check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=blog, check=True,
                            capture_output=True, text=True).stdout
    assert "var/" not in status  # the folder ignores itself, whatever the blog's .gitignore says


def test_the_environment_variable_moves_everything(blog: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECWEEKLY_CACHE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setattr(parsed_cache, "MARGIN_NS", 0)
    write_note(blog, "2603.00001", "2026-03-02")
    fill_both(blog)
    assert (tmp_path / "elsewhere/pace.json").is_file() and (tmp_path / "elsewhere/notes-v1").is_dir()
    assert not (blog / ".recweekly-cache").exists()


def test_the_old_enrich_cache_dir_key_says_where_it_went(blog: Path) -> None:
    (blog / "recweekly.toml").write_text('name = "Test Blog"\n[enrich]\ncache_dir = "c"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(blog)
    [problem] = caught.value.problems
    assert problem.field == "enrich.cache_dir" and problem.line == 3 and "top level" in problem.message


def test_an_unwritable_folder_keeps_state_for_the_run_only(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    state = EnrichState(blocked)
    state.write("pace.json", {"h": 1})  # no error
    assert state.read("pace.json") == {}
    with state.lock("pace.json"):
        pass
