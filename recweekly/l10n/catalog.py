"""gettext catalogs compiled from the packaged `.po` files on first use.

The `.po` sources are the only catalog files in git and in the wheel (`.mo` files are build
products and gitignored). Compiling in memory with Babel takes a few milliseconds, so the same
code path serves an editable install, a plain `pip install .` and a source checkout, with no build
hook to forget. English is the source language: its "catalog" is the msgids themselves.

Canonical locale directories are the bare language codes the config uses (`locale/zh/…`), which
sidesteps the zh_Hans / zh_CN lookup trap of gettext's own search.
"""

from __future__ import annotations

import functools
import gettext
import io
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
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        try:
            catalog = read_po(fh, locale=lang, domain=DOMAIN, abort_invalid=True)
        except Exception as exc:  # babel raises PoFileError with the line in the message
            raise InputError(f"message catalog {path} is broken", [Problem(path, str(exc))]) from None
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
