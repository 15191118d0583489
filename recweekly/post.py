"""The post (and draft) page model: NotionNext front matter plus the Markdown body.

Shared by `check`, `promote`, `stats`, `preview` and `publish`, so a post that passes `check` is
exactly a post that publishes. Keys follow NotionNext's database columns (title, slug, date, type, status,
category, tags, summary, icon, password, comment, ext), the page's `cover`, recweekly's own `lang`
and `period`, and the blog's own columns declared in [notion] properties
(`declared_keys`), whose values are typed later, from the Notion column they go to.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from recweekly.config import SUPPORTED_LANGS, Config
from recweekly.errors import InputError, Problem, RecweeklyError
from recweekly.fsutil import decode_utf8, shown_path, unreadable
from recweekly.notes.frontmatter_text import FrontMatter, FrontMatterProblem, parse_front_matter
from recweekly.pagemedia import COVER_HELP, ICON_HELP, classify_cover, classify_icon

POST_KEYS = ("title", "slug", "date", "type", "status", "category", "tags", "summary", "icon", "password",
             "comment", "ext", "cover", "lang", "period",
             *("translation_key", "translated_from", "source_sha256"))  # see translations.py
POST_TYPES = ("Post", "Page", "Notice", "Menu", "SubMenu")
#: NotionNext's status column: Published is served and listed, Invisible served but unlisted, Draft neither.
PostStatus = Literal["Published", "Invisible", "Draft"]
POST_STATUSES: tuple[PostStatus, ...] = get_args(PostStatus)
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*$")
REQUIRED_POST_KEYS = ("title", "slug", "type", "status", "lang")
_SPACE_RE = re.compile(r"\s")  # JavaScript's \s, which NotionNext strips from `ext`, is Unicode-aware too


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
    def status(self) -> PostStatus:
        return cast(PostStatus, str(self.meta.get("status", "Draft")))  # one of POST_STATUSES: parse_post checks

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


def declared_keys(config: Config) -> tuple[str, ...]:
    """Front-matter keys the blog maps to columns of its own ([notion] properties)."""
    return tuple(key for key, column in config.notion.properties.items() if key not in POST_KEYS and column)


def parse_post(
    text: str, path: Path, languages: tuple[str, ...] = SUPPORTED_LANGS, custom_keys: Collection[str] = ()
) -> tuple[Post | None, list[Problem]]:
    """Parse and validate a post's text; every problem is returned with its line.

    `custom_keys` (see `declared_keys`) are accepted with any scalar, date or list value; publish
    checks them against the type of their Notion column.
    """
    try:
        fm = parse_front_matter(text, path)
    except FrontMatterProblem as exc:
        return None, [exc.problem]
    problems: list[Problem] = []
    data = fm.data

    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, message, fm.line_of(key) or fm.first_line, key))

    for key in data:
        if key not in POST_KEYS and key not in custom_keys:
            known = ", ".join((*POST_KEYS, *custom_keys))
            bad(str(key), f"unknown key; a post may have: {known} (map other keys to Notion columns with "
                          "properties in the config's [notion] table)")
    for key in REQUIRED_POST_KEYS:
        if data.get(key) in (None, ""):
            problems.append(Problem(path, "required key is missing or empty", fm.line_of(key) or 1, key))
    meta: dict[str, Any] = {}
    for key in ("title", "category", "summary", "icon", "cover", "password", "comment", "period"):
        value = data.get(key)
        if value is None:
            if key in ("icon", "cover") and key in data:
                meta[key] = ""  # `cover:` with no value: remove the page's cover
            continue
        if isinstance(value, (dict, list, bool)):
            bad(key, "expected text")
        else:
            meta[key] = str(fm.raw.get(key, value))
    for key, classify, expected in (("icon", classify_icon, ICON_HELP), ("cover", classify_cover, COVER_HELP)):
        if meta.get(key) and classify(meta[key]) is None:
            bad(key, f"expected {expected}, got {meta[key]!r}")
    if data.get("ext") is not None:
        ext, message = _ext_json(data["ext"])
        if message:
            bad("ext", message)
        else:
            meta["ext"] = ext
    for key in custom_keys:
        value = data.get(key)
        if value is None or key in POST_KEYS:
            continue
        if not _is_plain(value) and not (isinstance(value, list) and all(_is_plain(v) for v in value)):
            bad(key, "expected text, a number, true/false, a date or a list of them")
        else:
            meta[key] = value
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
    problems.extend(_translation_problems(data, fm, path, languages))
    for key in ("translation_key", "translated_from", "source_sha256"):
        if data.get(key) not in (None, ""):
            meta[key] = str(fm.raw.get(key, data[key]))
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


def _translation_problems(data: dict[str, Any], fm: FrontMatter, path: Path,
                          languages: tuple[str, ...]) -> list[Problem]:
    """The keys that pair a translation with its source (recweekly.translations)."""
    out = []
    checks = (
        ("translation_key", lambda v: bool(SLUG_RE.match(v)), "expected a slug-like key shared by every "
                                                               "language's version, e.g. recsys-weekly-2026-w10"),
        ("translated_from", lambda v: v in languages and v != data.get("lang"),
         f"expected the source's language, one of {', '.join(languages)} and not this post's own"),
        ("source_sha256", lambda v: bool(re.fullmatch(r"[0-9a-f]{12}", v)),
         "expected 12 hex digits; set it with `recweekly translations mark-synced`"),
    )
    for key, valid, message in checks:
        value = data.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, (dict, list, bool)) or not valid(str(fm.raw.get(key, value))):
            out.append(Problem(path, f"{message}, got {value!r}", fm.line_of(key) or fm.first_line, key))
    return out


def _is_plain(value: object) -> bool:
    return isinstance(value, (str, int, float, bool, dt.date))


def _ext_json(value: object) -> tuple[str, str]:
    """NotionNext's `ext` column as text, and what is wrong with it ("" when nothing).

    NotionNext deletes every whitespace character of the column and then parses it as JSON (an
    object expected); a value it cannot parse is silently replaced by {}. A mapping in the front
    matter is written as compact JSON; a string must already be JSON.
    """
    if isinstance(value, dict):
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except TypeError as exc:
            return "", f"cannot be written as JSON ({exc}); quote dates and other values as strings"
    elif isinstance(value, str):
        text = value.strip()
    else:
        return "", 'expected JSON text (e.g. \'{"video": "https://…"}\') or a mapping'
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        return "", f"not valid JSON: {exc.msg} at character {exc.pos + 1}; NotionNext would read it as {{}}"
    if not isinstance(parsed, dict):
        return "", "expected a JSON object ({…}); NotionNext reads ext's keys"
    spaced = sorted(s for s in _strings(parsed) if _SPACE_RE.search(s))
    if spaced:
        squeezed = _SPACE_RE.sub("", spaced[0])
        return "", (f"NotionNext deletes every whitespace character before parsing ext, so {spaced[0]!r} would read "
                    f"as {squeezed!r}; leave spaces out of ext's keys and values")
    return text, ""


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value] + [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def load_post(
    path: Path, languages: tuple[str, ...] = SUPPORTED_LANGS, display: str | None = None,
    custom_keys: Collection[str] = (),
) -> Post:
    """Read and validate one post file; raise InputError with every problem."""
    shown = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read", [Problem(shown, unreadable(Path(path), exc))]) from None
    text = decode_utf8(data, shown)
    post, problems = parse_post(text, Path(shown), languages, custom_keys)
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
        display = shown_path(path, config.root)
        try:
            posts.append(load_post(path, config.languages, display=display, custom_keys=declared_keys(config)))
        except RecweeklyError as exc:
            broken[display] = exc.problems or [Problem(display, exc.message)]
    return posts, broken
