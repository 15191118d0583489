"""gettext catalogs compiled from the packaged `.po` files on first use.

The `.po` sources are the only catalog files in git and in the wheel (`.mo` files are build
products and gitignored). Compiling in memory with Babel takes a few milliseconds, so the same
code path serves an editable install, a plain `pip install .` and a source checkout, with no build
hook to forget. English is the source language: its "catalog" is the msgids themselves.

Canonical locale directories are the bare language codes the config uses (`locale/zh/…`), which
sidesteps the zh_Hans / zh_CN lookup trap of gettext's own search.

The `.po` files are maintained the gettext way with Babel's `pybabel extract / update / compile`
and the mapping file `babel.cfg` at the repository root (commands in the README). A fuzzy or
untranslated entry would silently show English in a Chinese draft (compiling leaves fuzzy entries
out), so `catalog_problems` reports both and the test suite fails on them.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from pathlib import Path

from recweekly.errors import InputError, Problem

SOURCE_LANG = "en"
DOMAIN = "recweekly"


def locale_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "locale"


def po_path(lang: str) -> Path:
    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`; the source language gets the identity catalog (English plurals)."""
    if lang == SOURCE_LANG:
        return gettext.NullTranslations()
    path = po_path(lang)
    if not path.is_file():
        raise InputError(f"no message catalog for language {lang!r}", [Problem(path, "file is missing")])
    from babel.messages.mofile import write_mo  # lazy: start-up (Babel loads only when used)
    from babel.messages.pofile import read_po  # lazy: start-up (Babel loads only when used)

    with path.open("rb") as fh:
        try:
            catalog = read_po(fh, locale=lang, domain=DOMAIN, abort_invalid=True)
        except Exception as exc:  # babel raises PoFileError with the line in the message
            raise InputError(f"message catalog {path} is broken", [Problem(path, str(exc))]) from None
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def catalog_problems(path: Path, lang: str) -> list[Problem]:
    """Every entry of a `.po` file that would not translate: untranslated, fuzzy, placeholders lost."""
    from babel.messages.pofile import read_po  # lazy: start-up (Babel loads only when used)

    placeholder = re.compile(r"%\((\w+)\)s")
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    problems: list[Problem] = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        where = message.lineno
        if message.fuzzy:
            problems.append(Problem(path, f"fuzzy entry {msgid!r}: check the translation, then remove '#, fuzzy'",
                                    where))
        if not all(strings):
            problems.append(Problem(path, f"untranslated entry {msgid!r}", where))
        wanted = set(placeholder.findall(msgid))
        for text in strings:
            if text and set(placeholder.findall(text)) != wanted:
                problems.append(Problem(path, f"entry {msgid!r}: the translation {text!r} must keep the "
                                              f"placeholders {sorted(wanted)}", where))
    return problems
