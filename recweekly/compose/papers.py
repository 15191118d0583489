"""What a template sees of one paper: the note's fields resolved for one language.

Templates stay declarative because every decision with a rule behind it (which summary to show when
the language is missing, how a heading is spelled, what goes in the company cell) is made here once,
for every series and every blog's template override.

Text a note has only in the other language (summary, highlights, body) is shown with the
translation-TODO mark of `recweekly.l10n.fallback`, decided by the script the text is written in,
so nothing reaches a draft in the wrong language unmarked. Names (organizations, models) and paper
titles are shown as they are. Of the body, only what a person wrote is seeded: the abstract and a
digest's details, which importers put there (`recweekly.notes.imported`), are the source's words,
not the blog's — in either language. The lead figure's caption is the paper's text: marked like
any other text in a post of the other language.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass

from recweekly.config import Config
from recweekly.fences import HEADING, FenceTracker
from recweekly.l10n import Formatter
from recweekly.l10n.fallback import blocks_in_lang, in_lang, join_in_lang
from recweekly.l10n.names import org_name
from recweekly.notes.ids import id_to_filename
from recweekly.notes.imported import own_notes
from recweekly.notes.model import Note, affiliation_of

_TRAILING_STOP = re.compile(r"\s*[.。;；]+\s*$")
_OTHER_STOPS = ("!", "?", "！", "？", "…", "\u27e7")


@dataclass(frozen=True)
class PaperView:
    note: Note
    arxiv: str
    key: str  # the id as region names and file names spell it (cs/0112017 -> cs_0112017)
    title: str
    model: str | None
    label: str  # the title, with the model in parentheses when the title does not start with it
    heading: str  # "Title (2603.03988)" or "Title (R4T, 2603.06397)", the id linked to its page
    summary: str
    take: str  # the whole one-line take (the summary), in the post's language or marked
    roundup: str  # what follows the title in the roundup: "take; <industrial orgs> <results>."
    category: str | None
    category_label: str
    category_short: str
    affiliation: str | None
    orgs: tuple[str, ...]
    company: str  # the daily's cell: 🏢 industrial orgs (or 🏢 Industry) / 🎓 Academic
    byline: str  # the daily's: company · category
    credits: str  # the weekly's: every org with its kind, "🏢 Bilibili · 🎓 Peking University"
    industrial: tuple[str, ...]  # the industrial orgs, in the post's language
    score: int | None
    deep_read: int | None
    highlights: tuple[str, ...]  # as the note writes them
    results: str  # the highlights joined for the post's language, other-language runs marked
    body: str
    url: str
    figure: str | None  # the lead figure's path from the blog's root (/notes/2026/W10/….figure.png)
    figure_caption: str  # "Figure 1: … (Alibaba, 2603.03988)": its caption, first org and id


def model_in_title(note: Note) -> bool:
    """Whether the title already starts with the model name ("SORT: …"), so naming it again is noise."""
    if not note.model:
        return True
    title, model = note.title.casefold(), note.model.casefold()
    return title.startswith(model) and not title[len(model):len(model) + 1].isalnum()


def label_of(note: Note) -> str:
    """'Title', or 'Title (Model)' when the title does not start with the model (the roundup's form)."""
    return note.title if model_in_title(note) else f"{note.title} ({note.model})"


def heading_of(note: Note, paper_url: str = "") -> str:
    """'Title (2603.03988)' or 'Title (R4T, 2603.06397)': the blog's paper heading, never 'Model: Title: …'.

    With `paper_url` (a template with {id}) the id links to the paper's page.
    """
    ref = f"[{note.arxiv}]({paper_url.replace('{id}', note.arxiv)})" if paper_url else note.arxiv
    return f"{note.title} ({ref})" if model_in_title(note) else f"{note.title} ({note.model}, {ref})"


def roundup_text(take: str, outcome: str, trans: gettext.NullTranslations) -> str:
    """'take; outcome.' or 'take.': one sentence, whatever punctuation the note's summary ended with."""
    _ = trans.gettext
    if not take:
        return ""
    core = _TRAILING_STOP.sub("", take)
    if outcome:
        return _("%(take)s; %(outcome)s.") % {"take": core, "outcome": outcome}
    if core != take or not take.endswith(_OTHER_STOPS):
        return _("%(take)s.") % {"take": core}
    return take


def summary_in(note: Note, lang: str, languages: tuple[str, ...]) -> str:
    """The summary in `lang`, else in the blog's other languages (in config order), else ""."""
    for candidate in (lang, *languages):
        text = note.summary.get(candidate)
        if text:
            return " ".join(text.split()) if candidate != "zh" else text.strip()
    return ""


def demote_headings(body: str, top: int = 4) -> str:
    """Shift a note body's headings so its highest one sits at level `top`, below the paper's own
    sub-section (code blocks untouched; never above level 6)."""
    lines = body.strip("\n").splitlines()
    levels: list[int] = []
    fences = FenceTracker()
    marks: list[bool] = []
    for line in lines:
        match = None if fences.code(line) else HEADING.match(line)
        marks.append(match is not None)
        if match:
            levels.append(len(match.group(1)))
    if not levels:
        return "\n".join(lines)
    shift = max(0, top - min(levels))
    out = []
    for line, is_heading in zip(lines, marks, strict=True):
        if is_heading:
            match = HEADING.match(line)
            assert match is not None
            line = "#" * min(6, len(match.group(1)) + shift) + line[match.end(1):]
        out.append(line)
    return "\n".join(out)


def credits_of(note: Note, lang: str, config: Config, trans: gettext.NullTranslations) -> str:
    """Every organization with its kind: '🏢 Bilibili · 🎓 Peking University'.

    An org the table does not know takes the note's affiliation when that is one kind (industry or
    academic), else it is shown without a mark. No org at all: the affiliation alone ('🏢 Industry').
    """
    _ = trans.gettext
    separator = _(", ")
    groups: dict[str, list[str]] = {"industry": [], "academic": [], "": []}
    for name in note.orgs:
        org = config.find_org(name)
        kind = org.kind if org else (note.affiliation if note.affiliation in ("industry", "academic") else "")
        shown = org_name(name, lang, config)
        if shown not in groups[kind]:
            groups[kind].append(shown)
    parts = [mark + " " + separator.join(groups[kind]) for kind, mark in (("industry", "🏢"), ("academic", "🎓"))
             if groups[kind]]
    parts += groups[""]
    if not parts:
        affiliation = affiliation_of(note, config)
        parts = [text for kind, text in (("industry", "🏢 " + _("Industry")), ("academic", "🎓 " + _("Academic")))
                 if affiliation in (kind, "mixed")]
    return " · ".join(parts)


def paper_view(note: Note, lang: str, config: Config, trans: gettext.NullTranslations) -> PaperView:
    _ = trans.gettext
    category = config.categories.get(note.category) if note.category else None
    affiliation = affiliation_of(note, config)
    names: list[str] = []
    for name in note.orgs:
        shown = org_name(name, lang, config)
        if shown not in names:
            names.append(shown)
    industrial = list(dict.fromkeys(org_name(n, lang, config) for n in note.orgs
                                    if (org := config.find_org(n)) is not None and org.kind == "industry"))
    if not industrial and affiliation == "industry":
        industrial = names
    separator = _(", ")
    industry = "🏢 " + (separator.join(industrial) if industrial else _("Industry"))
    if affiliation == "academic":
        company = "🎓 " + _("Academic")
    elif affiliation == "industry":
        company = industry
    elif affiliation == "mixed":
        company = industry + " · 🎓 " + _("Academic")
    else:
        company = separator.join(names) if names else "—"
    category_label = category.label.get(lang, category.key) if category else ""
    byline = " · ".join(part for part in (company if company != "—" else "", category_label) if part)
    summary = in_lang(summary_in(note, lang, config.languages), lang)
    results = join_in_lang(note.highlights, lang, separator)
    outcome = ""
    if note.highlights:
        orgs = Formatter(lang).join(industrial) if industrial else ""
        outcome = f"{orgs} {results}" if orgs else results
    url = config.compose.paper_url.replace("{id}", note.arxiv) if config.compose.paper_url else \
        f"https://arxiv.org/abs/{note.arxiv}"
    return PaperView(
        note=note,
        arxiv=note.arxiv,
        key=id_to_filename(note.arxiv).removesuffix(".md"),
        title=note.title,
        model=note.model,
        label=label_of(note),
        heading=heading_of(note, config.compose.paper_url),
        summary=summary,
        take=summary,
        roundup=roundup_text(summary, outcome, trans),
        category=note.category,
        category_label=category_label,
        category_short=category.short.get(lang, category.key) if category else "",
        affiliation=affiliation,
        orgs=tuple(names),
        company=company,
        byline=byline,
        credits=credits_of(note, lang, config, trans),
        industrial=tuple(industrial),
        score=note.score,
        deep_read=note.deep_read,
        highlights=note.highlights,
        results=results,
        body=blocks_in_lang(demote_headings(own), lang) if (own := own_notes(note.body)).strip() else "",
        url=url,
        figure=_figure_path(note, config),
        figure_caption=_figure_caption(note, names, lang),
    )


def _figure_path(note: Note, config: Config) -> str | None:
    path = note.figure_file
    if path is None:
        return None
    try:
        return "/" + path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return None  # a note outside the blog: nothing a post could show


def _figure_caption(note: Note, orgs: list[str], lang: str) -> str:
    """The caption as alt text (brackets would end it), then `(first org, id)`."""
    caption = " ".join((note.figure_caption or "").split()).replace("[", "(").replace("]", ")")
    source = ", ".join([*orgs[:1], note.arxiv])
    return f"{in_lang(caption, lang)} ({source})" if caption else f"({source})"
