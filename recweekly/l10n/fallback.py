"""The translation-TODO mark: text a draft took from a note in the other language, made visible.

A draft never mixes languages silently. When the post's language has no text of its own for
something a note says (a summary, a highlight, the note's body), the draft shows the text it has,
wrapped in a mark that names both languages and reads as a TODO:

    ⟦zh→en TODO: 用贝叶斯方法校准带噪声的 CTR/CVR 估计。⟧

and, for a run of whole blocks (a note body with headings or lists), the same mark around them,
its opening alone on a line and its closing bracket alone on a line:

    ⟦en→zh TODO:

    #### Why it matters

    First ranking Transformer paper this year …

    ⟧

Grammar (`FALLBACK_RE`): "⟦" U+27E6, the source and the post's language codes joined by "→"
U+2192, one space, "TODO:", the text, "⟧" U+27E7. The brackets occur in no prose or Markdown
syntax, so a mark is found exactly (the preview highlights it; `check` counts it), and "TODO:" keeps
every existing TODO rule working: `check` fails a post that still has one, `promote` refuses.

To resolve a mark, translate the text and delete the mark. Inside a generated region the text comes
from the note, so add the translation to the note (e.g. `summary.zh`) and run `recweekly fill`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from recweekly.fences import FenceTracker
from recweekly.l10n.typography import script_lang

OPEN, CLOSE, ARROW = "\u27e6", "\u27e7", "\u2192"
FALLBACK_RE = re.compile(f"{OPEN}([a-z]{{2}}){ARROW}([a-z]{{2}}) TODO:(.*?){CLOSE}", re.DOTALL)
_BLOCK_START = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||```|~~~|<)")


@dataclass(frozen=True)
class Fallback:
    """One mark found in a document."""

    source: str
    target: str
    text: str
    line: int  # 1-based line of the opening bracket


def mark(text: str, source: str, target: str) -> str:
    """Wrap one inline piece of text (a summary, a highlight, a heading) in the mark."""
    text = text.replace(OPEN, "").replace(CLOSE, "")
    return f"{OPEN}{source}{ARROW}{target} TODO: {text}{CLOSE}"


def mark_blocks(text: str, source: str, target: str) -> str:
    """Wrap Markdown blocks; a single plain paragraph gets the inline form."""
    text = text.replace(OPEN, "").replace(CLOSE, "").strip("\n")
    if "\n\n" not in text and not _BLOCK_START.match(text):
        return mark(text, source, target)
    return f"{OPEN}{source}{ARROW}{target} TODO:\n\n{text}\n\n{CLOSE}"


def in_lang(text: str, lang: str) -> str:
    """`text` as a post in `lang` shows it: marked when written in the other language."""
    source = script_lang(text)
    return mark(text, source, lang) if source not in (None, lang) else text


def join_in_lang(items: Iterable[str], lang: str, separator: str) -> str:
    """Items joined with `separator`; each run of items in the other language gets one mark."""
    out: list[str] = []
    run: list[str] = []
    run_source = ""
    for item in items:
        source = script_lang(item)
        if source not in (None, lang) and (not run or source == run_source):
            run.append(item)
            run_source = source
            continue
        if run:
            out.append(mark(separator.join(run), run_source, lang))
            run = []
        if source not in (None, lang):
            run, run_source = [item], source
        else:
            out.append(item)
    if run:
        out.append(mark(separator.join(run), run_source, lang))
    return separator.join(out)


def blocks_in_lang(markdown: str, lang: str) -> str:
    """A Markdown body as a post in `lang` shows it: each run of blocks written in another language
    (blank-line separated; a fenced code block is one block, in no language) gets one mark."""
    blocks = _blocks(markdown)
    langs = [None if is_code else script_lang(text) for text, is_code in blocks]
    out: list[str] = []
    index = 0
    while index < len(blocks):
        source = langs[index]
        if source in (None, lang):
            out.append(blocks[index][0])
            index += 1
            continue
        end = index + 1  # extend over blocks of the same language and neutral blocks between them
        last = index
        while end < len(blocks) and langs[end] in (None, source):
            if langs[end] == source:
                last = end
            end += 1
        out.append(mark_blocks("\n\n".join(text for text, _ in blocks[index : last + 1]), source, lang))
        index = last + 1
    return "\n\n".join(out)


def _blocks(markdown: str) -> list[tuple[str, bool]]:
    """(block text, is fenced code) for each blank-line separated block."""
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []
    fences = FenceTracker()
    for line in markdown.strip("\n").split("\n"):
        was_open = fences.open
        if fences.code(line) and not was_open:  # the opening fence
            if current:
                blocks.append(("\n".join(current), False))
            current = [line]
            continue
        if was_open:
            current.append(line)
            if not fences.open:
                blocks.append(("\n".join(current), True))
                current = []
            continue
        if not line.strip():
            if current:
                blocks.append(("\n".join(current), False))
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(("\n".join(current), fences.open))
    return blocks


def find_fallbacks(text: str, first_line: int = 1) -> list[Fallback]:
    out = []
    for match in FALLBACK_RE.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        out.append(Fallback(match.group(1), match.group(2), match.group(3).strip(), line))
    return out


def strip_fallbacks(text: str) -> str:
    """The text with every mark blanked out, line breaks kept (so line numbers still hold)."""
    return FALLBACK_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
