"""`recweekly notes add` and `notes import` end to end (`recweekly/notes/importing.py`), on the fake arXiv."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import DIGEST, note_path, run, snapshot

pytestmark = pytest.mark.usefixtures("arxiv")  # no import may reach the real arXiv

DIGEST_IDS = [f"2603.021{n:02d}" for n in range(1, 13)]


def test_a_digest_becomes_one_note_per_paper(blog: Path) -> None:
    result = run("notes", "import", str(DIGEST))
    assert result.exit_code == 0, result.output
    assert "12 created, 0 filled, 0 unchanged" in result.stdout
    assert sorted(p.stem for p in (blog / "notes" / "2026" / "W10").glob("*.md")) == DIGEST_IDS
    text = note_path(blog, "2603.02101").read_text(encoding="utf-8")
    assert "date: 2026-03-03\n" in text  # the digest's date decides the week
    assert "title: 'RIVER: Streaming Interest Memory for Live-Commerce Ranking'\n" in text
    assert "orgs:\n- Kuaishou\n" in text
    assert "  zh: RIVER用流式兴趣记忆替代定长行为序列" in text
    assert "arxiv_category: cs.IR\n" in text
    assert "\n## Abstract\n\nLive-commerce ranking must react" in text
    listed = run("notes", "list", "--week", "2026-W10", "--json")
    assert listed.exit_code == 0 and listed.stdout.count('"arxiv"') == 12  # the notes load cleanly


# ---- notes add ---------------------------------------------------------------------------------------
def test_add_writes_a_note_per_paper_from_one_batched_request(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "add", "2603.01234v2", "arXiv:2603.04567", "https://arxiv.org/pdf/2603.07890v1.pdf",
                 "cs/0112017")
    assert result.exit_code == 0, result.output
    assert arxiv.requests == [{"id_list": ["2603.01234,2603.04567,2603.07890,cs/0112017"], "max_results": ["4"]}]
    assert "arXiv: asking for 4 paper(s)" in result.stderr  # progress goes to stderr
    assert "4 created" in result.stdout
    text = note_path(blog, "2603.01234").read_text(encoding="utf-8")
    assert text.startswith("---\narxiv: '2603.01234'\n"
                           "title: 'LOOM: Weaving Long User Histories into Short-Video Ranking with Hierarchical "
                           "Memory'\nmodel: LOOM\nauthors:\n- Wen Li\n- Hao Zhang\n- Yiqing Chen\n"
                           "date: 2026-03-04\ncategory:\narxiv_category: cs.IR\n"
                           "orgs:\n- Kuaishou\n"  # from the paper's HTML page (tests/fixtures/latexml/)
                           "affiliation:\ntheme:\nsuggested_category: discriminative-rec\nsuggested_theme: ranking\n")
    assert "score:\ndeep_read:\n" in text
    assert "figure: 2603.01234.figure.png\nfigure_caption: 'Figure 1: LOOM''s hierarchical memory" in text
    assert note_path(blog, "2603.01234").with_name("2603.01234.figure.png").read_bytes().startswith(b"\x89PNG")
    assert "orgs: []\n" in note_path(blog, "2603.04567").read_text(encoding="utf-8")  # no HTML page: 404
    assert "arXiv HTML: 2603.04567: no HTML version on arXiv (404)" in result.stdout
    assert text.endswith("---\n\n## Abstract\n\nRanking models in short-video feeds see only the last few hundred "
                         "actions of a user, although the logs keep years of them. We present LOOM, a ranking "
                         "backbone that keeps a hierarchical memory of the whole history and reads it with a "
                         "budgeted cross-attention. LOOM runs in the Kuaishou main feed and raised watch time by "
                         "0.42% in a two-week A/B test.\n")
    assert "arxiv_category: cs.CL\n" in note_path(blog, "2603.07890").read_text(encoding="utf-8")
    assert note_path(blog, "cs/0112017").is_file()
    assert run("notes", "list", "--json").stdout.count('"arxiv"') == 4


def test_options_set_fields_and_the_date_decides_the_week(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "add", "2603.01234", "--date", "2026-03-10", "--category", "discriminative-rec",
                 "--theme", "Long sequences", "--org", "快手", "--org", "Some Lab")
    assert result.exit_code == 0, result.output
    text = note_path(blog, "2603.01234", week="2026/W11").read_text(encoding="utf-8")
    for line in ("date: 2026-03-10\n", "category: discriminative-rec\n", "theme: Long sequences\n",
                 "orgs:\n- Kuaishou\n- Some Lab\n"):
        assert line in text
    assert "'Some Lab' is not in the org table" in result.stderr


def test_adding_again_fills_empty_fields_and_keeps_hand_edits(blog: Path, arxiv: FakeArxiv) -> None:
    run("notes", "add", "2603.01234")
    path = note_path(blog, "2603.01234")
    edited = path.read_text(encoding="utf-8").replace(
        "title: 'LOOM: Weaving Long User Histories into Short-Video Ranking with Hierarchical Memory'",
        "title: LOOM (my short title)").replace("## Abstract", "My notes first.\n\n## Abstract")
    path.write_text(edited, encoding="utf-8")
    result = run("notes", "add", "2603.01234", "--category", "generative-rec")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after == edited.replace("category:\n", "category: generative-rec\n")
    assert "filled: category" in result.stdout and "conflicts (kept yours): title" in result.stdout
    again = snapshot(blog)
    assert run("notes", "add", "2603.01234", "--category", "generative-rec").exit_code == 0
    assert snapshot(blog) == again  # nothing new: byte-identical


@pytest.mark.parametrize(("fault", "ids", "message"), [
    (None, ("2603.01234", "2603.99999"), "2603.99999: no such paper on arXiv"),  # the one found isn't written
    ("400", ("2603.01234",), "incorrect id format for 2603.01234"),  # arXiv rejects it: a content error
])
def test_an_id_arxiv_does_not_know_or_rejects_fails_without_writing(
    blog: Path, arxiv: FakeArxiv, fault: str | None, ids: tuple[str, ...], message: str
) -> None:
    if fault:
        arxiv.queue(fault)
    before = snapshot(blog)
    result = run("notes", "add", *ids)
    assert result.exit_code == 1
    assert message in result.stderr
    assert snapshot(blog) == before


def test_malformed_ids_fail_before_any_request(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "add", "2603.01234", "2603.1", "https://example.org/abs/2603.01234")
    assert result.exit_code == 1
    assert "'2603.1' is not an arXiv id" in result.stderr
    assert "https://example.org/abs/2603.01234" in result.stderr
    assert arxiv.requests == []


def test_503_then_success_writes_the_note(blog: Path, arxiv: FakeArxiv) -> None:
    arxiv.queue("503")
    result = run("notes", "add", "2603.04567")
    assert result.exit_code == 0, result.output
    assert "HTTP 503; retrying" in result.stderr
    assert note_path(blog, "2603.04567").is_file()


@pytest.mark.parametrize("fault", ["drop", "503"])
def test_arxiv_unreachable_exits_3_without_writing(blog: Path, arxiv: FakeArxiv, fault: str) -> None:
    arxiv.queue(*[fault] * 10)
    before = snapshot(blog)
    result = run("notes", "add", "2603.04567")
    assert result.exit_code == 3
    assert "arXiv API failed after 4 attempt(s)" in result.stderr
    assert snapshot(blog) == before


def test_a_broken_existing_note_is_not_merged_into(blog: Path, arxiv: FakeArxiv) -> None:
    path = note_path(blog, "2603.01234")
    path.parent.mkdir(parents=True)
    path.write_text("---\narxiv: '2603.01234'\ntitle: LOOM\ndate: 2026-03-04\nscore: eleven\n---\n",
                    encoding="utf-8")
    before = snapshot(blog)
    result = run("notes", "add", "2603.04567", "2603.01234")
    assert result.exit_code == 1
    assert "2603.01234.md:5: score: expected a whole number from 1 to 10" in result.stderr
    assert snapshot(blog) == before


def test_dry_run_fetches_and_reports_but_writes_nothing(blog: Path, arxiv: FakeArxiv) -> None:
    before = snapshot(blog)
    result = run("notes", "add", "2603.01234", "2603.04567", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "2 created" in result.stdout and "dry run: nothing written" in result.stdout
    assert len(arxiv.requests) == 1
    assert snapshot(blog) == before


def test_add_files_under_today_and_says_when_arxiv_dates_the_paper_in_another_week(
        blog: Path, arxiv: FakeArxiv) -> None:
    # today is 2026-03-04 (W10); 2603.07890 was submitted on 2026-02-27 (W09), 2603.01234 on 2026-03-02 (W10)
    result = run("notes", "add", "2603.07890", "2603.01234")
    assert result.exit_code == 0, result.output
    assert "date: 2026-03-04\n" in note_path(blog, "2603.07890").read_text(encoding="utf-8")
    assert ("note: 2603.07890 was submitted to arXiv on 2026-02-27 (2026-W09) but is filed under 2026-03-04 "
            "(2026-W10), the day it was collected; if it belongs to the week it was submitted: "
            "recweekly notes move 2603.07890 --date 2026-02-27") in result.stderr
    assert "2603.01234 was submitted" not in result.stderr
    # the command it names does what it says
    moved = run("notes", "move", "2603.07890", "--date", "2026-02-27")
    assert moved.exit_code == 0, moved.output
    assert "date: 2026-02-27\n" in note_path(blog, "2603.07890", week="2026/W09").read_text(encoding="utf-8")


def test_adding_again_with_another_date_keeps_the_note_and_says_how_to_refile(blog: Path, arxiv: FakeArxiv) -> None:
    run("notes", "add", "2603.01234")
    result = run("notes", "add", "2603.01234", "--date", "2026-03-11")
    assert result.exit_code == 0, result.output
    assert "conflicts (kept yours): date" in result.stdout
    assert ("note: 2603.01234 is already filed under another day (kept); to re-file it under 2026-03-11: "
            "recweekly notes move 2603.01234 --date 2026-03-11") in result.stderr
    assert note_path(blog, "2603.01234").is_file()
