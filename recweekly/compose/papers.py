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
from recweekly.l10n.fallback import blocks_in_lang, in_lang, join_in_lang
from recweekly.l10n.names import org_name
from recweekly.notes.imported import own_notes
from recweekly.notes.model import Note, affiliation_of

_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(\[])")
_CJK_SENTENCE_END = re.compile(r"(?<=[。！？])")
_HEADING = re.compile(r"^(#{1,6})(?=\s)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class PaperView:
    note: Note
    arxiv: str
    title: str
    model: str | None
    heading: str
    summary: str
    take: str
    category: str | None
    category_label: str
    category_short: str
    affiliation: str | None
    orgs: tuple[str, ...]
    company: str
    byline: str
    score: int | None
    deep_read: int | None
    highlights: tuple[str, ...]  # as the note writes them
    results: str  # the highlights joined for the post's language, other-language runs marked
    body: str
    url: str
    figure: str | None  # the lead figure's path from the blog's root (/notes/2026/W10/….figure.png)
    figure_caption: str  # "Figure 1: … (Alibaba, 2603.03988)": its caption, first org and id


def heading_of(note: Note) -> str:
    """The title, prefixed with the model name unless the title already starts with it."""
    if note.model and not note.title.casefold().startswith(note.model.casefold()):
        return f"{note.model}: {note.title}"
    return note.title


def summary_in(note: Note, lang: str, languages: tuple[str, ...]) -> str:
    """The summary in `lang`, else in the blog's other languages (in config order), else ""."""
    for candidate in (lang, *languages):
        text = note.summary.get(candidate)
        if text:
            return " ".join(text.split()) if candidate != "zh" else text.strip()
    return ""


def first_sentence(text: str) -> str:
    text = " ".join(text.split()) if not re.search(r"[\u4e00-\u9fff]", text) else text.strip()
    if not text:
        return ""
    cjk = _CJK_SENTENCE_END.split(text, maxsplit=1)
    if len(cjk) > 1 and cjk[0]:
        return cjk[0].strip()
    return _EN_SENTENCE_END.split(text, maxsplit=1)[0].strip()


def demote_headings(body: str, top: int = 4) -> str:
    """Shift a note body's headings so its highest one sits at level `top`, below the paper's own
    sub-section (code blocks untouched; never above level 6)."""
    lines = body.strip("\n").splitlines()
    levels: list[int] = []
    in_code = False
    marks: list[bool] = []
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
            marks.append(False)
            continue
        match = None if in_code else _HEADING.match(line)
        marks.append(match is not None)
        if match:
            levels.append(len(match.group(1)))
    if not levels:
        return "\n".join(lines)
    shift = max(0, top - min(levels))
    out = []
    for line, is_heading in zip(lines, marks, strict=True):
        if is_heading:
            match = _HEADING.match(line)
            assert match is not None
            line = "#" * min(6, len(match.group(1)) + shift) + line[match.end():]
        out.append(line)
    return "\n".join(out)


def paper_view(note: Note, lang: str, config: Config, trans: gettext.NullTranslations) -> PaperView:
    _ = trans.gettext
    category = config.categories.get(note.category) if note.category else None
    affiliation = affiliation_of(note, config)
    names: list[str] = []
    for name in note.orgs:
        shown = org_name(name, lang, config)
        if shown not in names:
            names.append(shown)
    industrial = [org_name(n, lang, config) for n in note.orgs
                  if (org := config.find_org(n)) is not None and org.kind == "industry"]
    separator = _(", ")
    if affiliation == "academic":
        company = "🎓 " + _("Academic")
    elif affiliation == "industry":
        company = "🏢 " + separator.join(dict.fromkeys(industrial or names))
    elif affiliation == "mixed":
        company = "🏢 " + separator.join(dict.fromkeys(industrial or names)) + " · 🎓 " + _("Academic")
    else:
        company = separator.join(names) if names else "—"
    category_label = category.label.get(lang, category.key) if category else ""
    byline = " · ".join(part for part in (company if company != "—" else "", category_label) if part)
    summary = summary_in(note, lang, config.languages)
    take = first_sentence(summary)
    return PaperView(
        note=note,
        arxiv=note.arxiv,
        title=note.title,
        model=note.model,
        heading=heading_of(note),
        summary=in_lang(summary, lang),
        take=in_lang(take, lang),
        category=note.category,
        category_label=category_label,
        category_short=category.short.get(lang, category.key) if category else "",
        affiliation=affiliation,
        orgs=tuple(names),
        company=company,
        byline=byline,
        score=note.score,
        deep_read=note.deep_read,
        highlights=note.highlights,
        results=join_in_lang(note.highlights, lang, separator),
        body=blocks_in_lang(demote_headings(own), lang) if (own := own_notes(note.body)).strip() else "",
        url=f"https://arxiv.org/abs/{note.arxiv}",
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
