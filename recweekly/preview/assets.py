"""The preview's own files (stylesheet, script, vendored KaTeX) and the Content-Security-Policy around them.

Served pages load them from the preview server itself ('self'); the standalone file written by
`preview --output` carries them inline, each allowed by its sha256 in the policy, with KaTeX's fonts
as data: URIs. Either way nothing is loaded from anywhere else and no inline code runs unless the
policy names it: an escaping mistake in a post could still not run a script. KaTeX (MIT, vendored by
`.ci/vendor-katex`, see static/katex/MANIFEST.json) is added only to pages that have an equation.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
PREFIX = "/_preview/static/"
STYLESHEET, SCRIPT = "preview.css", "preview.js"
KATEX_CSS, KATEX_JS = "katex/katex.min.css", "katex/katex.min.js"
_FONT_URL = re.compile(r"url\((fonts/[A-Za-z0-9_-]+\.woff2)\)")
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".woff2": "font/woff2"}

#: Served pages: only this server's own files, and fetches back to it (live reload, index figures). The
#: header adds `frame-ancestors 'none'`, which a <meta> policy may not carry.
SERVED_CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'self'; "
              "connect-src 'self'; base-uri 'none'; form-action 'none'")
HEADER_CSP = SERVED_CSP + "; frame-ancestors 'none'"


@dataclass(frozen=True)
class Assets:
    """Tags that style a page (in <head>) and run its script (end of <body>, so the page exists), and the
    policy that allows exactly those."""

    styles: str
    scripts: str
    csp: str


@cache
def _files() -> dict[str, Path]:
    """Every file the server may send from static/, by name: a fixed set, so no request path reaches others."""
    return {p.relative_to(STATIC).as_posix(): p for p in STATIC.rglob("*") if p.suffix in _TYPES and p.is_file()}


def static_file(name: str) -> tuple[bytes, str] | None:
    """(content, content type) of a static file, or None when there is no such file."""
    path = _files().get(name)
    return (path.read_bytes(), _TYPES[path.suffix]) if path else None


def _text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def served_assets(math: bool) -> Assets:
    styles = [KATEX_CSS, STYLESHEET] if math else [STYLESHEET]
    scripts = [KATEX_JS, SCRIPT] if math else [SCRIPT]
    return Assets("\n".join(f'<link rel="stylesheet" href="{PREFIX}{name}">' for name in styles),
                  "\n".join(f'<script src="{PREFIX}{name}"></script>' for name in scripts), SERVED_CSP)


@cache
def standalone_assets(math: bool) -> Assets:
    """Everything inline; about 660 KB more with KaTeX (its script and fonts), so only when there is math."""
    css = _text(STYLESHEET)
    scripts = [_text(SCRIPT)]
    if math:
        css = _FONT_URL.sub(lambda m: f"url({_font_data(m.group(1))})", _text(KATEX_CSS)) + "\n" + css
        scripts.insert(0, _text(KATEX_JS))
    script_hashes = " ".join(_hash(code) for code in scripts)
    csp = (f"default-src 'none'; img-src data:; font-src data:; style-src {_hash(css)}; "
           f"script-src {script_hashes}; base-uri 'none'; form-action 'none'")
    return Assets(f"<style>{css}</style>", "\n".join(f"<script>{code}</script>" for code in scripts), csp)


def _font_data(name: str) -> str:
    encoded = base64.b64encode((STATIC / "katex" / name).read_bytes()).decode("ascii")
    return f"data:font/woff2;base64,{encoded}"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
