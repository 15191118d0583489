"""Reading a paper's HTML page as arXiv serves it (LaTeXML output): who wrote it where, and its lead figure.

What the page looks like, from LaTeXML's own XSLT and the class bindings arXiv runs it with:

* `div.ltx_authors` holds one `span.ltx_creator.ltx_role_author` per author (or one for the whole
  `\\author{…}` when the template mixes names and addresses), each with a `span.ltx_personname` and,
  when the source says more, `span.ltx_author_notes` > `span.ltx_author_notes_content` > one
  `span.ltx_contact.ltx_role_<role>` per `\\affiliation`, `\\email`, `\\thanks`… (a
  `span.ltx_contact_name` may label it: "email: ").
* ACM (`acmart`) splits an affiliation into `span.ltx_affiliation_institution`, `…_city`,
  `…_country`; IEEE's `\\IEEEauthorblockA` is one affiliation contact with `<br class="ltx_break">`
  between its lines; plain `article` / NeurIPS templates often leave the addresses inside the
  personname after a line break, marked with superscripts, or put them in `\\thanks` / footnotes
  (`span.ltx_note` with `ltx_note_mark` and `ltx_note_type` "footnote: ").
* Math is MathML with the TeX in `alttext`; superscript markers are `<sup>` or `<math>`.
* Figures are `figure.ltx_figure` (tables are `figure.ltx_table`) with an `img` and a
  `figcaption` starting with `span.ltx_tag.ltx_tag_figure` ("Figure 1: "); sub-figures are nested
  `figure.ltx_figure_panel`s. Image paths are relative to the page's `<base href="/html/<id>v<n>/">`.

The parser keeps only those subtrees (the author block, figures until one has an image, the base)
from a streaming pass of the standard library's `html.parser`, and stops once it has them — a page
of a long paper is megabytes of MathML, and a tree of all of it would be built for nothing. (A DOM
library such as lxml or BeautifulSoup would parse it all first, and be one more dependency.) It reads
what the page says; which lines are organizations is decided by `recweekly.notes.affiliations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"))
_EMAIL = re.compile(r"(?:[\w.+\-]+|\{[^{}]*\})@[\w\-]+(?:\.[\w\-]+)+")  # {a, b}@x.org names two
_AFFILIATION_ROLES = ("ltx_role_affiliation", "ltx_role_altaffiliation", "ltx_role_address",
                      "ltx_role_institutetext", "ltx_role_affiliationtext")
_NOTE_ROLES = ("ltx_role_thanks", "ltx_role_note", "ltx_note")  # \\thanks, \\authornote, footnotes
_SKIP = frozenset(("ltx_note_mark", "ltx_note_type", "ltx_contact_name", "ltx_ERROR", "ltx_tag_note",
                   "ltx_author_before", "ltx_author_after"))


@dataclass
class Node:
    tag: str
    classes: frozenset[str]
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def has(self, *names: str) -> bool:
        return any(name in self.classes for name in names)

    def walk(self) -> list[Node]:
        """This node and every element below it, in document order."""
        out = [self]
        for child in self.children:
            if isinstance(child, Node):
                out.extend(child.walk())
        return out


@dataclass(frozen=True)
class LeadFigure:
    src: str  # absolute URL of the image
    caption: str  # "Figure 1: Overview of …", math as $TeX$
    alt: str = ""


@dataclass(frozen=True)
class AuthorBlock:
    """What the author block says, as lines of text, kept apart by where they were found."""

    names: tuple[str, ...]  # the first line of every personname
    affiliations: tuple[str, ...]  # affiliation contacts (ACM: the institution parts alone)
    lines: tuple[str, ...]  # personname lines after the first, author notes, footnotes: may name places
    emails: tuple[str, ...]


@dataclass(frozen=True)
class PaperPage:
    authors: AuthorBlock
    figure: LeadFigure | None
    base_url: str


_CHUNK = 32_768


def parse_page(html: str, url: str) -> PaperPage:
    """The author block and lead figure of a LaTeXML page fetched from `url`. The page is read in chunks
    and no further than it must: both come early, and a long paper is megabytes of MathML after them."""
    parser = _Collector()
    for start in range(0, len(html), _CHUNK):
        parser.feed(html[start : start + _CHUNK])
        if parser.done:
            break
    else:
        parser.close()
    base = urljoin(url, parser.base_href) if parser.base_href else url
    block = parser.authors
    return PaperPage(authors=_author_block(block) if block else AuthorBlock((), (), (), ()),
                     figure=_lead_figure(parser.figures, base), base_url=base)


class _Collector(HTMLParser):
    """Builds small trees for the subtrees of interest only."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base_href: str | None = None
        self.authors: Node | None = None
        self.figures: list[Node] = []
        self._stack: list[Node] = []  # open elements of the subtree being kept

    @property
    def done(self) -> bool:
        """The author block and a figure with an image are both read: the rest of the page can wait."""
        return self.authors is not None and not self._stack and any(_has_image(f) for f in self.figures)

    def _wanted(self, tag: str, classes: frozenset[str]) -> str | None:
        if tag == "div" and "ltx_authors" in classes and self.authors is None:
            return "authors"
        if (tag == "figure" and "ltx_figure" in classes and "ltx_figure_panel" not in classes
                and not any(_has_image(f) for f in self.figures)):
            return "figure"
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "base" and self.base_href is None and values.get("href"):
            self.base_href = values["href"]
        node = Node(tag, frozenset(values.get("class", "").split()), values)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            kind = self._wanted(tag, node.classes)
            if kind is None:
                return
            if kind == "authors":
                self.authors = node
            else:
                self.figures.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack and self._stack[-1].tag == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, -1, -1):  # close up to the matching element, if open
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self._stack:
            self._stack[-1].children.append(data)


def _has_image(figure: Node) -> bool:
    return any(n.tag == "img" and n.attrs.get("src") for n in figure.walk())


_BR, _SUP = "\n", "\x01"


def _flatten(node: Node, *, caption: bool = False, notes: bool = True) -> str:
    """The text of a subtree with "\n" for each `<br>`; labels and note marks skipped, footnotes too
    unless `notes`. In an author block a superscript or formula is an affiliation marker and becomes
    "\x01"; in a `caption` a formula is kept as $TeX$ and a superscript as its text."""
    parts: list[str] = []

    def visit(item: Node | str) -> None:
        if isinstance(item, str):
            parts.append(item)
            return
        skipped = item.has(*_SKIP) or item.tag in ("script", "style", "button", "svg")
        if skipped or (item.has("ltx_note") and not notes):
            return
        if item.tag == "br":
            parts.append(_BR)
        elif item.tag == "math":
            tex = item.attrs.get("alttext", "").strip()
            parts.append((f"${tex}$" if tex else "") if caption else _SUP)
        elif item.tag == "sup" or item.has("ltx_sup"):
            parts.append("^" + "".join(_flatten(c, caption=True, notes=False) if isinstance(c, Node) else c
                                       for c in item.children) if caption else _SUP)
        else:
            for child in item.children:
                visit(child)

    visit(node)
    return "".join(parts)


def _lines(text: str, *, at_markers: bool = True) -> list[str]:
    """Lines of flattened text; a superscript marker starts a new line ("¹Kuaishou ²Renmin" is two
    places) unless `at_markers` is False, when it is dropped."""
    text = text.replace(_SUP, _BR if at_markers else " ")
    return [" ".join(line.split()) for line in text.split(_BR) if line.strip()]


def text_lines(node: Node) -> list[str]:
    return _lines(_flatten(node))


def _author_block(block: Node) -> AuthorBlock:
    names: list[str] = []
    affiliations: list[str] = []
    lines: list[str] = []
    emails: list[str] = []
    taken: set[int] = set()  # nodes read already, as part of an enclosing one

    def take(node: Node) -> None:
        taken.update(id(n) for n in node.walk())

    for node in block.walk():
        if id(node) in taken:
            continue
        if node.has("ltx_role_email") or (node.tag == "a" and node.attrs.get("href", "").startswith("mailto:")):
            emails.extend(_EMAIL.findall(" ".join(text_lines(node)) + " " + node.attrs.get("href", "")))
            take(node)
        elif node.has(*_AFFILIATION_ROLES):
            parts = [n for n in node.walk() if n.has("ltx_affiliation_institution")]
            for part in parts or [node]:
                affiliations.extend(text_lines(part))
            take(node)
        elif node.has("ltx_personname"):
            # the names end at the first line break; what follows (IEEE, plain article) are addresses
            first, _, rest = _flatten(node, notes=False).partition(_BR)
            names.extend(_lines(first, at_markers=False)[:1])
            lines.extend(_lines(rest))
        elif node.has(*_NOTE_ROLES) and not node.has("ltx_role_footnotemark"):
            lines.extend(text_lines(node))
            take(node)
        elif node.has("ltx_author_notes") and not any(n.has("ltx_contact", "ltx_note") for n in node.walk()[1:]):
            lines.extend(text_lines(node))  # older pages: the notes as bare text
            take(node)
    for text in (*affiliations, *lines):
        emails.extend(_EMAIL.findall(text))
    affiliations = [_EMAIL.sub("", line).strip(" ,;") for line in affiliations]
    clean = [_EMAIL.sub("", line).strip(" ,;") for line in lines]
    return AuthorBlock(tuple(names), tuple(dict.fromkeys(a for a in affiliations if a)),
                       tuple(dict.fromkeys(line for line in clean if line)), tuple(dict.fromkeys(emails)))


def _lead_figure(figures: list[Node], base: str) -> LeadFigure | None:
    """The first figure with an image: its first image and its own caption (not a panel's)."""
    for figure in figures:
        image = next((n for n in figure.walk() if n.tag == "img" and n.attrs.get("src")), None)
        if image is None:
            continue
        captions = [n for n in figure.children if isinstance(n, Node) and n.tag == "figcaption"]
        captions = captions or [n for n in figure.walk() if n.tag == "figcaption"]
        caption = _flatten(captions[0], caption=True, notes=False) if captions else ""
        return LeadFigure(src=urljoin(base, image.attrs["src"]), caption=" ".join(caption.split()),
                          alt=image.attrs.get("alt", ""))
    return None
