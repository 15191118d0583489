"""The preview's own files: the vendored KaTeX as its manifest says, and policies that allow only them."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from recweekly.preview.assets import (
    KATEX_CSS,
    SERVED_CSP,
    STATIC,
    served_assets,
    standalone_assets,
    static_file,
)

KATEX = STATIC / "katex"


def test_vendored_katex_is_exactly_what_the_vendoring_script_wrote() -> None:
    manifest = json.loads((KATEX / "MANIFEST.json").read_text(encoding="utf-8"))
    assert (manifest["package"], manifest["version"], manifest["license"]) == ("katex", "0.15.6", "MIT")
    on_disk = {p.relative_to(KATEX).as_posix() for p in KATEX.rglob("*") if p.is_file()} - {"MANIFEST.json"}
    assert set(manifest["files"]) == on_disk
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((KATEX / name).read_bytes()).hexdigest() == digest, f"{name} was edited by hand"
    assert "MIT License" in (KATEX / "LICENSE").read_text(encoding="utf-8")


def test_katex_css_loads_only_the_shipped_woff2_fonts() -> None:
    css = (STATIC / KATEX_CSS).read_text(encoding="utf-8")
    fonts = re.findall(r"url\(([^)]*)\)", css)
    assert fonts and all(f.startswith("fonts/") and f.endswith(".woff2") for f in fonts)
    assert all((KATEX / f).is_file() for f in fonts)


def test_only_known_static_files_are_served_with_their_types() -> None:
    assert static_file("preview.js")[1].startswith("text/javascript")  # type: ignore[index]
    assert static_file("katex/fonts/KaTeX_Main-Regular.woff2")[1] == "font/woff2"  # type: ignore[index]
    for name in ("katex/MANIFEST.json", "katex/LICENSE", "../assets.py", "katex/../../assets.py", "nope.css"):
        assert static_file(name) is None


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def test_standalone_assets_are_inline_and_each_is_allowed_by_its_hash_only() -> None:
    plain, math = standalone_assets(False), standalone_assets(True)
    for assets in (plain, math):
        styles = re.findall(r"<style>(.*?)</style>", assets.styles, re.S)
        scripts = re.findall(r"<script>(.*?)</script>", assets.scripts, re.S)
        assert f"style-src {_sha256(styles[0])};" in assets.csp
        assert f"script-src {' '.join(_sha256(s) for s in scripts)};" in assets.csp
        assert "'self'" not in assets.csp and "unsafe" not in assets.csp and "http" not in assets.csp
    assert len(plain.scripts) < 10_000 < 250_000 < len(math.scripts)  # KaTeX only where there is math
    assert "url(data:font/woff2;base64," in math.styles and "url(fonts/" not in math.styles


def test_served_pages_load_the_servers_own_files() -> None:
    assets = served_assets(True)
    assert re.findall(r'(?:href|src)="([^"]+)"', assets.styles + assets.scripts) == [
        "/_preview/static/katex/katex.min.css", "/_preview/static/preview.css",
        "/_preview/static/katex/katex.min.js", "/_preview/static/preview.js"]
    assert assets.csp == SERVED_CSP and "'unsafe-inline'" not in SERVED_CSP
