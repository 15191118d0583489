"""`<details><summary>…</summary> … </details>` spread over several mistune tokens → one token.

CommonMark ends an HTML block at the first blank line, so a details element that wraps Markdown
arrives as an opening `block_html`, ordinary Markdown tokens, and a closing `block_html`. This pass
folds them into a synthetic `{"type": "details", "summary": [...inline tokens], "children": [...]}`
so every renderer keeps its one-method-per-token shape (a Notion toggle, an HTML `<details>`).
Renderers fold each sibling list as they reach it (`Document.fold_details`), so a warning about an
unclosed element is reported where the renderer is, in document order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

Token = dict[str, Any]

_OPEN = re.compile(r"<details\b[^>]*>", re.IGNORECASE)
_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
_EITHER = re.compile(rf"({_OPEN.pattern})|{_CLOSE.pattern}", re.IGNORECASE)  # group 1: an opening tag
_SUMMARY = re.compile(r"\s*<summary\b[^>]*>(.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _has_details_tag(raw: str) -> bool:
    return _EITHER.search(raw) is not None


class _Grouper:
    def __init__(self, parse: Callable[[str], list[Token]],
                 parse_line: Callable[[str], list[Token] | None] | None = None) -> None:
        self.parse = parse
        self.parse_line = parse_line or (lambda text: None)
        self.root: list[Token] = []
        self.stack: list[Token] = []
        self.warnings: list[str] = []

    @property
    def container(self) -> list[Token]:
        return self.stack[-1]["children"] if self.stack else self.root

    def add(self, token: Token) -> None:
        if token.get("type") == "block_html" and _has_details_tag(token.get("raw", "")):
            self.html(token["raw"])
        else:
            self.container.append(token)

    def html(self, raw: str) -> None:
        """Walk a raw HTML block, opening and closing toggles at each details tag."""
        pos = 0
        while pos < len(raw):
            nxt = _EITHER.search(raw, pos)  # the first tag, opening or closing
            if nxt is None:
                self.fragment(raw[pos:], raw)
                return
            self.fragment(raw[pos : nxt.start()], raw)
            if nxt.group(1) is not None:
                pos = self.open(raw, nxt.end())
            else:
                self.close(raw)
                pos = nxt.end()

    def open(self, raw: str, pos: int) -> int:
        summary_tokens: list[Token] = []
        summary = _SUMMARY.match(raw, pos)
        if summary:
            text = html.unescape(_TAG.sub("", summary.group(1))).strip()
            line = self.parse_line(text) if text else None
            if line is not None:  # a plain one-line summary: its inline tokens, without a block parse
                summary_tokens = line
            for token in (self.parse(text) if text and line is None else []):
                if token.get("type") == "paragraph":
                    summary_tokens = token.get("children", [])
                    break
            pos = summary.end()
        self.stack.append({"type": "details", "summary": summary_tokens, "children": [], "raw": raw})
        return pos

    def close(self, raw: str) -> None:
        if not self.stack:
            self.warnings.append(f"</details> without a matching <details>: {raw.strip()[:60]}")
            return
        token = self.stack.pop()
        self.container.append(token)

    def fragment(self, text: str, whole: str) -> None:
        if not text.strip():
            return
        if text == whole:  # nothing to split off: keep the HTML block as it is
            self.container.append({"type": "block_html", "raw": text})
            return
        for token in self.parse(text):
            self.add(token)

    def finish(self) -> list[Token]:
        while self.stack:
            self.warnings.append("<details> is never closed; its toggle runs to the end of its section")
            token = self.stack.pop()
            self.container.append(token)
        return self.root


def group_details(tokens: list[Token], parse: Callable[[str], list[Token]],
                  parse_line: Callable[[str], list[Token] | None] | None = None) -> tuple[list[Token], list[str]]:
    """Fold details elements in one sibling list; returns the new list and any warnings.

    `parse` reads Markdown found inside HTML blocks; `parse_line`, when given, reads a one-line
    summary cheaply (None: use `parse`)."""
    first = next((index for index, t in enumerate(tokens)
                  if t.get("type") == "block_html" and _has_details_tag(t.get("raw", ""))), None)
    if first is None:
        return tokens, []
    grouper = _Grouper(parse, parse_line)
    grouper.root.extend(tokens[:first])  # before the first details tag: nothing to fold
    for token in tokens[first:]:
        grouper.add(token)
    return grouper.finish(), grouper.warnings
