"""What a page was made from: each path's state when it was used, and whether any changed since."""

from __future__ import annotations

import os
from pathlib import Path

from recweekly.preview.watch import Sources, folder_and_files


def test_an_edit_a_replacement_a_new_file_or_a_deletion_is_a_change(tmp_path: Path) -> None:
    post, image, later = tmp_path / "p.md", tmp_path / "fig.png", tmp_path / "new.png"
    post.write_text("v1", encoding="utf-8")
    image.write_bytes(b"a")
    sources = Sources([post, image])
    sources.add([later])  # a path that does not exist yet is watched too
    stamp = sources.stamp()
    assert sources.current() == stamp and not sources.changed()
    st = post.stat()
    os.utime(post, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # the same bytes, saved again
    assert sources.changed() and sources.current() != stamp
    assert sources.stamp() == stamp  # the stamp is of the states as they were used


def test_a_replaced_file_a_created_one_and_a_removed_one_all_count(tmp_path: Path) -> None:
    image, later = tmp_path / "fig.png", tmp_path / "new.png"
    image.write_bytes(b"a")

    def replace() -> None:  # how many editors save: a new file renamed over the old one
        (tmp_path / "x").write_bytes(b"b")
        os.replace(tmp_path / "x", image)

    for change in (replace, lambda: later.write_bytes(b"c"), image.unlink):
        sources = Sources([image, later])
        change()
        assert sources.changed()


def test_a_folder_is_watched_with_its_files(tmp_path: Path) -> None:
    (tmp_path / "W10").mkdir()
    (tmp_path / "W10" / "a.md").write_text("x", encoding="utf-8")
    assert folder_and_files(tmp_path / "W10") == [tmp_path / "W10", tmp_path / "W10" / "a.md"]
    assert folder_and_files(tmp_path / "W11") == [tmp_path / "W11"]  # appears later: still watched
