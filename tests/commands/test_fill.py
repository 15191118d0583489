"""`recweekly fill`: refresh regions, keep every other byte, refuse hand edits, --force, --check."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.compose.regions import find_regions, wrap
from tests.helpers.drafts import GENERATED, draft_text, fake_renderer, write_draft


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_fill_refreshes_regions_and_keeps_everything_else(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = fake_renderer(monkeypatch)[0]
    path = write_draft(blog, text=draft_text(body_extra="My own paragraph ✍️ stays.\n"))
    before = path.read_bytes()
    content["roundup"] = "- Paper A — take\n- Paper B — take\n- Paper C — new note\n"
    code, out, err = run("fill", "drafts/2026-W10.en.md")
    assert code == 0, err
    assert "refreshed roundup" in out
    after = path.read_text(encoding="utf-8")
    assert "- Paper C — new note\n<!-- recweekly:end roundup -->" in after
    expected = draft_text({**GENERATED, "roundup": content["roundup"]},
                          body_extra="My own paragraph ✍️ stays.\n")
    assert after == expected
    assert before != path.read_bytes()
    # A second run is a no-op.
    code, out, _ = run("fill", "drafts/2026-W10.en.md")
    assert code == 0 and "up to date" in out


def test_fill_reads_period_and_lang_from_front_matter(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_renderer(monkeypatch)
    write_draft(blog, "d.md", draft_text(period="2026-06-23", lang="zh"))
    assert run("fill", "drafts/d.md")[0] == 0
    assert calls[1:] == [("2026-06-23", "zh")]


def test_hand_edited_region_is_refused_and_file_unchanged(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = fake_renderer(monkeypatch)[0]
    path = write_draft(blog)
    text = path.read_text(encoding="utf-8").replace("- Paper B — take", "- Paper B — my better take")
    path.write_text(text, encoding="utf-8")
    content["roundup"] = "- new\n"
    content["stats"] = "37 papers this week.\n"
    code, _, err = run("fill", "drafts/2026-W10.en.md")
    assert code == 1
    line = text.splitlines().index(next(x for x in text.splitlines() if "begin roundup" in x)) + 1
    assert f"drafts/2026-W10.en.md:{line}: region 'roundup' was edited by hand" in err
    assert "--force" in err
    assert path.read_text(encoding="utf-8") == text  # stats not refreshed either: no half fill

    code, out, err = run("fill", "--force", "drafts/2026-W10.en.md")
    assert code == 0, err
    assert "overwrote hand edits in roundup" in out
    regions = {r.name: r for r in find_regions(path.read_text(encoding="utf-8"))}
    assert regions["roundup"].text == "- new\n" and not regions["roundup"].edited
    assert regions["stats"].text == "37 papers this week.\n"


def test_check_reports_stale_files_and_writes_nothing(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = fake_renderer(monkeypatch)[0]
    fresh = write_draft(blog, "a.md")
    stale = write_draft(blog, "b.md")
    code, out, _ = run("fill", "--check")
    assert code == 0 and out.count("up to date") == 2
    content["stats"] = "40 papers.\n"
    before = stale.read_bytes()
    code, out, err = run("fill", "--check", "drafts/b.md")
    assert code == 1
    assert "drafts/b.md: would refresh stats" in out
    assert "out of date" in err
    assert stale.read_bytes() == before and fresh.read_bytes() == before


def test_broken_markers_are_reported_with_lines(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_renderer(monkeypatch)
    text = draft_text().replace("<!-- recweekly:end stats -->\n", "")
    path = write_draft(blog, text=text)
    begin = next(i for i, x in enumerate(text.splitlines(), 1) if "begin stats" in x)
    code, _, err = run("fill", "drafts/2026-W10.en.md")
    assert code == 1
    nested = next(i for i, x in enumerate(text.splitlines(), 1) if "begin roundup" in x)
    assert (f"drafts/2026-W10.en.md:{nested}: region 'roundup' begins inside region 'stats' (begun on line "
            f"{begin}): is the end marker of 'stats' missing?") in err
    assert path.read_text(encoding="utf-8") == text


def test_missing_region_is_noted_not_added(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_renderer(monkeypatch)
    path = write_draft(blog, text=draft_text({"stats": GENERATED["stats"]}))
    before = path.read_bytes()
    code, _, err = run("fill", "drafts/2026-W10.en.md")
    assert code == 0
    assert "no region 'roundup'" in err
    assert path.read_bytes() == before


def test_crlf_and_bom_survive(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = fake_renderer(monkeypatch)[0]
    text = draft_text(newline="\r\n")
    path = blog / "drafts" / "crlf.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    content["stats"] = "40 papers.\n"
    assert run("fill", "drafts/crlf.md")[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n40 papers.\r\n<!-- recweekly:end stats -->\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    expected = draft_text({**GENERATED, "stats": "40 papers.\n"}, newline="\r\n")
    assert data == b"\xef\xbb\xbf" + expected.encode("utf-8")


def test_one_bad_file_does_not_block_the_others_but_fails_the_run(
    blog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = fake_renderer(monkeypatch)[0]
    good = write_draft(blog, "good.md")
    bad = write_draft(blog, "bad.md", draft_text().replace("period: 2026-W10\n", ""))
    bad_before = bad.read_bytes()
    content["stats"] = "40 papers.\n"
    code, out, err = run("fill", "drafts/good.md", "drafts/bad.md")
    assert code == 1
    assert "drafts/good.md: refreshed stats" in out
    assert "drafts/bad.md:" in err and "period" in err
    assert bad.read_bytes() == bad_before
    assert "40 papers." in good.read_text(encoding="utf-8")


def test_not_utf8_and_missing_file(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_renderer(monkeypatch)
    (blog / "drafts" / "latin1.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    code, _, err = run("fill", "drafts/latin1.md", "drafts/nope.md")
    assert code == 1
    assert "drafts/latin1.md:2: byte 0xe9 is not UTF-8" in err
    assert "drafts/nope.md: no such file" in err


def test_broken_notes_are_reported(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from recweekly.errors import NoteError, Problem

    def render(*args: object) -> dict[str, str]:
        raise NoteError("notes are broken", [Problem("notes/2026/W10/2603.00001.md", "bad score", 7, "score")])

    monkeypatch.setattr("recweekly.compose.filling.render_generated", render)
    path = write_draft(blog)
    before = path.read_bytes()
    code, _, err = run("fill", "drafts/2026-W10.en.md")
    assert code == 1
    assert "notes/2026/W10/2603.00001.md:7: score: bad score" in err
    assert path.read_bytes() == before


def test_wrap_round_trip_used_by_templates() -> None:
    assert find_regions(wrap("x", "a") + "\n")[0].text == "a\n"


def test_file_without_regions_is_left_alone(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_renderer(monkeypatch)
    page = blog / "drafts" / "about.md"
    page.write_text("---\ntitle: About\nslug: about\ntype: Page\nstatus: Draft\nlang: en\n---\n\nHi.\n",
                    encoding="utf-8")
    before = page.read_bytes()
    code, out, _ = run("fill")
    assert code == 0 and "drafts/about.md: no generated regions, nothing to fill" in out
    assert page.read_bytes() == before


def test_sections_of_papers_that_left_the_week_untouched_ones_go_edited_ones_are_named(blog: Path) -> None:
    from tests.helpers.notes import write_note

    for arxiv, day in (("2603.00001", "2026-03-03"), ("2603.00002", "2026-03-04"), ("2603.00003", "2026-03-05")):
        write_note(blog, arxiv, day, f"theme: ranking\nsummary:\n  en: Paper {arxiv} does a thing.\n", body="")
    assert run("new", "--week", "2026-W10")[0] == 0
    path = blog / "drafts" / "2026-W10.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Paper 2603.00003 does a thing.\n",
                                                             "My notes on 2603.00003.\n", 1), encoding="utf-8")
    # two papers leave the week (re-filed under W11)
    assert run("notes", "move", "2603.00002", "--week", "2026-W11")[0] == 0
    assert run("notes", "move", "2603.00003", "--week", "2026-W11")[0] == 0
    code, _, err = run("check", "drafts/2026-W10.en.md")
    assert code == 1
    assert "section 'paper-2603.00002' is about a paper no longer among the notes of this period" in err
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "begin paper-2603.00003" in text)
    assert (f"drafts/2026-W10.en.md:{line}: section 'paper-2603.00003' was edited but its paper is no longer "
            "among the notes of 2026-W10") in err
    code, out, err = run("fill", "drafts/2026-W10.en.md")
    assert code == 0, err
    assert "removed the untouched section 'paper-2603.00002'" in out
    assert "section 'paper-2603.00003' was edited but its paper is no longer among the notes" in err
    text = path.read_text(encoding="utf-8")
    assert "paper-2603.00002" not in text and "My notes on 2603.00003." in text
    assert "1 paper" in text


def test_a_paper_with_nowhere_to_go_is_named_and_the_draft_left_alone(blog: Path) -> None:
    from tests.helpers.notes import write_note

    write_note(blog, "2603.00001", "2026-03-03", "theme: ranking\nsummary:\n  en: One.\n", body="")
    assert run("new", "--week", "2026-W10")[0] == 0
    path = blog / "drafts" / "2026-W10.en.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("## Ranking Architecture and Efficiency")
    end = text.index("## Directions to Watch")
    path.write_text(text[:start] + text[end:], encoding="utf-8")  # the editor removed the whole theme
    before = path.read_bytes()
    write_note(blog, "2603.00002", "2026-03-04", "theme: ranking\nsummary:\n  en: Two.\n", body="")
    for args in (["fill", "drafts/2026-W10.en.md"], ["check", "drafts/2026-W10.en.md"]):
        code, _, err = run(*args)
        assert code == 1
        assert "paper 2603.00002 has no section in this post, and there is no '## Ranking Architecture and " \
               "Efficiency' section nor any other theme section" in err
    assert path.read_bytes() == before
