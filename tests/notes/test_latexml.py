"""Reading arXiv's LaTeXML pages (`recweekly/notes/latexml.py`), on pages written in each template's markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.notes.latexml import parse_page
from tests.fakes.arxiv_html import PAGES


def page(arxiv_id: str, version: str = "") -> object:
    return parse_page((PAGES / f"{arxiv_id}.html").read_text(encoding="utf-8"), f"https://arxiv.org/html/{arxiv_id}")


def test_acm_affiliations_are_the_institutions_not_departments_or_places() -> None:
    parsed = page("2603.02101")
    assert parsed.authors.names == ("Lin Qiao", "Tao Wen", "Mei Huang", "Jun Ge")
    assert parsed.authors.affiliations == ("Kuaishou Technology", "Renmin University of China")
    assert parsed.authors.emails == ("qiaolin@kuaishou.com", "mhuang@ruc.edu.cn")
    assert "0000-0002-1825-0097" not in str(parsed.authors)  # an ORCID is not an affiliation


@pytest.mark.parametrize(("arxiv_id", "src", "caption"), [
    # the page is asked for without a version; its <base href="/html/2603.02101v1/"> says where images are
    pytest.param("2603.02101", "https://arxiv.org/html/2603.02101v1/x1.png",
                 r"Figure 1. Overview of RIVER: a streaming memory of $L$ segments read in $\mathcal{O}(L)$.",
                 id="the lead figure resolves against the page's base and keeps math as TeX"),
    # Figure 1 is an SVG drawing, Table 1 a table: Figure 2's first panel is taken
    pytest.param("2603.02103", "https://arxiv.org/html/2603.02103v2/x1.png",
                 "Figure 2: Reliability curves before and after calibration, 10^6 requests.",
                 id="the first figure with an image wins with its own caption"),
])
def test_the_lead_figure(arxiv_id: str, src: str, caption: str) -> None:
    figure = page(arxiv_id).figure
    assert figure is not None
    assert figure.src == src
    assert figure.caption == caption


def test_ieee_affiliation_blocks_are_read_line_by_line() -> None:
    parsed = page("2603.02102")
    assert parsed.authors.names == ("Ines Duarte", "Karl Weber")
    assert parsed.authors.affiliations == ("Dept. of Computer Science", "Aalto University", "Espoo, Finland",
                                           "Institute for Web Science", "Hochschule Nordwest", "Oldenburg, Germany")
    assert parsed.authors.emails == ("ines.duarte@aalto.fi", "weber@hs-nordwest.de")
    assert parsed.figure is not None
    assert parsed.figure.src == "https://arxiv.org/html/2603.02102v1/extracted/6203311/figures/recall_vs_length.jpg"
    assert parsed.figure.caption.startswith(r"Fig. 1: Recall@10 against the semantic-ID length $\ell$")


def test_addresses_after_the_names_split_at_superscript_markers() -> None:
    parsed = page("2603.02103")
    authors = parsed.authors
    assert authors.names == ("Yue Shen Bo Lin Chen Xu",)  # one personname for all: the markers are dropped
    assert authors.lines[:2] == ("Taobao & Tmall Group, Hangzhou, China", "Zhejiang University, Hangzhou, China")
    assert "Corresponding author." in authors.lines  # a footnote inside the name is read as a note, not a name
    assert "{yue.shen, bo.lin}@alibaba-inc.com" in authors.emails


def test_a_page_without_affiliations_or_figures() -> None:
    parsed = page("2603.02104")
    assert parsed.authors.names == ("Anna Berg", "Tomas Lind")
    assert parsed.authors.affiliations == parsed.authors.lines == parsed.authors.emails == ()
    assert parsed.figure is None  # a table is a figure element too, but not a figure


@pytest.mark.parametrize(("arxiv_id", "lines", "emails"), [
    ("2603.02105", ("Meituan, Beijing, China. Contact:", "Equal contribution."), ("zhouhua@meituan.com",)),
    ("2603.02107", ("JD.com, Beijing, China",), ()),  # older pages: author notes as bare text
    ("2603.02109", (), ("weilu@tencent.com", "fangyi@gmail.com")),  # only e-mail contacts
])
def test_affiliations_only_in_notes_footnotes_or_emails(arxiv_id: str, lines: tuple[str, ...],
                                                        emails: tuple[str, ...]) -> None:
    authors = page(arxiv_id).authors
    assert authors.affiliations == ()
    assert authors.lines == lines
    assert authors.emails == emails


def test_unclosed_and_stray_tags_do_not_lose_the_block() -> None:
    html = ('<html><head><base href="/html/2601.00001v3/"></head><body><p>chrome<p>more</div>'
            '<div class="ltx_authors"><span class="ltx_creator ltx_role_author"><span class="ltx_personname">'
            'A. Author<br>Some Lab<br>Peking University</span></span></div>'
            '<figure class="ltx_figure"><img src="x9.png"><figcaption>Figure 1: <b>Bold</figcaption></figure>')
    parsed = parse_page(html, "https://arxiv.org/html/2601.00001")
    assert parsed.authors.lines == ("Some Lab", "Peking University")
    assert parsed.figure is not None and parsed.figure.src == "https://arxiv.org/html/2601.00001v3/x9.png"
    assert parsed.figure.caption == "Figure 1: Bold"


def test_every_fixture_page_is_in_latexml_form() -> None:
    """The fixtures are the shapes the fake serves: each is a LaTeXML article with an author block."""
    pages = sorted(Path(PAGES).glob("*.html"))
    assert len(pages) >= 7
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert 'class="ltx_document' in text and 'class="ltx_authors"' in text and "<base href=\"/html/" in text
