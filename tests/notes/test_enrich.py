"""`recweekly notes enrich` and the enrichment `notes add` / `import` do (`recweekly/notes/enrich.py`), end to
end on the fake arXiv HTML pages of tests/fixtures/latexml/ (ACM, IEEE, plain with superscripts, notes
only, e-mails only, none; 404s, a slow answer, images too big or not images)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import DIGEST, note_path, run, snapshot

pytestmark = pytest.mark.usefixtures("arxiv")
WEEK = "2026-W10"


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def digest_notes(blog: Path) -> Path:
    """The fixture digest's 12 notes, imported without reading any page."""
    assert run("notes", "import", str(DIGEST), "--offline").exit_code == 0
    return blog


def test_enrich_fills_orgs_and_the_lead_figure_and_never_overwrites(digest_notes: Path, arxiv: FakeArxiv) -> None:
    blog = digest_notes
    river_before = front(note_path(blog, "2603.02101"))
    result = run("notes", "enrich", "--week", WEEK)
    assert result.exit_code == 0, result.output
    # Aalto (IEEE template): the table lacks it; its kind is guessed, so the affiliation is written
    tokens = front(note_path(blog, "2603.02102"))
    assert tokens["orgs"] == ["Aalto University", "Hochschule Nordwest"]
    assert tokens["affiliation"] == "academic"
    assert tokens["figure"] == "2603.02102.figure.jpg"
    assert tokens["figure_caption"].startswith(r"Fig. 1: Recall@10 against the semantic-ID length $\ell$")
    assert note_path(blog, "2603.02102").with_name("2603.02102.figure.jpg").read_bytes().startswith(b"\xff\xd8")
    # RIVER (ACM): the digest named Kuaishou already; the page adds Renmin — a conflict, the note is kept
    river = front(note_path(blog, "2603.02101"))
    assert river["orgs"] == river_before["orgs"] == ["Kuaishou"]
    assert river["figure"] == "2603.02101.figure.png" and "$\\mathcal{O}(L)$" in river["figure_caption"]
    assert re.search(r"2603\.02101\.md  filled: figure, figure_caption  conflicts \(kept yours\): orgs", result.stdout)
    # no affiliation was derived where the table knows every org: it is worked out when needed
    assert front(note_path(blog, "2603.02105"))["affiliation"] is None
    out = result.stdout
    assert "arXiv HTML: 2603.02106: no HTML version on arXiv (404)" in out
    assert "arXiv HTML: 2603.02104: the page names no affiliation" in out
    assert "arXiv HTML: 2603.02104: the page has no figure with an image" in out
    assert "arXiv HTML: 2603.02105: figure not kept: the figure is 1.5 MB, more than the 1.0 MB cap" in out
    assert "arXiv HTML: 2603.02107: figure not kept: the figure was answered as 'text/html'" in out
    assert "arXiv HTML: 2603.02109: figure not kept: the figure is more than the 1.0 MB cap" in out
    assert not list(note_path(blog, "2603.02105").parent.glob("2603.02105.figure.*"))
    # the organizations the table lacks, with the entry to add
    assert "organizations the org table does not know (2); add them to recweekly.toml" in out
    assert "  'Aalto University' (2603.02102)\n    [orgs.\"Aalto University\"]\n" in out
    assert '    kind = "academic"\n' in out


def test_each_page_and_figure_is_asked_for_once_and_a_second_run_asks_nothing(digest_notes: Path,
                                                                               arxiv: FakeArxiv) -> None:
    html = arxiv.html
    assert run("notes", "enrich", "--week", WEEK).exit_code == 0
    assert sorted(html.pages_asked) == [f"/html/2603.021{n:02d}" for n in range(1, 13)]
    assert len(html.images_asked) == 6  # the six pages with a figure: one image request each
    assert [b - a for a, b in zip(html.stamps, html.stamps[1:], strict=False)] == [3.0] * 17
    before, asked = snapshot(digest_notes), len(html.requests)
    again = run("notes", "enrich", "--week", WEEK)
    assert again.exit_code == 0, again.output
    assert len(html.requests) == asked  # 404s, pages without affiliations or usable figures: remembered a week
    assert snapshot(digest_notes) == before
    assert "0 created, 0 filled, 12 unchanged" in again.stdout


def test_offline_fills_what_the_notes_own_words_give_and_asks_nothing(blog: Path, arxiv: FakeArxiv) -> None:
    path = note_path(blog, "2603.05555")
    path.parent.mkdir(parents=True)
    path.write_text("---\narxiv: '2603.05555'\ntitle: 'TWIRL: Generative Retrieval with Semantic IDs'\n"
                    "date: 2026-03-04\n---\n\nMy notes.\n", encoding="utf-8")
    result = run("notes", "enrich", "2603.05555", "--offline")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text == ("---\narxiv: '2603.05555'\ntitle: 'TWIRL: Generative Retrieval with Semantic IDs'\n"
                    "date: 2026-03-04\nmodel: TWIRL\nsuggested_category: generative-rec\n"
                    "suggested_theme: generative-rec\n---\n\nMy notes.\n")
    assert arxiv.html.requests == [] and arxiv.requests == []


def test_dry_run_reads_arxiv_and_writes_nothing(digest_notes: Path, arxiv: FakeArxiv) -> None:
    before = snapshot(digest_notes)
    result = run("notes", "enrich", "2603.02102", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "filled: orgs, affiliation, figure, figure_caption" in result.stdout
    assert "(dry run: nothing written)" in result.stdout
    assert snapshot(digest_notes) == before
    assert arxiv.html.pages_asked == ["/html/2603.02102"]


def test_a_page_arxiv_cannot_serve_is_exit_3_and_the_others_are_still_written(digest_notes: Path,
                                                                           arxiv: FakeArxiv) -> None:
    arxiv.html.queue("503", "503", "503", "503")  # the first paper's page, and every retry
    result = run("notes", "enrich", "2603.02101", "2603.02102")
    assert result.exit_code == 3
    assert "arXiv failed for HTML of 2603.02101 after 4 attempt(s): HTTP 503" in result.stdout
    assert "arXiv could not serve 1 page(s) (2603.02101)" in result.stderr
    assert "figure" not in front(note_path(digest_notes, "2603.02101"))
    assert front(note_path(digest_notes, "2603.02102"))["figure"] == "2603.02102.figure.jpg"


def test_a_slow_answer_is_reported_not_retried(digest_notes: Path, arxiv: FakeArxiv,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import recweekly.notes.arxiv_html as module

    real = module.ArxivHtmlClient.__init__

    def short_timeout(self: object, *args: object, **kwargs: object) -> None:
        real(self, *args, **{**kwargs, "timeout": 0.3})  # type: ignore[arg-type]

    monkeypatch.setattr(module.ArxivHtmlClient, "__init__", short_timeout)
    arxiv.html.slow_seconds = 2.0
    arxiv.html.queue("slow")
    result = run("notes", "enrich", "2603.02102")
    assert result.exit_code == 3
    assert "arXiv sent no answer for HTML of 2603.02102 within 0.3 s; not retried" in result.stdout
    assert arxiv.html.requests == ["/html/2603.02102"]


def test_bad_arguments(digest_notes: Path, arxiv: FakeArxiv) -> None:
    missing = run("notes", "enrich", "2603.09999")
    assert missing.exit_code == 1
    assert "2603.09999: no note for this paper; add it first with `recweekly notes add 2603.09999`" in missing.stderr
    both = run("notes", "enrich", "2603.02101", "--week", WEEK)
    assert both.exit_code == 2 and "give IDs or --week, not both" in both.stderr
    assert arxiv.html.requests == []


def test_import_reads_each_new_papers_page_unless_told_not_to(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(DIGEST))
    assert result.exit_code == 0, result.output
    assert "reading 12 paper page(s) from arXiv HTML for affiliations and figures (one request every 3 s)" \
        in result.stderr
    # organizations from the digest's text first, then the page's
    assert front(note_path(blog, "2603.02101"))["orgs"] == ["Kuaishou", "Renmin University of China"]
    assert front(note_path(blog, "2603.02103"))["orgs"] == ["Alibaba", "Zhejiang University"]
    assert front(note_path(blog, "2603.02101"))["figure"] == "2603.02101.figure.png"
    for flag in ("--no-enrich", "--offline"):
        asked = len(arxiv.html.requests)
        again = run("notes", "import", str(DIGEST), flag)
        assert again.exit_code == 0 and len(arxiv.html.requests) == asked


def test_a_figure_is_written_before_its_note_and_a_note_with_a_figure_keeps_it(digest_notes: Path) -> None:
    path = note_path(digest_notes, "2603.02101")
    text = path.read_text(encoding="utf-8").replace("---\n\n", "figure: mine.png\n---\n\n", 1)
    path.write_text(text, encoding="utf-8")
    (path.parent / "mine.png").write_bytes(b"\x89PNG\r\n\x1a\nmine")
    result = run("notes", "enrich", "2603.02101")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text  # had a figure (and orgs): nothing to ask for
    assert not (path.parent / "2603.02101.figure.png").exists()
