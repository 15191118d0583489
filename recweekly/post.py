"""The post (and draft) page model: NotionNext front matter plus the Markdown body.

Shared by `check`, `promote`, `stats`, `preview` and `publish`, so a post that passes `check` is
exactly a post that publishes. Keys follow NotionNext's database columns (title, slug, date, type,
status, category, tags, summary, icon, password) plus recweekly's own `lang` and `period`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recweekly.config import SUPPORTED_LANGS, Config
from recweekly.errors import InputError, Problem, RecweeklyError
from recweekly.fsutil import decode_utf8, shown_path
from recweekly.notes.frontmatter_text import FrontMatter, FrontMatterProblem, parse_front_matter

POST_KEYS = ("title", "slug", "date", "type", "status", "category", "tags", "summary", "icon", "password",
             "lang", "period")
POST_TYPES = ("Post", "Page", "Notice", "Menu", "SubMenu")
POST_STATUSES = ("Published", "Invisible", "Draft")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*$")
REQUIRED_POST_KEYS = ("title", "slug", "type", "status", "lang")


@dataclass(frozen=True)
class Post:
    """A parsed post. `meta` holds validated values; `front` keeps lines for error messages."""

    path: Path
    text: str
    meta: dict[str, Any]
    body: str
    front: FrontMatter

    @property
    def slug(self) -> str:
        return str(self.meta["slug"])

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang", "en"))

    @property
    def status(self) -> str:
        return str(self.meta.get("status", "Draft"))

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def date(self) -> dt.date | dt.datetime | None:
        value = self.meta.get("date")
        return value if isinstance(value, (dt.date, dt.datetime)) else None

    def line_of(self, key: str) -> int | None:
        return self.front.line_of(key)

    @property
    def body_first_line(self) -> int:
        """File line of the first body line (for reporting problems found in the Markdown)."""
        return self.text[: len(self.text) - len(self.body)].count("\n") + 1


def parse_post(
    text: str, path: Path, languages: tuple[str, ...] = SUPPORTED_LANGS
) -> tuple[Post | None, list[Problem]]:
    """Parse and validate a post's text; every problem is returned with its line."""
    try:
        fm = parse_front_matter(text, path)
    except FrontMatterProblem as exc:
        return None, [exc.problem]
    problems: list[Problem] = []
    data = fm.data

    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, message, fm.line_of(key) or fm.first_line, key))

    for key in data:
        if key not in POST_KEYS:
            bad(str(key), f"unknown key; a post may have: {', '.join(POST_KEYS)}")
    for key in REQUIRED_POST_KEYS:
        if data.get(key) in (None, ""):
            problems.append(Problem(path, "required key is missing or empty", fm.line_of(key) or 1, key))
    meta: dict[str, Any] = {}
    for key in ("title", "category", "summary", "icon", "password", "period"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, (dict, list, bool)):
            bad(key, "expected text")
        else:
            meta[key] = str(fm.raw.get(key, value))
    slug = data.get("slug")
    if slug not in (None, ""):
        slug = str(fm.raw.get("slug", slug))
        if not SLUG_RE.match(slug):
            bad("slug", f"{slug!r} is not a valid slug; use lowercase letters, digits, '-', '.', '_' "
                        "(e.g. recsys-weekly-2026-w10)")
        else:
            meta["slug"] = slug
    value = data.get("date")
    if value not in (None, ""):
        if isinstance(value, (dt.date, dt.datetime)):
            meta["date"] = value
        else:
            try:
                text_value = str(value).strip()
                meta["date"] = (
                    dt.datetime.fromisoformat(text_value) if "T" in text_value else dt.date.fromisoformat(text_value)
                )
            except ValueError:
                bad("date", f"expected a date like 2026-03-09 (or 2026-03-09T08:00:00+08:00), got {value!r}")
    for key, allowed in (("type", POST_TYPES), ("status", POST_STATUSES), ("lang", languages)):
        value = data.get(key)
        if value in (None, ""):
            continue
        if value not in allowed:
            bad(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        else:
            meta[key] = value
    tags = data.get("tags")
    if tags is not None:
        if not isinstance(tags, list) or not all(isinstance(t, (str, int, float)) and not isinstance(t, bool)
                                                  for t in tags):
            bad("tags", "expected a list of strings")
        else:
            meta["tags"] = [str(t) for t in tags]
    if problems:
        return None, problems
    return Post(path=path, text=text, meta=meta, body=fm.body, front=fm), []


def load_post(path: Path, languages: tuple[str, ...] = SUPPORTED_LANGS, display: str | None = None) -> Post:
    """Read and validate one post file; raise InputError with every problem."""
    shown = display or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    text = decode_utf8(data, shown)
    post, problems = parse_post(text, Path(shown), languages)
    if post is None:
        raise InputError(f"{shown}: invalid post", problems)
    return Post(path=Path(path), text=post.text, meta=post.meta, body=post.body, front=post.front)


def load_all_posts(config: Config) -> tuple[list[Post], dict[str, list[Problem]]]:
    """Every post under posts/, and the problems of those that do not load (by shown path).

    Links between posts need every slug, so publishing and the preview both read them all.
    """
    posts: list[Post] = []
    broken: dict[str, list[Problem]] = {}
    if not config.posts_path.is_dir():
        return posts, broken
    for path in sorted(config.posts_path.rglob("*.md")):
        display = shown_path(config.root, path)
        try:
            posts.append(load_post(path, config.languages, display=display))
        except RecweeklyError as exc:
            broken[display] = exc.problems or [Problem(display, exc.message)]
    return posts, broken
