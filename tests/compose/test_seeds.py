"""Seeds: a late paper's section goes where its theme's papers are; nothing written by hand is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recweekly.compose.regions import find_regions, wrap
from recweekly.compose.seeds import Seed, place_seeds

RANKING = "## Ranking\n\nTODO: introduce.\n"
GENERATIVE = "## Generative\n\nTODO: introduce.\n"
LLM = "## LLM\n\nTODO: introduce.\n"


def seed(arxiv: str, section: str = RANKING) -> Seed:
    return Seed(f"paper-{arxiv}", f"### Paper {arxiv} ({arxiv})\n\nWhat {arxiv} does.\n", section, arxiv)


def section_of(arxiv: str, words: str | None = None) -> str:
    """A seed region as `new` writes it; with `words`, as the editor rewrote it (markers kept)."""
    region = wrap(f"paper-{arxiv}", seed(arxiv).text, seed=True)
    return region if words is None else region.replace(f"What {arxiv} does.", words)


def doc(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def names(text: str) -> list[str]:
    return [r.name for r in find_regions(text)]


def test_a_late_paper_goes_after_its_themes_last_section_before_the_editors_closing_words() -> None:
    draft = doc("# W10", RANKING.strip(), section_of("1", "My take on 1."), section_of("2"),
                "These papers share one idea.", GENERATIVE.strip(), section_of("5"), "## Directions")
    placed = place_seeds(draft, [seed("1"), seed("2"), seed("3"), seed("5", GENERATIVE)])
    assert [s.name for s in placed.inserted] == ["paper-3"]
    assert names(placed.text) == ["paper-1", "paper-2", "paper-3", "paper-5"]
    assert placed.text.index("paper-3") < placed.text.index("These papers share one idea.")
    assert "My take on 1." in placed.text
    # one blank line on each side, and nothing else added
    assert "<!-- recweekly:end paper-2 -->\n\n<!-- recweekly:begin paper-3 seed" in placed.text
    assert "<!-- recweekly:end paper-3 -->\n\nThese papers share one idea." in placed.text
    assert place_seeds(placed.text, [seed("1"), seed("2"), seed("3"), seed("5", GENERATIVE)]).text == placed.text


def test_the_first_paper_of_a_theme_goes_before_the_next_one() -> None:
    draft = doc(RANKING.strip(), section_of("2"), "## Directions")
    placed = place_seeds(draft, [seed("1"), seed("2")])
    assert names(placed.text) == ["paper-1", "paper-2"]
    assert placed.text.startswith("## Ranking\n\nTODO: introduce.\n\n<!-- recweekly:begin paper-1 seed")


def test_a_theme_whose_sections_lost_their_markers_gets_the_paper_at_its_end() -> None:
    draft = doc("# W10", RANKING.strip(), "### Paper One, rewritten (2603.00001)", "Prose about it.",
                "## Directions", "Where things go.")
    placed = place_seeds(draft, [seed("2603.00001"), seed("2603.00002")])
    # the hand-written heading names 2603.00001: it has its section; only 2603.00002 is added
    assert names(placed.text) == ["paper-2603.00002"]
    assert "Prose about it.\n\n<!-- recweekly:begin paper-2603.00002 seed" in placed.text
    assert "<!-- recweekly:end paper-2603.00002 -->\n\n## Directions" in placed.text


def test_a_theme_new_to_the_draft_gets_its_own_section_after_the_theme_before_it() -> None:
    draft = doc(RANKING.strip(), section_of("1"), "Closing words.", LLM.strip(), section_of("9"), "## Directions")
    placed = place_seeds(draft, [seed("1"), seed("4", GENERATIVE), seed("9", LLM)])
    text = placed.text
    assert text.index("Closing words.") < text.index("## Generative") < text.index("paper-4") < text.index("## LLM")
    assert "Closing words.\n\n## Generative\n\nTODO: introduce.\n\n<!-- recweekly:begin paper-4 seed" in text


def test_an_untouched_section_of_a_paper_gone_is_removed_an_edited_one_is_reported() -> None:
    draft = doc(RANKING.strip(), section_of("1"), section_of("2"), section_of("3", "I wrote this."), "## End")
    placed = place_seeds(draft, [seed("1")])
    assert placed.removed == ["paper-2"]
    assert [r.name for r in placed.orphans] == ["paper-3"]
    assert names(placed.text) == ["paper-1", "paper-3"]
    assert "I wrote this." in placed.text and "\n\n\n" not in placed.text


def test_with_nowhere_to_go_the_paper_is_named_not_guessed() -> None:
    draft = doc("# W10", "Prose only: the editor removed every theme section.")
    placed = place_seeds(draft, [seed("1")])
    assert placed.text == draft and [s.name for s in placed.unplaced] == ["paper-1"]


def test_a_heading_inside_a_generated_region_or_code_does_not_count_as_a_section() -> None:
    roundup = wrap("roundup", "### Paper 2 (2)\n")
    draft = doc(RANKING.strip(), section_of("1"), "```\n### Paper 2 (2)\n```", roundup)
    placed = place_seeds(draft, [seed("1"), seed("2")])
    assert [s.name for s in placed.inserted] == ["paper-2"]


def test_crlf_documents_get_crlf_sections() -> None:
    draft = doc(RANKING.strip(), section_of("1"), "## End").replace("\n", "\r\n")
    placed = place_seeds(draft, [seed("1"), seed("2")])
    assert "\n" not in placed.text.replace("\r\n", "")
    assert names(placed.text) == ["paper-1", "paper-2"]
    assert not find_regions(placed.text)[1].edited


_LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85"
                              "\u2028\u2029"), max_size=30).filter(lambda s: "recweekly:" not in s)


@given(before=st.lists(_LINE, max_size=4), between=st.lists(_LINE, max_size=4), after=st.lists(_LINE, max_size=4))
def test_every_byte_of_the_document_survives_an_insertion(before: list[str], between: list[str],
                                                            after: list[str]) -> None:
    draft = "\n".join([*before, RANKING.strip(), "", section_of("1", "Mine."), *between, "## Next", *after]) + "\n"
    placed = place_seeds(draft, [seed("1"), seed("2")])
    inserted = {r.name: r for r in find_regions(placed.text)}.get("paper-2")
    if inserted is None:  # the prose happened to name the paper in a heading
        assert placed.text == draft
        return
    cut = placed.text[:inserted.begin_start] + placed.text[inserted.end_stop:]
    # removing the inserted region leaves the original plus at most the blank lines around it
    assert cut.replace("\n", "") == draft.replace("\n", "")
    assert len(cut) - len(draft) <= 2
