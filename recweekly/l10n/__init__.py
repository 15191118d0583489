"""One place for language: gettext catalogs and Babel formatting of dates, ranges, numbers, lists.

Templates and code never format a number or a date by hand, so switching a draft from English to
Chinese changes words, separators and date order together. Nothing here is imported by
`recweekly --help`: Babel is loaded on first use.
"""

from __future__ import annotations

from recweekly.l10n.catalog import SOURCE_LANG, locale_dir, po_path, translations
from recweekly.l10n.formatting import Formatter

__all__ = ["SOURCE_LANG", "Formatter", "locale_dir", "po_path", "translations"]
