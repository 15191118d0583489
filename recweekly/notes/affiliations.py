"""From the lines of a paper's author block to the blog's organizations: table keys, or names to add.

Each line is cut at commas and semicolons ("Gaoling School of Artificial Intelligence, Renmin
University of China, Beijing, China"). A part naming an org of the table by its key, any name or an
alias ("Alibaba Group", "Taobao & Tmall Group" → Alibaba; "Renmin University of China") gives that
org. Otherwise a part that names an institution ("… University", "… Institute", "… Inc.", "…
Group", 大学, 公司) is an organization the table does not know; a part that is a unit of one ("School
of …", "Department of …", "… Lab") counts only when its line names nothing larger, and places,
emails and remarks ("Equal contribution") are dropped.

Known orgs become the note's `orgs` (keys); unknown ones are added as written and listed with a
suggested table entry. Their kind is guessed from the words that made them an institution
(University → academic, Inc. → industry); `affiliation` is filled only when every org has a kind,
from the table or from such a word. E-mail domains are a last resort, read only when the block has
no affiliation at all: `kuaishou.com` names Kuaishou; a university's domain names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recweekly.config import Config
from recweekly.l10n.names import suggest_org
from recweekly.notes.latexml import AuthorBlock
from recweekly.notes.orgs import recognise_orgs

_ACADEMIC = re.compile(r"\b(?:Universit\w*|College|Institute|Institut|Academy|Polytechnic\w*|École|Ecole|"
                       r"Hochschule|ETH|EPFL|KAIST|MIT)\b|大学|学院|研究院|研究所|科学院", re.IGNORECASE)
_INDUSTRY = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Corporation|Company|Group|Technology|Technologies|GmbH|LLC|"
                       r"Limited|AG|S\.A)\b\.?|公司|集团|科技", re.IGNORECASE)
_GENERIC = re.compile(r"\b(?:Lab|Labs|Laboratory|Research|Center|Centre)\b|实验室|中心", re.IGNORECASE)
_UNIT = re.compile(r"^(?:the\s+)?(?:(?:\w+\s+){0,3}(?:School|Department|Dept|Faculty|College|Division|"
                   r"Laboratory|Lab|Center|Centre|Institute)\b\.?\s*(?:of|for)\b|Dept\b|Key Lab)|学院$|系$|实验室$",
                   re.IGNORECASE)
_REMARK = re.compile(r"contribut|correspond|intern|work (?:was )?done|equal|author|e-?mail|@|https?:|orcid|"
                     r"these authors|project lead|共同|通讯", re.IGNORECASE)
_LEAD_MARKS = re.compile(r"^[\s\d*†‡§¶#∗⋆,.;:()\[\]]+")
_SPLIT = re.compile(r"\s*[,;，；]\s*")
_FREE_MAIL = frozenset(("gmail", "outlook", "hotmail", "qq", "163", "126", "foxmail", "yahoo", "icloud"))


@dataclass(frozen=True)
class UnknownOrg:
    """An organization the page names and the org table does not know."""

    name: str
    kind: str | None  # guessed from its name; None when the name says neither
    closest: str | None = None  # a table org it may be a spelling of ("did you mean")


@dataclass(frozen=True)
class Affiliations:
    orgs: tuple[str, ...]  # table keys first met first, then unknown names as written
    affiliation: str | None  # industry | academic | mixed, when every org has a kind
    unknown: tuple[UnknownOrg, ...]

    @property
    def found(self) -> bool:
        return bool(self.orgs)


def match_affiliations(block: AuthorBlock, config: Config) -> Affiliations:
    known: list[str] = []
    unknown: dict[str, UnknownOrg] = {}
    lines = [line for line in (*block.affiliations, *block.lines)
             if not _REMARK.search(line) or recognise_orgs([line], config)]
    parts = [p for line in lines for p in (_clean(p) for p in _SPLIT.split(line)) if p]
    # a unit ("School of …") counts only when the block names nothing larger (its university)
    larger = any(recognise_orgs([p], config) or (_kind(p) and not _UNIT.search(p)) for p in parts)
    for part in parts:
        keys = recognise_orgs([part], config)
        if keys:
            known.extend(k for k in keys if k not in known)
        elif _kind(part) is not None or _GENERIC.search(part):
            if (_UNIT.search(part) and larger) or len(part.split()) > 10 or _REMARK.search(part):
                continue
            unknown.setdefault(part.casefold(), UnknownOrg(part, _kind(part), suggest_org(part, config)))
    if not known and not unknown:
        known = _from_emails(block.emails, config)
    orgs = tuple(known) + tuple(u.name for u in unknown.values())
    return Affiliations(orgs, affiliation_kind(orgs, tuple(unknown.values()), config), tuple(unknown.values()))


def affiliation_kind(orgs: Sequence[str], unknown: Sequence[UnknownOrg], config: Config) -> str | None:
    """industry | academic | mixed for these orgs, by the table or, for orgs it lacks, by their names'
    guessed kind; None when some org's kind is not known either way."""
    guessed = {u.name: u.kind for u in unknown}
    kinds: set[str | None] = set()
    for name in orgs:
        org = config.find_org(name)
        kinds.add(org.kind if org is not None else guessed.get(name))
    if not kinds or None in kinds:
        return None
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _clean(part: str) -> str:
    """'¹Kuaishou Technology.' -> 'Kuaishou Technology': markers, labels and end punctuation off."""
    part = re.sub(r"^(?:Affiliation|Affiliations|Address)\s*:\s*", "", part.strip(), flags=re.IGNORECASE)
    return _LEAD_MARKS.sub("", part).strip(" .;:")


def _kind(name: str) -> str | None:
    if _ACADEMIC.search(name):
        return "academic"
    if _INDUSTRY.search(name):
        return "industry"
    return None


def _from_emails(emails: tuple[str, ...], config: Config) -> list[str]:
    """Orgs whose key or alias is a label of an e-mail domain (alice@kuaishou.com, x@alibaba-inc.com)."""
    keys: list[str] = []
    for email in emails:
        labels = re.split(r"[.\-]", email.rpartition("@")[2].casefold())
        for label in labels[:-1]:
            if label in _FREE_MAIL:
                continue
            org = config.find_org(label)
            if org is not None and org.key not in keys and not re.search(r"[^\x00-\x7f]", label):
                keys.append(org.key)
    return keys


def toml_entry(org: UnknownOrg, config: Config) -> str:
    """The table entry to paste into the config for an org the table lacks (names per language to fill)."""
    key = org.name if re.fullmatch(r"[A-Za-z0-9_-]+", org.name) else '"' + org.name.replace('"', '\\"') + '"'
    kind = f'kind = "{org.kind}"' if org.kind else 'kind = "industry"        # or "academic": check'
    return f'{config.table(f"orgs.{key}")}\nzh = ""                          # its Chinese name\n{kind}'
