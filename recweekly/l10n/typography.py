"""The blog's one typography rule for Chinese and English side by side, and which script a text is in.

The rule, applied to every draft recweekly writes (both languages: an English draft may carry
Chinese fallbacks) and to every Chinese string it formats:

1. One ASCII space between a Han character and an adjacent Latin letter or digit, either side
   ("判别式推荐 3 篇、LLM 2 篇", "2026 年第 10 周", "22% 的 MFU": a "%" ends the number it follows).
2. No space next to full-width punctuation: "当日共 8 篇： 工业界" becomes "当日共 8 篇：工业界".
3. Full-width punctuation inside Chinese sentences: an ASCII , ; : ! ? directly between two Han
   characters, and ASCII parentheses opened right after a Han character around text with Han in
   it, become their full-width forms ("推荐 (对话推荐)" becomes "推荐（对话推荐）").

Code (fenced blocks and `inline`), HTML comments (region markers), link targets and URLs are left
alone. The rule is idempotent, so regenerated regions keep their checksums.

Why not the `pangu` package: it spaces Markdown emphasis apart ("*精读*" becomes "* 精读 *", no
longer emphasis), puts spaces inside Chinese quotation marks and brackets, and leaves the space
after a full-width colon; the rule above is narrower on purpose (letters and digits only).
"""

from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")
# A Latin word with at least one lower-case letter: prose, not an acronym ("CTR", "GMV") or an id.
_LATIN_WORD_RE = re.compile(r"(?<![A-Za-z])[A-Za-z]*[a-z][A-Za-z]*(?![A-Za-z])")
FULL_WIDTH_PUNCT = "，。、；：？！（）【】《》〈〉「」『』〔〕"

_PROTECTED_RE = re.compile(
    r"(?ms)^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[`~]*[ \t]*$"  # fenced code
    r"|(`+)(?!`).+?(?<!`)\2(?!`)"  # inline code
    r"|<!--.*?-->"  # HTML comments: region markers
    r"|\]\([^)\n]*\)"  # link targets
    r"|<https?://[^>\s]*>|https?://[^\s)>\]]+"  # URLs
)
_HAN_THEN_LATIN = re.compile(f"([{HAN}])([A-Za-z0-9])")
_LATIN_THEN_HAN = re.compile(f"([A-Za-z0-9%])([{HAN}])")
# the other side must be text, not a table pipe or a list / quote / heading marker
_SPACE_AFTER_PUNCT = re.compile(f"([{FULL_WIDTH_PUNCT}])[ \t]+(?=[^\\s|])")
_SPACE_BEFORE_PUNCT = re.compile(f"(?<=[^\\s|#>*+\\-.)])[ \t]+([{FULL_WIDTH_PUNCT}])")
_ASCII_PUNCT_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])([,;:!?])(?=[{HAN}])")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_PARENS_AFTER_HAN = re.compile(f"(?<=[{HAN}])[ \t]*\\(([^()\\n]*[{HAN}][^()\\n]*)\\)")


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


def script_lang(text: str) -> str | None:
    """'zh' if the text has Han characters, 'en' if it has a Latin word with a lower-case letter, else None.

    Only the two languages the blog writes are told apart. Numbers, acronyms and symbols alone
    ("GMV +1.2%", "CTR/CVR") belong to no language, so they are never marked as untranslated.
    """
    if has_han(text):
        return "zh"
    if _LATIN_WORD_RE.search(_PROTECTED_RE.sub(" ", text)):
        return "en"
    return None


def _typeset_plain(text: str) -> str:
    text = _ASCII_PUNCT_BETWEEN_HAN.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _PARENS_AFTER_HAN.sub(lambda m: f"（{m.group(1).strip()}）", text)
    text = _HAN_THEN_LATIN.sub(r"\1 \2", text)
    text = _LATIN_THEN_HAN.sub(r"\1 \2", text)
    text = _SPACE_AFTER_PUNCT.sub(r"\1", text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def typeset(text: str) -> str:
    """Apply the rule to Markdown text, outside code, comments, link targets and URLs."""
    if not has_han(text):
        return text
    out: list[str] = []
    position = 0
    for match in _PROTECTED_RE.finditer(text):
        out.append(_typeset_plain(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_typeset_plain(text[position:]))
    return "".join(out)
