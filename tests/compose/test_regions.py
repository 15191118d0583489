"""Region markers: wrap and parse agree, hand edits outside regions survive, inside are refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from recweekly.compose.regions import (
    RegionError,
    _marker_lines,
    checksum,
    find_regions,
    is_marker_line,
    region_problems,
    replace_regions,
    wrap,
)

NAMES = ("stats", "roundup", "table")

# Text a person may write between regions: anything, including CRLF, unicode, HTML comments and
# strings that mention markers without being a marker line.
_fragments = st.sampled_from([
    "\n", "\r\n", "\r", " ", "\t", "TODO: write this\n", "中文段落，测试。", "emoji 📊 ✨",
    "<!-- a comment -->", "text <!-- recweekly:begin fake sha256=000000000000 --> inline\n",
    "`<!-- recweekly:end stats -->`", "> <!-- recweekly:begin quoted sha256=000000000000 -->",
    "recweekly:begin x\n", "<!-- recweekly is great -->",
    "---\n", "# Heading\n", "| a | b |\n", "\u00a0", "\ufeff",
])
hand_text = st.lists(st.one_of(_fragments, st.text(max_size=20)), max_size=8).map("".join).filter(
    lambda s: not any(is_marker_line(line) for line in s.splitlines())
)
region_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40
).filter(lambda s: not any(is_marker_line(line) for line in s.splitlines()))


def _join(parts: list[str], regions: list[str], newline: str) -> str:
    """Interleave hand text with regions, each region on its own lines."""
    out = parts[0]
    for i, region in enumerate(regions):
        if out and not out.endswith(("\n", "\r")):
            out += newline
        out += region + newline + parts[i + 1]
    return out


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    parts=st.lists(hand_text, min_size=len(NAMES) + 1, max_size=len(NAMES) + 1),
    old=st.lists(region_text, min_size=len(NAMES), max_size=len(NAMES)),
    new=st.lists(region_text, min_size=len(NAMES), max_size=len(NAMES)),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_hand_edits_outside_regions_survive_fill_byte_for_byte(
    parts: list[str], old: list[str], new: list[str], newline: str
) -> None:
    regions = [wrap(name, text, newline) for name, text in zip(NAMES, old, strict=True)]
    document = _join(parts, regions, newline)
    result = replace_regions(document, dict(zip(NAMES, new, strict=True)))
    assert not result.refused and not result.missing and not result.unknown
    expected = _join(parts, [wrap(name, text, newline) for name, text in zip(NAMES, new, strict=True)], newline)
    assert result.text == expected
    # Outside the regions nothing moved: strip regions from both and compare.
    found = find_regions(result.text)
    assert [r.name for r in found] == list(NAMES)
    assert all(not r.edited for r in found)
    # Filling again with the same content changes nothing.
    again = replace_regions(result.text, dict(zip(NAMES, new, strict=True)))
    assert again.text == result.text and again.changed == []


@settings(max_examples=80, deadline=None)
@given(before=hand_text, after=hand_text, text=region_text, edit=region_text.map(lambda s: s + "\n"))
def test_edit_inside_region_is_refused_and_text_unchanged(before: str, after: str, text: str, edit: str) -> None:
    region = wrap("roundup", text)
    document = _join([before, after], [region], "\n")
    found = find_regions(document)[0]
    edited = document[: found.text_start] + edit + document[found.text_start:]
    assume(checksum(found.text) != checksum(edit + found.text) and edit + found.text != "fresh\n")
    result = replace_regions(edited, {"roundup": "fresh\n"})
    assert result.refused == ["roundup"]
    assert result.text == edited
    forced = replace_regions(edited, {"roundup": "fresh\n"}, force=True)
    assert forced.forced == ["roundup"]
    assert forced.text == _join([before, after], [wrap("roundup", "fresh\n")], "\n")


def test_wrap_format_and_checksum() -> None:
    text = wrap("roundup", "- a\n- b")
    digest = checksum("- a\n- b\n")
    assert text == f"<!-- recweekly:begin roundup sha256={digest} -->\n- a\n- b\n<!-- recweekly:end roundup -->"
    assert len(checksum("x")) == 12
    assert checksum("a\r\nb\r\n") == checksum("a\nb\n")


def test_crlf_document_gets_crlf_region_text() -> None:
    doc = "---\r\ntitle: x\r\n---\r\n" + wrap("stats", "old\n", "\r\n") + "\r\nafter\r\n"
    result = replace_regions(doc, {"stats": "one\ntwo\n"})
    assert result.text == "---\r\ntitle: x\r\n---\r\n" + wrap("stats", "one\ntwo\n", "\r\n") + "\r\nafter\r\n"
    assert "\n" not in result.text.replace("\r\n", "")


def test_indented_marker_keeps_indentation() -> None:
    doc = "  " + wrap("a", "x\n").replace("\n<!--", "\n  <!--") + "\n"
    region = find_regions(doc)[0]
    result = replace_regions(doc, {"a": "y\n"})
    assert result.text.startswith("  <!-- recweekly:begin a sha256=")
    assert "\ny\n  <!-- recweekly:end a -->" in result.text
    assert region.text == "x\n"


def test_a_seed_region_is_generated_until_edited_then_the_editors_even_when_forced() -> None:
    seed = wrap("paper-1", "### Paper 1\n\nSeeded words.\n", seed=True)
    assert seed.startswith("<!-- recweekly:begin paper-1 seed sha256=")
    doc = "intro\n" + seed + "\n" + wrap("roundup", "old\n") + "\n"
    assert [r.seed for r in find_regions(doc)] == [True, False]
    fresh = {"paper-1": "### Paper 1\n\nBetter seeded words.\n", "roundup": "new\n"}
    refreshed = replace_regions(doc, fresh)
    assert refreshed.changed == ["paper-1", "roundup"] and "Better seeded words." in refreshed.text
    assert find_regions(refreshed.text)[0].seed  # still a seed after a refill
    edited = doc.replace("Seeded words.", "My own words.")
    for force in (False, True):
        result = replace_regions(edited, fresh, force=force)
        assert result.kept == ["paper-1"] and result.refused == [] and result.forced == []
        assert "My own words." in result.text and "Better seeded words." not in result.text
    # a seed the document lacks is not "missing": placing it is compose.seeds' job
    assert replace_regions("x\n", fresh, seeds={"paper-1"}).missing == ["roundup"]


def test_missing_and_unknown_regions_are_reported_not_added() -> None:
    doc = "intro\n" + wrap("old", "x") + "\n"
    result = replace_regions(doc, {"roundup": "new\n"})
    assert result.missing == ["roundup"] and result.unknown == ["old"]
    assert result.text == doc


@pytest.mark.parametrize(
    ("document", "line", "words"),
    [
        ("a\n<!-- recweekly:begin x sha256=000000000000 -->\nbody\n", 2, "no end marker"),
        ("a\nb\n<!-- recweekly:end x -->\n", 3, "without a begin marker"),
        ("<!-- recweekly:begin x sha256=000000000000 -->\n<!-- recweekly:end y -->\n", 2, "'x' is open"),
        ("<!-- recweekly:begin x sha256=000000000000 -->\n<!-- recweekly:begin y sha256=000000000000 -->\n"
         "<!-- recweekly:end y -->\n<!-- recweekly:end x -->\n", 2, "cannot nest"),
        ("\n\n\n<!-- recweekly:begin x sha=12 -->\n", 4, "broken region marker"),
        ("a\n<!--recweekly:end x-->\n", 2, "broken region marker"),
        ("<!-- recweekly:begin x sha256=000000000000 -->\n<!-- recweekly:end x -->\n"
         "<!-- recweekly:begin x sha256=000000000000 -->\n<!-- recweekly:end x -->\n", 3, "duplicate region"),
        ("<!-- recweekly:begin x sha256=000000000000 -->", 1, "no end marker"),
        # lines end at \r\n, \r or \n alike; `recweekly:` in prose is no marker
        ("a\r\nb\rc\nsee recweekly: fill\r\n\r\r\n<!-- recweekly:end x -->\r", 7, "without a begin marker"),
    ],
)
def test_marker_problems_name_the_line(document: str, line: int, words: str) -> None:
    with pytest.raises(RegionError) as info:
        find_regions(document, "drafts/d.md")
    assert any(p.line == line and words in p.message for p in info.value.problems), info.value.problems
    assert "drafts/d.md" in str(info.value)
    assert region_problems(document, "drafts/d.md") == info.value.problems


def test_every_problem_is_listed_at_once() -> None:
    doc = ("<!-- recweekly:end a -->\nx\n<!-- recweekly:begin b sha256=zz -->\n"
           "<!-- recweekly:begin c sha256=000000000000 -->\n")
    problems = region_problems(doc, "f.md")
    assert [p.line for p in problems] == [1, 3, 4]


def test_generated_text_with_marker_line_is_rejected() -> None:
    with pytest.raises(ValueError):
        wrap("a", "<!-- recweekly:end a -->\n")


def test_hand_edit_equal_to_the_generated_text_is_accepted() -> None:
    doc = wrap("a", "old\n").replace("\nold\n", "\nnew\n") + "\n"
    assert find_regions(doc)[0].edited
    result = replace_regions(doc, {"a": "new\n"})
    assert result.refused == [] and result.changed == ["a"]
    assert result.text == wrap("a", "new\n") + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=hand_text, after=hand_text, edit=region_text.map(lambda s: s + "\n"),
       newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_fill_leaves_a_file_with_a_hand_edited_region_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, before: str, after: str, edit: str, newline: str, bom: bool
) -> None:
    from pathlib import Path

    from recweekly.compose.filling import plan_fill, write_plan
    from recweekly.config import Config

    root = tmp_path_factory.mktemp("blog")
    front = f"---{newline}title: T{newline}period: 2026-W10{newline}lang: en{newline}---{newline}"
    document = front + _join([before, after], [wrap("roundup", "generated\n", newline)], newline)
    region = find_regions(document)[0]
    edited = document[: region.text_start] + edit.replace("\n", newline) + document[region.text_start:]
    path = Path(root) / "draft.md"
    data = (b"\xef\xbb\xbf" if bom else b"") + edited.encode("utf-8")
    path.write_bytes(data)
    config = Config(root=Path(root))
    plan = plan_fill(config, path, renderer=lambda *a: {"roundup": "regenerated\n"}, display="draft.md")
    assert [p.line for p in plan.problems] == [region.begin_line]
    assert "edited by hand" in plan.problems[0].message
    assert write_plan(plan) is False
    assert path.read_bytes() == data
    forced = plan_fill(config, path, force=True, renderer=lambda *a: {"roundup": "regenerated\n"})
    assert forced.problems == [] and write_plan(forced)
    expected = front + _join([before, after], [wrap("roundup", "regenerated\n", newline)], newline)
    assert path.read_bytes() == (b"\xef\xbb\xbf" if bom else b"") + expected.encode("utf-8")


# -- the one-pass marker scan against the plainest reading of the definition --------------------

_LINES = re.compile(r"([^\r\n]*)(\r\n|\n|\r|$)")
_scan_fragments = st.sampled_from([
    "\n", "\r\n", "\r", " ", "\t", "\x0c", "\u2028", "\x85", "```\n", "~~~\r\n", "中文", "📊", "text",
    "<!--", " recweekly:", "recweekly:", "<!-- recweekly:begin a sha256=0123456789ab -->",
    "<!-- recweekly:begin b seed sha256=0123456789ab -->", "<!-- recweekly:end a -->", "<!-- recweekly:end b -->",
    "  <!--\trecweekly:end a -->\t", "<!--\u3000recweekly:bad", "x <!-- recweekly:end a -->", "<!--<!-- recweekly:",
    "<!-- recweekly:begin a sha256=0123456789ab --> <!-- recweekly:end a -->", "<!--\x0crecweekly:", "<!-- recweekly",
])


def _marker_lines_by_hand(document: str) -> list[tuple[int, int, str, str]]:
    """Every line split out and tested: what the one-pass scan must find without splitting."""
    out, lineno = [], 1
    for found in _LINES.finditer(document):
        content, term = found.group(1), found.group(2)
        if is_marker_line(content):
            out.append((lineno, found.start(), content, term))
        lineno += 1
        if not term:
            break
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_scan_fragments, st.text(max_size=6)), max_size=30).map("".join))
def test_marker_scan_finds_exactly_the_marker_lines(document: str) -> None:
    """Markers among code fences, CRLF, lone CR, blanks, Unicode spaces and marker-like text."""
    assert list(_marker_lines(document)) == _marker_lines_by_hand(document)
    lines = {line for line, _, _, _ in _marker_lines_by_hand(document)}
    assert {problem.line for problem in region_problems(document)} <= lines
