"""The Jinja2 environment drafts are rendered with: the blog's templates over the packaged ones.

Lookup order follows Hugo archetypes: the blog's `templates/` first, the package's defaults last,
so a blog customises a series by copying one file. A blog's file can also extend the packaged one
it replaces, named with the `package/` prefix (`{% extends "package/weekly.md.j2" %}`), and change
only the blocks it cares about, so it keeps every later improvement of the rest. Every fixed string goes through gettext
(`jinja2.ext.i18n`, new-style, so `%(name)s` placeholders are filled by the call itself) and
every number, percentage, list and date through the Babel filters below.

Filters: `number`, `percent(whole)`, `join_list` (locale list: "a, b, and c" / "a、b和c"),
`counted` (pairs of (name, count) → "name (n)" items), `cell` (escape a Markdown table cell),
`date(form)`. Globals: `interval(start, end)`.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import InputError, Problem
from recweekly.l10n import Formatter, translations


def package_templates() -> Path:
    return Path(__file__).resolve().parent.parent / "templates"


def make_environment(config: Config, lang: str) -> Any:
    import jinja2  # lazy: start-up (Jinja2 loads only when used)

    packaged = jinja2.FileSystemLoader(str(package_templates()))
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(config.templates_path)),
        packaged,
        jinja2.PrefixLoader({"package": packaged}),
    ])
    env = jinja2.Environment(
        loader=loader,
        extensions=["jinja2.ext.i18n"],
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    trans = translations(lang)
    env.install_gettext_translations(trans, newstyle=True)  # type: ignore[attr-defined]
    fmt = Formatter(lang)

    def counted(pairs: list[tuple[str, int]]) -> list[str]:
        return [trans.gettext("%(name)s (%(count)s)") % {"name": name, "count": fmt.number(count)}
                for name, count in pairs]

    env.filters.update(
        number=fmt.number,
        percent=lambda part, whole: fmt.percent(part, whole),
        join_list=fmt.join,
        counted=counted,
        cell=lambda text: str(text).replace("|", "\\|").replace("\n", " "),
        date=fmt.date,
    )
    env.globals.update(interval=fmt.interval, lang=lang)
    return env


def render_template(config: Config, lang: str, name: str, context: dict[str, Any]) -> str:
    """Render one template; template trouble becomes an InputError naming the file and line."""
    import jinja2  # lazy: start-up (Jinja2 loads only when used)

    env = make_environment(config, lang)
    try:
        template = env.get_template(name)
        return str(template.render(**context))
    except jinja2.TemplateNotFound:
        raise InputError(f"template {name} not found in {config.templates_dir}/ nor in the package") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"template {name} has a syntax error",
                         [Problem(exc.filename or name, exc.message or str(exc), exc.lineno)]) from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"template {name} uses an unknown value",
                         [Problem(_template_file(env, name), str(exc))]) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        # a mistake in a template's own expressions (calling a string, a bad format): name its line
        where = _template_frame(exc) or (_template_file(env, name), None)
        raise InputError(f"template {name} failed while rendering",
                         [Problem(where[0], f"{type(exc).__name__}: {exc}", where[1])]) from None


def _template_frame(exc: BaseException) -> tuple[str, int | None] | None:
    """The innermost template line of a traceback (Jinja2 rewrites its frames to point at templates)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return (frames[-1].filename, frames[-1].lineno) if frames else None


def _template_file(env: Any, name: str) -> str:
    try:
        source = env.loader.get_source(env, name)
        return str(source[1])
    except Exception:
        return name
