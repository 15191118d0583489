"""Names of themes and organizations in each language, and "did you mean" for names the tables lack.

Both come from the config's tables (`[themes]`, `[orgs]`): a theme has a name per language; an
organization shows its name in the post's language, else its own name (the table key). A name a
table does not know is kept as written — drafts still render — and `check` (or `notes add`) says so,
with the closest known name when there is one.

Closeness (`closest`) is difflib's ratio on the distinctive part of a name: case, punctuation and
generic words ("University", "of", "China", "Lab", "Inc" …) are ignored first, so "Renmin
University" finds "Renmin University of China" while "Aalto University" finds nothing, though it
shares "University" with half the table.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from recweekly.config import Config
from recweekly.l10n.catalog import translations

OTHER_THEME = "Other"  # msgid of the heading for notes without a theme (see templates)
CUTOFF = 0.8
_GENERIC = frozenset((
    "a", "ai", "an", "and", "at", "co", "college", "corp", "corporation", "group", "inc", "institute", "lab",
    "labs", "laboratory", "limited", "ltd", "of", "research", "school", "the", "technology", "technologies",
    "university", "china", "chinese",
))
_WORD = re.compile(r"[^\W_]+")


def _core(name: str) -> str:
    words = _WORD.findall(name.casefold())
    kept = [w for w in words if w not in _GENERIC]
    return " ".join(kept or words)


def closest(name: str, spellings: Iterable[tuple[str, str]]) -> str | None:
    """The canonical name whose spelling is closest to `name`, from (spelling, canonical) pairs."""
    owners: dict[str, str] = {}
    for spelling, canonical in spellings:
        owners.setdefault(_core(spelling), canonical)
    owners.pop("", None)
    match = difflib.get_close_matches(_core(name), list(owners), n=1, cutoff=CUTOFF)
    return owners[match[0]] if match else None


def suggest_org(name: str, config: Config) -> str | None:
    """The org table's key closest to an unknown organization name."""
    return closest(name, ((s, o.key) for o in config.orgs.values() for s in o.spellings()))


def suggest_theme(name: str, config: Config) -> str | None:
    """The theme table's key closest to an unknown theme name."""
    return closest(name, ((s, t.key) for t in config.themes.values() for s in t.spellings()))


def is_other_theme(name: str, config: Config) -> bool:
    """'Other' (or its translation): the group of notes without a theme, not a theme of its own."""
    wanted = name.strip().casefold()
    return any(translations(lang).gettext(OTHER_THEME).casefold() == wanted for lang in config.languages) or (
        wanted == OTHER_THEME.casefold())


def theme_key(name: str | None, config: Config) -> str | None:
    """The key a note's theme groups under: the table's key, the name as written if unknown, None
    for no theme or 'Other'."""
    if not name or not name.strip():
        return None
    theme = config.find_theme(name)
    if theme is not None:
        return theme.key
    if is_other_theme(name, config):
        return None
    return name.strip()


def theme_name(key: str, lang: str, config: Config) -> str | None:
    """The theme's name in `lang`, or None when the table does not know the key (use it as written)."""
    theme = config.themes.get(key)
    return theme.name.get(lang) if theme is not None else None


def org_name(name: str, lang: str, config: Config) -> str:
    """An organization as a post in `lang` names it: the table's name in that language, else its own."""
    org = config.find_org(name)
    if org is None:
        return name.strip()
    return org.name.get(lang) or org.key


def unknown_org_hint(name: str, config: Config) -> str:
    """The message for an org the table lacks, with the closest known one if any."""
    suggestion = suggest_org(name, config)
    if suggestion:
        return f"{name!r} is not in the org table; did you mean {suggestion!r}?"
    return f"{name!r} is not in the org table; kept as written (add it under [orgs] for its names and kind)"


def unknown_theme_hint(name: str, config: Config) -> str:
    suggestion = suggest_theme(name, config)
    if suggestion:
        shown = config.themes[suggestion].name.get("en") or suggestion
        return f"theme {name!r} is not in the theme table; did you mean {shown!r} (key {suggestion!r})?"
    return (f"theme {name!r} is not in the theme table; used as written in every language (add it under "
            "[themes] with a name per language)")


def unknown_name_notes(config: Config, *, theme: str | None = None, orgs: Iterable[str] = ()) -> list[str]:
    """What to tell someone who names a theme or organizations the tables lack (e.g. `notes add`)."""
    out = []
    if theme and config.find_theme(theme) is None and not is_other_theme(theme, config):
        out.append(unknown_theme_hint(theme, config))
    out += [unknown_org_hint(name, config) for name in orgs if config.find_org(name) is None]
    return out
