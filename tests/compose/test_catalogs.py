"""The Chinese catalog is complete: every string the templates and code translate is translated.

Messages are extracted the way `pybabel extract` would (Python sources of recweekly/compose and the
packaged Jinja2 templates), so a new `_("…")` without a zh entry fails here, not in a reader's post.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import recweekly
from recweekly.l10n import po_path, translations

PACKAGE = Path(recweekly.__file__).resolve().parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}
METHODS = [("compose/**.py", "python"), ("l10n/**.py", "python"), ("commands/new.py", "python"),
           ("templates/**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted() -> set[tuple[str | None, str]]:
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(PACKAGE), METHODS, options_map=OPTIONS, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return found


@pytest.fixture(scope="module")
def zh() -> dict[tuple[str | None, str], object]:
    with po_path("zh").open("rb") as fh:
        catalog = read_po(fh, locale="zh")
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}


def test_extraction_finds_the_templates_strings() -> None:
    ids = {msgid for _ctx, msgid in extracted()}
    assert {"Paper Roundup", "Key Papers", "Week %(week)s of %(year)s (%(range)s)", "Daily Report %(date)s"} <= ids


def test_every_message_is_in_the_zh_catalog(zh: dict) -> None:
    missing = sorted(m for m in extracted() if m not in zh)
    assert missing == []


def test_the_zh_catalog_has_no_unused_messages(zh: dict) -> None:
    unused = sorted(str(k) for k in set(zh) - extracted())
    assert unused == []


def test_every_zh_message_is_translated_and_keeps_placeholders_and_todo(zh: dict) -> None:
    for (ctx, msgid), message in zh.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {ctx} {msgid!r}"
        assert not message.fuzzy, f"fuzzy: {msgid!r}"
        wanted = set(PLACEHOLDER.findall(msgid))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"placeholders differ in {msgid!r}: {text!r}"
            if msgid.startswith("TODO:"):
                assert text.startswith("TODO:"), f"{text!r} must keep the TODO: marker"


def test_plurals_follow_each_language() -> None:
    en, zh = translations("en"), translations("zh")
    assert en.ngettext("%(num)s paper", "%(num)s papers", 1) % {"num": 1} == "1 paper"
    assert en.ngettext("%(num)s paper", "%(num)s papers", 36) % {"num": 36} == "36 papers"
    assert zh.ngettext("%(num)s paper", "%(num)s papers", 1) % {"num": 1} == "1 篇论文"
    assert zh.ngettext("%(num)s paper", "%(num)s papers", 36) % {"num": 36} == "36 篇论文"
    assert zh.npgettext("stats", "%(num)s paper", "%(num)s papers", 8) % {"num": 8} == "共 8 篇"
