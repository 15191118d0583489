"""Author-block lines to the org table (`recweekly/notes/affiliations.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from recweekly.config import Config, config_from_mapping
from recweekly.notes.affiliations import match_affiliations, toml_entry
from recweekly.notes.latexml import AuthorBlock

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG = Config(root=Path("."))


def block(affiliations: tuple[str, ...] = (), lines: tuple[str, ...] = (), emails: tuple[str, ...] = ()) -> AuthorBlock:
    return AuthorBlock(("A. Author",), affiliations, lines, emails)


@pytest.mark.parametrize(("lines", "orgs", "affiliation"), [
    (("Alibaba Group, Hangzhou, China",), ("Alibaba",), "industry"),
    (("Taobao & Tmall Group",), ("Alibaba",), "industry"),  # an alias
    (("Renmin University of China, Beijing",), ("Renmin University of China",), "academic"),
    (("Gaoling School of Artificial Intelligence, Renmin University of China",), ("Renmin University of China",),
     "academic"),  # the school is a unit of the university: not an org of its own
    (("Kuaishou Technology", "Tsinghua University"), ("Kuaishou", "Tsinghua University"), "mixed"),
    (("Equal contribution.", "Corresponding author.", "Beijing, China"), (), None),
])
def test_lines_map_to_the_table_by_name_and_alias(lines: tuple[str, ...], orgs: tuple[str, ...],
                                                 affiliation: str | None) -> None:
    found = match_affiliations(block(lines=lines), CONFIG)
    assert found.orgs == orgs
    assert found.affiliation == affiliation
    assert found.unknown == ()


def test_organizations_the_table_lacks_are_kept_with_a_guessed_kind() -> None:
    found = match_affiliations(block(("Dept. of Computer Science", "Aalto University", "Espoo, Finland"),
                                     ("Kuaishou Inc.", "Nordlicht Technologies GmbH, Berlin")), CONFIG)
    assert found.orgs == ("Kuaishou", "Aalto University", "Nordlicht Technologies GmbH")
    assert [(u.name, u.kind) for u in found.unknown] == [("Aalto University", "academic"),
                                                         ("Nordlicht Technologies GmbH", "industry")]
    assert found.affiliation == "mixed"


def test_a_close_spelling_of_a_known_org_says_did_you_mean() -> None:
    found = match_affiliations(block(lines=("Ren Min University of China",)), CONFIG)
    assert found.unknown[0].closest == "Renmin University of China"


def test_an_org_of_unknown_kind_leaves_the_affiliation_open() -> None:
    found = match_affiliations(block(lines=("Kuaishou", "Vector Lab")), CONFIG)
    assert found.orgs == ("Kuaishou", "Vector Lab")
    assert found.affiliation is None  # a lab could be either


def test_email_domains_count_only_when_the_block_names_no_place() -> None:
    emails = ("weilu@tencent.com", "fangyi@gmail.com", "x@cs.jd.com")
    assert match_affiliations(block(emails=emails), CONFIG).orgs == ("Tencent", "JD.com")
    assert match_affiliations(block(lines=("Peking University",), emails=emails), CONFIG).orgs == (
        "Peking University",)
    assert match_affiliations(block(emails=("someone@ruc.edu.cn",)), CONFIG).orgs == ()


@pytest.mark.parametrize("config_name", ["recweekly.toml", "pyproject.toml"])
def test_the_suggested_entry_makes_the_org_known(tmp_path: Path, config_name: str) -> None:
    config = Config(root=tmp_path, source=tmp_path / config_name)
    (unknown,) = match_affiliations(block(lines=("Aalto University, Espoo",)), config).unknown
    entry = toml_entry(unknown, config)
    prefix = "tool.recweekly." if config_name == "pyproject.toml" else ""
    assert entry.startswith(f'[{prefix}orgs."Aalto University"]\n')
    table = tomllib.loads(entry)
    table = table["tool"]["recweekly"] if prefix else table
    table["orgs"]["Aalto University"]["zh"] = "阿尔托大学"
    known = config_from_mapping(table, root=tmp_path)
    assert known.find_org("Aalto University") is not None
    assert match_affiliations(block(lines=("Aalto University, Espoo",)), known).affiliation == "academic"
