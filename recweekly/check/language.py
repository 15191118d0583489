"""`check` rules about language: translation fallbacks, names the tables lack, stale translations.

Each rule gives problems (the file fails) and notices (printed, the file still passes):

* fallbacks (⟦en→zh TODO: …⟧, `recweekly.l10n.fallback`): counted per file; in posts/ each one
  is a problem with its line, in drafts/ one notice gives the count and the lines;
* names in the notes a file covers (its `period`): a theme or an organization the config's tables
  don't know, but that is close to one they do ("Renmin University" → "Renmin University of
  China"), is a problem — almost always a misspelling that splits a section or a count; a theme
  with no close match is a notice (it shows as written in every language), and so is an unknown
  organization when the note's affiliation cannot be derived without it;
* a translation whose source changed since it was synced (`recweekly.translations`) is a problem
  in posts/ and a notice in drafts/, naming the sections and papers added or removed.

Each note is reported once per run, however many files cover it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recweekly.check.rule import NoteRule
from recweekly.config import Config
from recweekly.errors import Problem, RecweeklyError
from recweekly.l10n.fallback import find_fallbacks
from recweekly.l10n.names import suggest_org, suggest_theme, theme_key, unknown_org_hint, unknown_theme_hint
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.listing import select_notes
from recweekly.notes.model import Note, affiliation_of
from recweekly.notes.store import NoteStore
from recweekly.periods import BadPeriod, parse_period
from recweekly.post import Post
from recweekly.translations import LanguageVersion, Library

_QUOTE = 60


class LanguageRules(NoteRule):
    """The language rules for one run of `check`; `notices` collects what does not fail a file."""

    def __init__(self, config: Config, notes: NoteStore, display: Callable[[Path], str]) -> None:
        super().__init__(config, notes, display)
        self._seen_notes: set[Path] = set()
        self._periods_done: set[str] = set()
        self._library: Library | None = None

    def check(self, path: Path, text: str, shown: str, post: Post | None, is_post: bool) -> list[Problem]:
        problems = self._fallbacks(text, shown, is_post)
        if post is not None:
            problems += self._names(post)
            problems += self._translation(path, post, shown, is_post)
        return problems

    # ---- fallbacks -------------------------------------------------------------------------
    def _fallbacks(self, text: str, shown: str, is_post: bool) -> list[Problem]:
        found = find_fallbacks(text)
        if not found:
            return []
        if not is_post:
            lines = ", ".join(str(f.line) for f in found)
            pairs = ", ".join(sorted({f"{f.source}→{f.target}" for f in found}))
            self.notices.append(Problem(shown, f"{len(found)} untranslated fallback(s) ({pairs}) at line(s) {lines}; "
                                               "translate them before promoting", found[0].line))
            return []
        out = []
        for number, fallback in enumerate(found, 1):
            quoted = " ".join(fallback.text.split())
            quoted = quoted if len(quoted) <= _QUOTE else quoted[: _QUOTE - 1] + "…"
            out.append(Problem(shown, f"untranslated {fallback.source} text in a {fallback.target} post "
                                      f"(fallback {number} of {len(found)}): {quoted!r}; translate it and remove "
                                      "the ⟦…⟧ mark", fallback.line))
        return out

    # ---- names the config's tables lack --------------------------------------------------------
    def _names(self, post: Post) -> list[Problem]:
        period_text = str(post.meta.get("period") or "")
        if not period_text or period_text in self._periods_done:
            return []  # the en and zh drafts of a week cover the same notes: read them once
        self._periods_done.add(period_text)
        try:
            notes = select_notes(self.notes, parse_period(period_text))
        except (BadPeriod, RecweeklyError):
            return []  # a bad period or broken notes are reported by the front-matter and region rules
        problems: list[Problem] = []
        for note in notes:
            if note.path is None or note.path in self._seen_notes:
                continue
            self._seen_notes.add(note.path)
            problems += self._note_names(note)
        return problems

    def _note_names(self, note: Note) -> list[Problem]:
        assert note.path is not None
        problems: list[Problem] = []
        shown = self.display(note.path)
        lines = key_lines(note.path)
        key = theme_key(note.theme, self.config)
        if note.theme and key is not None and key not in self.config.themes:
            where = Problem(shown, unknown_theme_hint(note.theme, self.config), lines.get("theme"), "theme")
            (problems if suggest_theme(note.theme, self.config) else self.notices).append(where)
        derivable = affiliation_of(note, self.config) is not None
        for name in note.orgs:
            if self.config.find_org(name) is not None:
                continue
            where = Problem(shown, unknown_org_hint(name, self.config), lines.get("orgs"), "orgs")
            if suggest_org(name, self.config):
                problems.append(where)
            elif not derivable:
                self.notices.append(Problem(shown, unknown_org_hint(name, self.config) + "; until then the paper's "
                                            "affiliation is unknown (set `affiliation:` in the note, or give the "
                                            "org a kind)", lines.get("orgs"), "orgs"))
        return problems

    # ---- translations ----------------------------------------------------------------------------
    def _translation(self, path: Path, post: Post, shown: str, is_post: bool) -> list[Problem]:
        if not post.meta.get("translated_from"):
            return []
        if self._library is None:
            self._library = Library.load(self.config)
        status = self._library.status_of(LanguageVersion(path, shown, post))
        if status is None or status.state == "up to date":
            return []
        line = post.line_of("source_sha256") or post.line_of("translated_from")
        if status.state == "stale" and status.source is not None:
            message = (f"stale translation: the {status.source.lang} post {status.source.display} changed since this "
                       f"translation was synced ({status.changes.describe() if status.changes else ''}); update it, "
                       f"then run `recweekly translations mark-synced {shown}`")
        else:
            message = f"translation {status.state}: {status.detail()}"
        problem = Problem(shown, message, line, "source_sha256" if post.line_of("source_sha256") else "translated_from")
        if is_post:
            return [problem]
        self.notices.append(problem)
        return []


def key_lines(path: Path) -> dict[str, int]:
    """Line of each front-matter key of a note (notes are valid here: the store loaded them)."""
    try:
        fm = parse_front_matter(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError, FrontMatterProblem):
        return {}
    return {key: span[0] for key, span in fm.key_lines.items()}
