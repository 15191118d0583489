"""The catalogs the gettext way: `pybabel extract / update` work on the project through babel.cfg,
the zh catalog is in step with the code, and no entry is untranslated or fuzzy.

Extraction uses the repository's mapping file (babel.cfg), so a new `_("…")` in a template or in
Python without a zh entry fails here, not in a reader's post.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages import frontend
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from recweekly.l10n import po_path, translations
from recweekly.l10n.catalog import catalog_problems
from recweekly.l10n.typography import typeset

REPO = Path(__file__).resolve().parents[2]
PYBABEL = Path(sys.executable).with_name("pybabel")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# British spellings the blog does not use (it writes American English)
BRITISH = re.compile(r"\b\w*(?:isation|ise[sd]?|ising|our|ours|elled|elling)\b", re.IGNORECASE)
BRITISH_OK = {"our", "ours", "four", "hour", "hours", "your", "yours", "otherwise", "rise", "precise", "wise",
              "expertise", "exercise", "advertise", "advertised", "enterprise", "promise", "surprise", "noise",
              "raise", "raised", "praise", "concise", "paradise", "revise", "revised", "arise", "comprise",
              "compromise", "devise", "despise", "disguise", "supervise", "televise", "tour", "pour", "flour",
              "contour", "detour"}


def mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """babel.cfg read the way `pybabel extract -F babel.cfg` reads it (the parser's name changed in 2.15)."""
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (REPO / "babel.cfg").open(encoding="utf-8") as fh:
        return parse(fh)


def extracted() -> set[tuple[str | None, str]]:
    methods, options = mapping()
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(str(REPO), methods, options_map=options):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return found


@pytest.fixture(scope="module")
def zh() -> dict[tuple[str | None, str], object]:
    with po_path("zh").open("rb") as fh:
        catalog = read_po(fh, locale="zh")
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}


def test_the_mapping_file_finds_templates_and_python_strings() -> None:
    ids = {msgid for _ctx, msgid in extracted()}
    assert {"Paper Roundup", "Key Papers", "Week %(week)s of %(year)s (%(range)s)", "Daily Report %(date)s",
            "%(name)s (%(count)s)"} <= ids


def test_every_message_is_in_the_zh_catalog_and_nothing_else(zh: dict) -> None:
    found = extracted()
    assert sorted(m for m in found if m not in zh) == []
    assert sorted(str(k) for k in set(zh) - found) == []


def test_pybabel_extract_and_update_check_agree_with_the_committed_catalog(tmp_path: Path) -> None:
    """The README's workflow, run for real: the committed .po is what `pybabel update` would write."""
    pot = tmp_path / "recweekly.pot"
    extract = subprocess.run([str(PYBABEL), "-q", "extract", "-F", "babel.cfg", "--add-location=file",
                              "-o", str(pot), "."], cwd=REPO, capture_output=True, text=True, check=False)
    assert extract.returncode == 0, extract.stderr
    assert 'msgid "Paper Roundup"' in pot.read_text(encoding="utf-8")
    update = subprocess.run([str(PYBABEL), "update", "--check", "--ignore-pot-creation-date", "-i", str(pot),
                             "-d", "recweekly/locale", "-D", "recweekly", "-l", "zh"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert update.returncode == 0, update.stdout + update.stderr
    compiled = subprocess.run([str(PYBABEL), "compile", "--statistics", "-d", str(tmp_path / "locale"),
                               "-i", str(po_path("zh")), "-o", str(tmp_path / "recweekly.mo"), "-l", "zh"],
                              cwd=REPO, capture_output=True, text=True, check=False)
    assert compiled.returncode == 0, compiled.stderr
    assert "100%" in compiled.stdout + compiled.stderr


def test_the_zh_catalog_has_no_untranslated_or_fuzzy_entry() -> None:
    assert [str(p) for p in catalog_problems(po_path("zh"), "zh")] == []


def test_an_untranslated_or_fuzzy_entry_is_reported_with_its_line(tmp_path: Path) -> None:
    text = po_path("zh").read_text(encoding="utf-8")
    text = text.replace('msgstr "论文速览"', 'msgstr ""')
    text = text.replace('msgid "Key Papers"', '#, fuzzy\nmsgid "Key Papers"')
    text = text.replace('msgstr "精读 %(score)s/10"', 'msgstr "精读"')
    broken = tmp_path / "recweekly.po"
    broken.write_text(text, encoding="utf-8")
    problems = [str(p) for p in catalog_problems(broken, "zh")]
    assert any("untranslated entry 'Paper Roundup'" in p for p in problems)
    assert any("fuzzy entry 'Key Papers'" in p for p in problems)
    assert any("must keep the placeholders ['score']" in p for p in problems)
    assert all(re.match(rf"{re.escape(str(broken))}:\d+: ", p) for p in problems)


def test_todo_lines_keep_the_marker(zh: dict) -> None:
    for (_ctx, msgid), message in zh.items():
        if msgid.startswith("TODO:"):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(text.startswith("TODO:") for text in strings), msgid


def test_zh_messages_follow_the_typography_rule(zh: dict) -> None:
    """Full-width punctuation, a space between Han and digits/Latin, none beside full-width marks."""
    for (_ctx, msgid), message in zh.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            filled = PLACEHOLDER.sub("8", text)
            assert typeset(filled) == filled, f"{msgid!r}: {text!r}"
            body = filled.removeprefix("TODO:")
            assert not re.search(r"[\u4e00-\u9fff][,.;:!?()]|[,.;:!?()][\u4e00-\u9fff]", body), text


def test_english_messages_are_american_english() -> None:
    words = {word.casefold() for _ctx, msgid in extracted() for word in BRITISH.findall(msgid)}
    assert sorted(words - BRITISH_OK) == []


def test_plurals_follow_each_language() -> None:
    en, zh = translations("en"), translations("zh")
    assert en.ngettext("%(num)s paper", "%(num)s papers", 1) % {"num": 1} == "1 paper"
    assert en.ngettext("%(num)s paper", "%(num)s papers", 36) % {"num": 36} == "36 papers"
    assert zh.ngettext("%(num)s paper", "%(num)s papers", 1) % {"num": 1} == "1 篇论文"
    assert zh.ngettext("%(num)s paper", "%(num)s papers", 36) % {"num": 36} == "36 篇论文"
    assert zh.npgettext("stats", "%(num)s paper", "%(num)s papers", 8) % {"num": 8} == "共 8 篇"
