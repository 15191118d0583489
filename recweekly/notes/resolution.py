"""Resolving on arXiv what no note knows yet: titles by a title search, ids by a fetch.

Each title and id is asked once per import, whatever the number of rows naming it, since every
request costs 3 seconds of arXiv's pace. A title counts only when arXiv has exactly one paper with
that title; anything else is a reason to skip the row, phrased so the user knows what to write.
Raises what the client raises (RemoteError: arXiv unreachable), before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from recweekly.notes.arxiv import ArxivClient, ArxivPaper, FetchResult, TitleSearch
from recweekly.notes.titles import title_key

# the paper arXiv has, or why the row is skipped
Verdict = tuple[ArxivPaper | None, str | None]


@dataclass
class ArxivAnswers:
    """What arXiv answered for an import: one search per title (by title key), one fetch for the ids."""

    searches: dict[str, TitleSearch] = field(default_factory=dict)
    fetched: FetchResult = field(default_factory=FetchResult)

    def paper_titled(self, title: str) -> Verdict:
        search = self.searches[title_key(title)]
        if len(search.matches) == 1:
            return search.matches[0], None
        if search.matches:
            return None, (f"arXiv has several papers titled {title!r} "
                          f"({', '.join(p.arxiv for p in search.matches)}); put arXiv:ID in the row to choose")
        return None, f"arXiv has no paper titled {title!r}" + (
            f" (closest: {', '.join(f'{p.arxiv} {p.title!r}' for p in search.others[:2])})"
            if search.others else "") + "; check the title or put arXiv:ID in the row"

    def paper_with_id(self, arxiv_id: str) -> Verdict:
        paper = self.fetched.papers.get(arxiv_id)
        if paper is None:
            return None, f"arXiv has no paper {arxiv_id} (the id in the row); check the id"
        return paper, None


def ask_arxiv(titles: Sequence[str], ids: Sequence[str], client: ArxivClient,
              progress: Callable[[str], None]) -> ArxivAnswers:
    """Search each title (as first spelled) and fetch the ids in one batch, titles first."""
    answers = ArxivAnswers()
    first = {title_key(t): t for t in reversed(titles)}
    keys = list(dict.fromkeys(title_key(t) for t in titles))
    if keys:
        noun = "title" if len(keys) == 1 else "titles"
        progress(f"resolving {len(keys)} {noun} on arXiv (one request every {client.min_interval:g} s)…")
    for index, key in enumerate(keys, 1):
        progress(f"  [{index}/{len(keys)}] {first[key]}")
        answers.searches[key] = client.search_title(first[key])
    wanted = list(dict.fromkeys(ids))
    if wanted:
        progress(f"fetching {len(wanted)} paper(s) named by id from arXiv…")
        answers.fetched = client.fetch(wanted)
    return answers
