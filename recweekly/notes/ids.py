"""arXiv identifiers as people paste them, normalised to the canonical id without version."""

from __future__ import annotations

import re

_NEW = r"(?P<new>\d{4}\.\d{4,5})"
_OLD = r"(?P<old>[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})"
_ID_RE = re.compile(rf"^(?:{_NEW}|{_OLD})(?P<version>v\d+)?$")
_PREFIX_RE = re.compile(
    r"^(?:arxiv:|(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/)", re.IGNORECASE
)


class BadArxivId(ValueError):
    """The text is not an arXiv id in any accepted spelling."""


def normalize_arxiv_id(text: str) -> str:
    """'arXiv:2603.03988v2', '.../abs/2603.03988', '.../pdf/2603.03988v1.pdf' -> '2603.03988'."""
    raw = str(text).strip()
    core = _PREFIX_RE.sub("", raw)
    core = core.removesuffix(".pdf").rstrip("/")
    match = _ID_RE.match(core)
    if not match:
        raise BadArxivId(
            f"{raw!r} is not an arXiv id; expected e.g. 2603.03988, 2603.03988v2, arXiv:2603.03988, "
            "an arxiv.org/abs/ or /pdf/ URL, or an old-style id such as hep-th/9901001"
        )
    return match.group("new") or match.group("old")


def id_to_filename(arxiv_id: str) -> str:
    """Old-style ids contain a slash; keep one file per id with a name that is safe everywhere."""
    return arxiv_id.replace("/", "_") + ".md"

