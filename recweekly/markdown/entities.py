"""Character references in Markdown text, decoded as CommonMark decodes them.

mistune hands text over with its references undecoded, and the obvious tool, `html.unescape`,
follows HTML5 instead: it decodes `&copy` without a semicolon, `&copyx;` as "©x;", and drops
`&#1;`. CommonMark decodes only complete references — `&name;` for a name HTML5 defines, `&#` and
1–7 digits, `&#x` and 1–6 hex digits, each ending in `;` — and turns a numeric reference to no
valid character (0, a surrogate, beyond U+10FFFF) into U+FFFD. Everything else is literal text, so
`AT&T`, `&copy` and `&bogus;` reach the page as written.
"""

from __future__ import annotations

import re
from html.entities import html5

_REFERENCE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));")


def _character(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return html5.get(name + ";", match.group(0))
    code = int(decimal, 10) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def decode_references(text: str) -> str:
    """`text` with its complete character references replaced by the characters they name."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(_character, text)
