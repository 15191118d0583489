"""Read rendered preview HTML as elements (tag, attributes, text inside) with the stdlib parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"br", "hr", "img", "input", "meta", "link"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.all: list[Element] = []
        self.stack: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        if self.stack:
            self.stack[-1].children.append(element)
        self.all.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data


def elements(html: str) -> list[Element]:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.all


def find(html: str, tag: str, cls: str | None = None) -> list[Element]:
    return [e for e in elements(html) if e.tag == tag and (cls is None or cls in e.classes)]


def write_post(path: Path, body: str, **front: object) -> Path:
    """A valid post file with `body`; front matter keys override the defaults."""
    meta: dict[str, object] = {"title": "A test week", "slug": path.stem.replace(".", "-"), "type": "Post",
                               "status": "Draft", "lang": "en", "date": "2026-03-09"}
    meta.update(front)
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    return path


# A 1x1 PNG, enough for content-type and data: URI checks.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415478da63f8cfc000000301010018dd8db00000000049454e44ae426082"
)
