"""Titles and ids no note knows, resolved on arXiv during `notes import` (`recweekly/notes/resolution.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.arxiv_server import FakeArxiv, recorded_entries
from tests.helpers.notes import DIGEST, NEW_REPORT, REPORT, note_path, run, searches, snapshot

W11 = "2026/W11"
CREATED = ["2603.05101", "2603.05102", "2603.05103", "2603.05106", "2603.05107"]


QUERIES = [
    'ti:"halo hierarchical attention over lifelong ordered sequences for ctr prediction"',
    'ti:"why do generative retrievers forget rare items"',
    'ti:"pilot llm guided query planning for e commerce search"',
    'ti:"session graphs revisited a reproducibility study"',
    "ti:session AND ti:graphs AND ti:revisited AND ti:reproducibility AND ti:study",
    'ti:"contrastive pretraining for cold start bundles"',
    'ti:"budget aware reranking with diminishing returns"',
]


def test_a_report_on_an_empty_blog_creates_notes_from_arxiv_and_the_report(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(NEW_REPORT))
    assert result.exit_code == 0, result.output
    assert "resolving 6 titles on arXiv (one request every 3 s)…" in result.stderr
    assert "5 created, 0 filled, 0 unchanged, 0 with conflicts (kept your value), 2 skipped" in result.stdout
    assert sorted(p.stem for p in (blog / "notes" / "2026" / "W11").glob("*.md")) == CREATED

    halo = note_path(blog, "2603.05101", W11).read_text(encoding="utf-8")
    assert halo.startswith(
        "---\narxiv: '2603.05101'\n"
        "title: 'HALO: Hierarchical Attention over Lifelong Ordered Sequences for CTR Prediction'\n"
        "model: HALO\nauthors:\n- Lin Wu\n- Ke Ma\n- Jie Sun\ndate: 2026-03-11\ncategory: discriminative-rec\n"
        "arxiv_category: cs.IR\norgs:\n- Meituan\naffiliation: industry\ntheme:\n"
        "suggested_theme: ranking\n"  # the report gives a category but no theme: the keywords suggest one
        "tags: []\nscore: 8\ndeep_read: 9\nhighlights: []\nsummary:\n  zh: 先按会话汇总终身行为")
    assert halo.endswith("---\n\n## Abstract\n\nClick-through models truncate user histories to a few thousand "
                         "events. HALO groups a lifelong sequence into sessions, attends over session summaries "
                         "first and over raw events only inside the sessions that matter. Deployed in Meituan "
                         "food delivery, it lifts CTR by 1.1% at equal serving cost.\n")
    # the report drops the '?' and writes lower case: the note takes arXiv's spelling
    rare = note_path(blog, "2603.05102", W11).read_text(encoding="utf-8")
    assert "title: Why Do Generative Retrievers Forget Rare Items?\nmodel:\n" in rare
    assert "category: generative-rec\n" in rare and "deep_read:\n" in rare and "score: 7\n" in rare
    assert "  zh: 指出冷门物品的语义 ID 前缀被热门物品占据" in rare
    pilot = note_path(blog, "2603.05103", W11).read_text(encoding="utf-8")
    assert "orgs:\n- Alibaba\n" in pilot and "category: llm\n" in pilot and "- Hui Xu\n" in pilot
    # a row that links its paper: fetched by id, in the same run
    logging = note_path(blog, "2603.05107", W11).read_text(encoding="utf-8")
    assert "authors:\n- Sam Reed\n" in logging and "arxiv_category: stat.ML\n" in logging
    assert "category: other\n" in logging and "score: 4\n" in logging and "date: 2026-03-11\n" in logging
    listed = run("notes", "list", "--week", "2026-W11", "--json")
    assert listed.exit_code == 0 and listed.stdout.count('"arxiv"') == 5  # the notes load cleanly


def test_titles_arxiv_does_not_have_are_skipped_with_the_reason(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(NEW_REPORT))
    assert result.exit_code == 0, result.output
    lines = {line.split("(line ")[1][:2]: line for line in result.stdout.splitlines() if line.startswith("skipped")}
    assert sorted(lines) == ["21", "22"]
    assert ("arXiv has no paper titled 'Session Graphs Revisited: A Reproducibility Study'; check the title "
            "or put arXiv:ID in the row") in lines["21"]
    # near miss: arXiv's best answer is a longer title, which is another paper
    assert "arXiv has no paper titled 'Contrastive Pretraining for Cold-Start Bundles'" in lines["22"]
    assert "(closest: 2603.05105 'Contrastive Pretraining for Cold-Start Bundles in Food Delivery')" in lines["22"]
    assert not note_path(blog, "2603.05105", W11).exists()


def test_one_request_per_title_paced_three_seconds_apart(blog: Path, arxiv: FakeArxiv) -> None:
    assert run("notes", "import", str(NEW_REPORT)).exit_code == 0
    assert searches(arxiv) == QUERIES
    assert [q for q in arxiv.requests if "id_list" in q] == [{"id_list": ["2603.05107"], "max_results": ["1"]}]
    assert all(q["max_results"] == ["5"] for q in arxiv.requests if "search_query" in q)
    gaps = [b - a for a, b in zip(arxiv.stamps, arxiv.stamps[1:], strict=False)]
    assert len(gaps) == len(QUERIES) and all(gap >= 3.0 for gap in gaps)  # searches and the id fetch share it


def test_re_import_is_byte_identical_and_asks_only_for_titles_still_unknown(blog: Path, arxiv: FakeArxiv) -> None:
    assert run("notes", "import", str(NEW_REPORT)).exit_code == 0
    before = snapshot(blog)
    asked = len(arxiv.requests)
    again = run("notes", "import", str(NEW_REPORT))
    assert again.exit_code == 0, again.output
    assert snapshot(blog) == before
    assert "0 created, 0 filled, 5 unchanged" in again.stdout
    # the five notes now carry the titles: only the two skipped titles go to arXiv again, no id fetch
    assert searches(arxiv)[len(QUERIES):] == QUERIES[3:6]
    assert all("search_query" in q for q in arxiv.requests[asked:])


@pytest.mark.parametrize("fault", ["503", "drop"])
def test_arxiv_down_exits_3_and_writes_nothing(blog: Path, arxiv: FakeArxiv, fault: str) -> None:
    run("notes", "import", str(DIGEST))  # notes the report could have filled are not touched either
    before = snapshot(blog)
    arxiv.queue(*[fault] * 20)
    result = run("notes", "import", str(NEW_REPORT), str(REPORT))
    assert result.exit_code == 3
    assert "arXiv API failed after 4 attempt(s)" in result.stderr and "nothing was written" in result.stderr
    assert snapshot(blog) == before


def test_arxiv_failing_after_some_answers_still_writes_nothing(blog: Path, arxiv: FakeArxiv) -> None:
    arxiv.queue("ok", "ok", "ok", *["503"] * 10)
    result = run("notes", "import", str(NEW_REPORT))
    assert result.exit_code == 3
    assert len(searches(arxiv)) == 7  # three answered, then four tries at the fourth title
    assert not (blog / "notes" / "2026").exists()


def test_a_passing_503_is_retried_and_the_import_completes(blog: Path, arxiv: FakeArxiv) -> None:
    arxiv.queue("503")
    result = run("notes", "import", str(NEW_REPORT))
    assert result.exit_code == 0, result.output
    assert "HTTP 503; retrying" in result.stderr and "5 created" in result.stdout


def test_an_id_in_a_row_that_arxiv_does_not_know_is_skipped(blog: Path, arxiv: FakeArxiv, tmp_path: Path) -> None:
    report = tmp_path / "daily-report.2026-03-11.zh.txt"
    report.write_text(NEW_REPORT.read_text(encoding="utf-8").replace("2603.05107", "2603.09999"), encoding="utf-8")
    result = run("notes", "import", str(report))
    assert result.exit_code == 0, result.output
    assert "arXiv has no paper 2603.09999 (the id in the row); check the id" in result.stdout
    assert not note_path(blog, "2603.09999", W11).exists()


def _entry(arxiv_id: str, title: str) -> str:
    return recorded_entries()["2603.05106"].replace("2603.05106", arxiv_id).replace(
        "Budget-Aware Reranking with Diminishing Returns", title)


def test_two_arxiv_papers_with_the_title_are_skipped_as_ambiguous(blog: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import recweekly.notes.arxiv as module

    entries = {"2603.07001": _entry("2603.07001", "A Study of Feeds"),
               "2603.07002": _entry("2603.07002", "A study of feeds."),
               "2603.07003": _entry("2603.07003", "A Study of Feeds and Their Users")}
    report = tmp_path / "r.txt"
    report.write_text("2026-03-11 日报\n全部论文\n| 模型 | 标题 | 摘要分 |\n|---|---|---|\n"
                      "| — | A Study of Feeds | 5 |\n", encoding="utf-8")
    monkeypatch.setattr(module, "_sleep", lambda seconds: None)
    with FakeArxiv(entries) as server:
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        result = run("notes", "import", str(report))
    assert result.exit_code == 0, result.output
    assert ("arXiv has several papers titled 'A Study of Feeds' (2603.07001, 2603.07002); put arXiv:ID in the "
            "row to choose") in result.stdout
    assert not (blog / "notes" / "2026").exists()


def test_a_search_arxiv_refuses_is_a_remote_error_naming_the_query(blog: Path, arxiv: FakeArxiv) -> None:
    arxiv.queue("400")
    result = run("notes", "import", str(NEW_REPORT))
    assert result.exit_code == 3
    assert "arXiv refused the search 'ti:\"halo hierarchical" in result.stderr and "--offline" in result.stderr
    assert len(arxiv.requests) == 1  # not retried
    assert not (blog / "notes" / "2026").exists()
