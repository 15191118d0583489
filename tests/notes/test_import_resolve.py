"""`recweekly notes import` on a report whose papers no note has yet: titles resolved on arXiv."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from recweekly.errors import RemoteError
from recweekly.notes.arxiv import ArxivClient
from recweekly.notes.titles import normalise_title, phrase_query, title_key, words_query
from tests.fakes.arxiv_server import FakeArxiv, recorded_entries
from tests.notes.helpers import DIGEST, NEW_REPORT, REPORT, FakeTime, note_path, run, snapshot

W11 = "2026/W11"
CREATED = ["2603.05101", "2603.05102", "2603.05103", "2603.05106", "2603.05107"]
# what a client that asks once per title sends for NEW_REPORT (the unknown title costs a second query)
QUERIES = [
    'ti:"halo hierarchical attention over lifelong ordered sequences for ctr prediction"',
    'ti:"why do generative retrievers forget rare items"',
    'ti:"pilot llm guided query planning for e commerce search"',
    'ti:"session graphs revisited a reproducibility study"',
    "ti:session AND ti:graphs AND ti:revisited AND ti:reproducibility AND ti:study",
    'ti:"contrastive pretraining for cold start bundles"',
    'ti:"budget aware reranking with diminishing returns"',
]


@pytest.fixture
def time_() -> FakeTime:
    return FakeTime()


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch, time_: FakeTime) -> Iterator[FakeArxiv]:
    """The fake API, the CLI pointed at it, and a clock that moves only when the client sleeps."""
    import recweekly.notes.arxiv as module

    with FakeArxiv() as server:
        server.clock = time_.clock
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        monkeypatch.setattr(module, "_clock", time_.clock)
        monkeypatch.setattr(module, "_sleep", time_.sleep)
        yield server


def searches(fake: FakeArxiv) -> list[str]:
    return [q["search_query"][0] for q in fake.requests if "search_query" in q]


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
        "arxiv_category: cs.IR\norgs:\n- Meituan\naffiliation: industry\ntheme:\ntags: []\nscore: 8\n"
        "deep_read: 9\nhighlights: []\nsummary:\n  zh: 先按会话汇总终身行为")
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


def test_offline_asks_nothing_and_skips_unmatched_titles(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(NEW_REPORT), "--offline")
    assert result.exit_code == 0, result.output
    assert arxiv.requests == []
    assert "1 created, 0 filled, 0 unchanged, 0 with conflicts (kept your value), 6 skipped" in result.stdout
    assert "arXiv was not asked: --offline" in result.stdout
    # the row with a link still becomes a note, from the report alone
    logging = note_path(blog, "2603.05107", W11).read_text(encoding="utf-8")
    assert "title: Counterfactual Logging at Scale\n" in logging and "authors: []\n" in logging


def test_titles_a_digest_in_the_same_run_brings_are_not_looked_up(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(REPORT), str(DIGEST))  # the report first
    assert result.exit_code == 0, result.output
    # only CLIMB (in no digest, unknown to arXiv) is searched; the linked 2603.02150 is fetched by id
    assert searches(arxiv) == ['ti:"climb curriculum learning for incremental model backfills"',
                               "ti:climb AND ti:curriculum AND ti:learning AND ti:incremental AND ti:model "
                               "AND ti:backfills"]
    assert "model: RIVER\n" in note_path(blog, "2603.02101").read_text(encoding="utf-8")
    assert "authors:\n- Nora Hahn\n" in note_path(blog, "2603.02150").read_text(encoding="utf-8")


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


def test_help_documents_resolution_and_offline(blog: Path) -> None:
    result = run("notes", "import", "--help")
    assert result.exit_code == 0
    assert "--offline" in result.stdout and "looked up on the arXiv API" in result.stdout
    assert "RECWEEKLY_ARXIV_API_URL" in result.stdout


# ---- the client's title search and the title rules ------------------------------------------------
def test_search_title_returns_exact_matches_and_near_misses(arxiv: FakeArxiv, time_: FakeTime) -> None:
    client = ArxivClient(arxiv.url, clock=time_.clock, sleep=time_.sleep, timeout=2.0)
    found = client.search_title("pilot:  LLM-guided query planning for e-commerce search")
    assert [p.arxiv for p in found.matches] == ["2603.05103"] and found.others == []
    assert found.queries == ['ti:"pilot llm guided query planning for e commerce search"']
    near = client.search_title("Contrastive Pretraining for Cold-Start Bundles")
    assert near.matches == [] and [p.arxiv for p in near.others] == ["2603.05105"]
    assert len(arxiv.requests) == 2


def test_a_phrase_with_query_syntax_finds_nothing_on_the_fake(arxiv: FakeArxiv) -> None:
    """Guards the test double: an unsanitised title must fail here as it does on arXiv."""
    import requests

    raw = requests.get(arxiv.url, params={"search_query": 'ti:"PILOT: LLM-Guided Query Planning"'}, timeout=5)
    assert raw.status_code == 200 and b"<entry>" not in raw.content
    clean = requests.get(arxiv.url, params={"search_query": phrase_query("PILOT: LLM-Guided Query Planning")},
                         timeout=5)
    assert b"2603.05103" in clean.content


def test_search_failure_is_a_remote_error(arxiv: FakeArxiv, time_: FakeTime) -> None:
    arxiv.queue("drop", "drop")
    client = ArxivClient(arxiv.url, retries=1, clock=time_.clock, sleep=time_.sleep, timeout=2.0)
    with pytest.raises(RemoteError, match="connection failed"):
        client.search_title("Budget-Aware Reranking with Diminishing Returns")


def test_a_search_arxiv_refuses_is_a_remote_error_naming_the_query(blog: Path, arxiv: FakeArxiv) -> None:
    arxiv.queue("400")
    result = run("notes", "import", str(NEW_REPORT))
    assert result.exit_code == 3
    assert "arXiv refused the search 'ti:\"halo hierarchical" in result.stderr and "--offline" in result.stderr
    assert len(arxiv.requests) == 1  # not retried
    assert not (blog / "notes" / "2026").exists()


@pytest.mark.parametrize(("a", "b"), [
    ("Why Do Generative Retrievers Forget Rare Items?", "why do generative  retrievers forget rare items"),
    ("ＨＡＬＯ: Attention", "HALO: attention."),
    ("Top-K Recs", " top-k\trecs "),
])
def test_titles_that_are_the_same_title(a: str, b: str) -> None:
    assert normalise_title(a) == normalise_title(b) and title_key(a) == title_key(b)


def test_titles_that_are_other_papers() -> None:
    assert normalise_title("Contrastive Pretraining for Cold-Start Bundles") != normalise_title(
        "Contrastive Pretraining for Cold-Start Bundles in Food Delivery")
    assert normalise_title("Top-K Recs") != normalise_title("Top K Recs")


def test_queries_leave_out_what_the_query_language_reserves() -> None:
    assert phrase_query('On "1.58-bit" (Ternary) LLMs: AND/OR?') == 'ti:"on 1.58 bit ternary llms and or"'
    assert words_query("The Art of the Feed: A Study") == "ti:art AND ti:feed AND ti:study"
    assert words_query("On the A") is None
