"""The cache of parsed notes (`recweekly/notes/parsed_cache.py`): what it returns is what a fresh parse
returns, problems and lines included, and it is never trusted for a file that changed."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.errors import NoteError
from recweekly.notes import parsed_cache as cache_module
from recweekly.notes import store as store_module
from recweekly.notes.store import NoteStore
from tests.helpers.notes import run, write_note

BROKEN = {
    "2603.00010": "---\narxiv: '2603.00010'\ntitle: Bad score\ndate: 2026-03-03\nscore: high\ncolour: red\n---\n",
    "2603.00011": "---\narxiv: '2603.00011'\ntitle: [unclosed\ndate: 2026-03-03\n---\n",
    "2603.00012": "---\narxiv: '2603.00012'\ntitle: Wrong week\ndate: 2026-05-04\n---\n",
}


@pytest.fixture
def cache_dir(blog: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The blog's own cache folder, and no 2 s wait before a file written by the test is cached."""
    monkeypatch.delenv("RECWEEKLY_CACHE_DIR")
    monkeypatch.setattr(cache_module, "MARGIN_NS", 0)
    return blog / ".recweekly-cache"


def collection(blog: Path, broken: bool = True) -> None:
    write_note(blog, "2603.00001", "2026-03-02", extra="score: 7\ntags: [a, b]\nsummary:\n  en: E.\n  zh: 中.\n")
    write_note(blog, "2603.00002", "2026-03-08", body="Body with **Markdown**.\n")
    write_note(blog, "2603.00003", "2026-03-09")
    if broken:
        for arxiv, text in BROKEN.items():
            (blog / "notes/2026/W10" / f"{arxiv}.md").write_text(text, encoding="utf-8")


def load(blog: Path) -> tuple[list, list]:
    """Notes and problems of a full load (what `notes list` and `check` see)."""
    store = NoteStore(load_config(blog))
    try:
        return store.load_all(), []
    except NoteError as exc:
        return [], exc.problems


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_note(*args: object) -> None:
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr(store_module, "parse_note", parse_note)


def test_a_warm_load_gives_exactly_what_a_fresh_parse_gives(blog: Path, cache_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    collection(blog, broken=False)
    fresh = NoteStore(load_config(blog)).load_all()
    assert cache_dir.is_dir()
    forbid_parsing(monkeypatch)
    warm = NoteStore(load_config(blog)).load_all()
    assert warm == fresh and [n.path for n in warm] == [n.path for n in fresh]


def test_problems_and_their_lines_come_back_identical(blog: Path, cache_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    collection(blog)
    _, fresh = load(blog)
    assert any(p.line for p in fresh) and any("belongs to 2026-W19" in p.message for p in fresh)
    forbid_parsing(monkeypatch)
    _, warm = load(blog)
    assert warm == fresh and [str(p) for p in warm] == [str(p) for p in fresh]


def test_a_changed_file_is_parsed_again_even_with_the_same_size_and_mtime(blog: Path, cache_dir: Path) -> None:
    collection(blog, broken=False)
    path = blog / "notes/2026/W10/2603.00002.md"
    load(blog)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Markdown", "MARKDOWN"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime: only ctime differs
    notes, _ = load(blog)
    assert "MARKDOWN" in next(n.body for n in notes if n.arxiv == "2603.00002")


def test_files_modified_just_before_the_load_are_not_cached(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECWEEKLY_CACHE_DIR")  # the real margin: these files were written a moment ago
    collection(blog, broken=False)
    load(blog)
    assert not (blog / ".recweekly-cache").exists()


def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(blog: Path, cache_dir: Path) -> None:
    collection(blog)
    _, fresh = load(blog)
    shards = sorted((cache_dir / "notes-v1").glob("*.pickle"))
    assert shards
    shards[0].write_bytes(b"not a pickle at all")
    marker = blog / "pwned"

    class Evil:
        def __reduce__(self) -> tuple:
            return (os.system, (f"touch {marker}",))  # what a planted shard could try to run

    for shard in shards[1:]:
        shard.write_bytes(pickle.dumps(Evil()))
    _, problems = load(blog)
    assert problems == fresh and not marker.exists()
    stored = pickle.loads(shards[0].read_bytes())  # rewritten: a valid shard again
    assert stored["entries"]


def test_another_recweekly_version_or_config_does_not_trust_the_cache(blog: Path, cache_dir: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    collection(blog, broken=False)
    load(blog)
    import recweekly

    monkeypatch.setattr(recweekly, "__version__", "999.0")
    store = NoteStore(load_config(blog))
    store.load_all()
    assert store._cache is not None and store._cache.hits == 0
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "MARGIN_NS", 0)
    (blog / "recweekly.toml").write_text('name = "Test Blog"\n[categories.new-cat]\nlabel = {en = "New", zh = "新"}\n'
                                         'short = {en = "New", zh = "新"}\n', encoding="utf-8")
    store = NoteStore(load_config(blog))
    store.load_all()  # validation depends on the config (categories): a new config parses again
    assert store._cache is not None and store._cache.hits == 0


def test_the_folder_ignores_itself_and_is_safe_to_delete(blog: Path, cache_dir: Path) -> None:
    collection(blog, broken=False)
    first, _ = load(blog)
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    import shutil

    shutil.rmtree(cache_dir)
    again, _ = load(blog)
    assert again == first


def test_an_unwritable_cache_folder_is_no_error(blog: Path, cache_dir: Path) -> None:
    collection(blog, broken=False)
    cache_dir.write_text("a file where the folder would go", encoding="utf-8")
    notes, problems = load(blog)
    assert len(notes) == 3 and problems == []


def test_notes_list_and_check_use_it(blog: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    collection(blog, broken=False)
    listed = run("notes", "list")
    assert listed.exit_code == 0, listed.output
    forbid_parsing(monkeypatch)
    assert run("notes", "list").output == listed.output
    checked = run("check")
    assert checked.exit_code == 0, checked.output
