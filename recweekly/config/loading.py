"""Finding the blog's config file and turning its TOML into a `Config`, every problem collected.

Unknown keys and bad values are errors naming the key and its line, because a typo in a config
silently ignored is a bug found weeks later.
"""

from __future__ import annotations

import re
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from recweekly.config.enrich import parse_enrich, parse_suggest
from recweekly.config.settings import POST_URL_PLACEHOLDERS, ComposeSettings, Config, NotionSettings
from recweekly.config.tables import (
    DEFAULT_CATEGORIES,
    DEFAULT_THEMES,
    OTHER_THEME_NAMES,
    SUPPORTED_LANGS,
    Theme,
    parse_categories,
    parse_orgs,
    parse_themes,
)
from recweekly.errors import ConfigError, Problem
from recweekly.toml_lines import toml_key_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


CONFIG_FILES = ("recweekly.toml", "pyproject.toml")


def find_config_file(start: Path) -> Path | None:
    """Walk up from `start` to the first directory with recweekly.toml or a [tool.recweekly] table."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "recweekly.toml"
        if candidate.exists() or candidate.is_symlink():
            return candidate  # a folder or broken link of that name is reported when loading, not skipped
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                return pyproject  # report the syntax error when loading, not silently skip it
            if "recweekly" in data.get("tool", {}):
                return pyproject
    return None


def load_config(start: Path | None = None, *, path: Path | None = None, explicit: bool = False) -> Config:
    """Find and load the config; with none found, defaults rooted at `start` (the cwd).

    `explicit`: `path` was named by the user (--config), so a pyproject.toml without a
    [tool.recweekly] table is a mistake, not "all defaults".
    """
    start = Path.cwd() if start is None else Path(start)
    path = path or find_config_file(start)
    if path is None:
        return Config(root=start.resolve())
    try:
        text = path.read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except IsADirectoryError:
        raise ConfigError("config is a folder, not a file", [
            Problem(path, "expected a TOML file; rename or remove the folder (or pass --config FILE)")]) from None
    except FileNotFoundError:
        raise ConfigError("config file not found", [Problem(path, "no such file; check the --config path")]) from None
    except OSError as exc:
        raise ConfigError("config cannot be read", [Problem(path, f"cannot read ({exc.strerror})")]) from None
    except UnicodeDecodeError:
        raise ConfigError("config is not valid UTF-8", [Problem(path, "save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config is not valid TOML", [Problem(path, str(exc))]) from None
    if path.name == "recweekly.toml":
        table, prefix = data, ""
    else:
        tool = data.get("tool", {})
        if explicit and "recweekly" not in tool:
            raise ConfigError("no recweekly settings in this file", [
                Problem(path, "has no [tool.recweekly] table; add one, or name a recweekly.toml")])
        table, prefix = tool.get("recweekly", {}), "tool.recweekly."
    return config_from_mapping(table, root=path.parent.resolve(), source=path, prefix=prefix, text=text)


def config_from_mapping(
    table: dict[str, Any], *, root: Path, source: Path | None = None, prefix: str = "", text: str | None = None
) -> Config:
    """Build a Config from a TOML table, collecting every problem before raising."""
    where = source or Path("<config>")
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        line = toml_key_line(text, prefix + key) if text is not None else None
        problems.append(Problem(where, message, line, prefix + key))

    simple = {
        "name": str,
        "default_lang": str,
        "notes_dir": str,
        "drafts_dir": str,
        "posts_dir": str,
        "templates_dir": str,
        "cache_dir": str,
    }
    known = {*simple, "languages", "categories", "orgs", "themes", "compose", "notion", "enrich", "suggest"}
    kwargs: dict[str, Any] = {}
    for key in table:
        if key not in known:
            bad(key, f"unknown key; known keys are {', '.join(sorted(known))}")
    for key, typ in simple.items():
        if key in table:
            if not isinstance(table[key], typ) or not table[key].strip():
                bad(key, "expected a non-empty string")
            else:
                kwargs[key] = table[key]

    languages = SUPPORTED_LANGS
    if "languages" in table:
        value = table["languages"]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            bad("languages", 'expected a non-empty list of language codes, e.g. ["en", "zh"]')
        else:
            unsupported = [v for v in value if v not in SUPPORTED_LANGS]
            if unsupported:
                bad("languages", f"unsupported language(s) {unsupported}; supported: {list(SUPPORTED_LANGS)}")
            else:
                languages = tuple(value)
                kwargs["languages"] = languages
    default_lang = kwargs.get("default_lang", "en")
    if default_lang not in languages:
        bad("default_lang", f"{default_lang!r} is not one of languages {list(languages)}")

    if "categories" in table:
        cats = parse_categories(table["categories"], languages, bad)
        if cats is not None:
            kwargs["categories"] = cats
    if "orgs" in table:
        orgs = parse_orgs(table["orgs"], languages, bad)
        if orgs is not None:
            kwargs["orgs"] = orgs
    if "themes" in table:
        themes = parse_themes(table["themes"], languages, bad)
        if themes is not None:
            kwargs["themes"] = themes
    if "compose" in table:
        compose_table = table["compose"]
        if isinstance(compose_table, dict):
            # a plain string category means the same name in every language
            compose_table = {
                key: ({lang: value for lang in SUPPORTED_LANGS} if key.endswith("_category") and isinstance(value, str)
                      else value)
                for key, value in compose_table.items()
            }
        kwargs["compose"] = _parse_section(compose_table, ComposeSettings, "compose", bad)
    if "notion" in table:
        notion = _parse_section(table["notion"], NotionSettings, "notion", bad)
        if notion.unpublish not in ("invisible", "trash"):
            bad("notion.unpublish", 'expected "invisible" or "trash"')
        if notion.max_retry_after < 0:
            bad("notion.max_retry_after", "expected a number of seconds, 0 or more")
        if "site_url" in table["notion"] and notion.site_url:
            message = _site_url_problem(notion.site_url)
            if message:
                bad("notion.site_url", message)
        if "timezone" in table["notion"] and not _is_time_zone(notion.timezone):
            bad("notion.timezone", f"unknown time zone {notion.timezone!r}; expected an IANA name such as "
                                   '"Asia/Shanghai" or "UTC"')
        _check_post_urls(notion, bad)
        kwargs["notion"] = notion
    for key in ("notes_dir", "drafts_dir", "posts_dir", "templates_dir"):
        if key in kwargs and (root / kwargs[key]).exists() and not (root / kwargs[key]).is_dir():
            bad(key, f"{kwargs[key]!r} is a file, expected a folder (relative to {root})")
    if "enrich" in table:
        kwargs["enrich"] = parse_enrich(table["enrich"], bad)
    category_keys = kwargs.get("categories", {c.key: c for c in DEFAULT_CATEGORIES})
    theme_keys = kwargs.get("themes", {t.key: t for t in DEFAULT_THEMES})
    kwargs["suggest"] = parse_suggest(table.get("suggest", {}), category_keys, theme_keys, bad)
    compose = kwargs.get("compose", ComposeSettings())
    _check_compose(compose, kwargs.get("themes"), bad)
    if problems:
        raise ConfigError("invalid configuration", problems)
    return Config(root=root, source=source, **kwargs)


def _check_compose(compose: ComposeSettings, themes: dict[str, Theme] | None, bad: Any) -> None:
    """Values `_parse_section` cannot judge by type alone."""
    if not 1 <= compose.key_paper_score <= 10:
        bad("compose.key_paper_score", "expected an integer from 1 to 10")
    for key in ("weekly_note_tags", "daily_note_tags"):
        if getattr(compose, key) < 0:
            bad(f"compose.{key}", "expected a number of tags, 0 or more")
    if compose.paper_url and "{id}" not in compose.paper_url:
        bad("compose.paper_url",
            'expected a URL with {id} in it (e.g. "https://arxiv.org/abs/{id}"), or "" for no link')
    table = themes if themes is not None else {t.key: t for t in DEFAULT_THEMES}
    known = {spelling.casefold() for theme in table.values() for spelling in theme.spellings()}
    for name in compose.roundup_only_themes:
        if name.casefold() not in known | set(OTHER_THEME_NAMES):
            bad("compose.roundup_only_themes", f"{name!r} is neither a theme of the theme table (key or name) "
                                               f"nor Other; known: {', '.join(table)}, Other")


def _site_url_problem(url: str) -> str | None:
    """Links between posts become `<site_url>/article/<slug>`: only a web address makes sense there."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"expected the blog's http(s) address, e.g. \"https://blog.example.com\", got {url!r}"
    return None


def _is_time_zone(name: str) -> bool:
    import zoneinfo  # lazy: start-up (every command loads the config; only one naming a time zone needs it)

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_post_urls(notion: NotionSettings, bad: Any) -> None:
    """The URL settings as NotionNext would read them: a segment it would silently drop is an error."""
    for segment in notion.post_url_prefix.split("/"):
        if "%" in segment and segment not in POST_URL_PLACEHOLDERS:
            bad("notion.post_url_prefix", f"NotionNext drops the segment {segment!r}: a segment is plain text "
                f"or exactly one of {', '.join(POST_URL_PLACEHOLDERS)}")
    for lang, prefix in notion.lang_prefix.items():
        if lang not in SUPPORTED_LANGS:
            bad(f"notion.lang_prefix.{lang}", f"unknown language; supported: {list(SUPPORTED_LANGS)}")
        elif not re.fullmatch(r"[A-Za-z0-9_-]*", prefix):
            bad(f"notion.lang_prefix.{lang}", 'expected a locale as NotionNext names it, e.g. "en" (no "/")')



def _parse_section(value: Any, cls: type, section: str, bad: Any) -> Any:
    """Fill a flat settings dataclass from a table, checking names and types against the defaults."""
    default = cls()
    if not isinstance(value, dict):
        bad(section, "expected a table")
        return default
    names = {f.name for f in fields(cls)}
    kwargs = {}
    for key, item in value.items():
        if key not in names:
            bad(f"{section}.{key}", f"unknown key; known keys are {', '.join(sorted(names))}")
            continue
        expected = type(getattr(default, key))
        if expected is tuple:
            if not isinstance(item, list) or not all(isinstance(v, str) and v.strip() for v in item):
                bad(f"{section}.{key}", 'expected a list of strings, e.g. ["a", "b"]')
                continue
            item = tuple(v.strip() for v in item)
        elif expected is dict:
            if not isinstance(item, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in item.items()
            ):
                bad(f"{section}.{key}", "expected a table of strings")
                continue
        elif expected is int:
            if not isinstance(item, int) or isinstance(item, bool):
                bad(f"{section}.{key}", "expected an integer")
                continue
        elif not isinstance(item, expected):
            bad(f"{section}.{key}", f"expected a {expected.__name__}")
            continue
        kwargs[key] = item
    return cls(**kwargs)
