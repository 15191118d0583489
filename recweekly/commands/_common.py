"""Options and helpers shared by several commands."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import click

from recweekly.config import Config, load_config
from recweekly.periods import BadPeriod, Period, parse_day, parse_week


def get_config(ctx: click.Context | None = None) -> Config:
    """Load the blog's config once per invocation: the global --config file, else found from the cwd upwards."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    if "recweekly.config" not in root.meta:
        explicit = root.meta.get("recweekly.config_path")
        root.meta["recweekly.config"] = load_config(Path.cwd(), path=explicit, explicit=explicit is not None)
    config: Config = root.meta["recweekly.config"]
    return config


def week_option(value: str | None) -> Period | None:
    return _period_option(value, parse_week, "--week")


def date_option(value: str | None) -> Period | None:
    return _period_option(value, parse_day, "--date")


def _period_option(value: str | None, parse: Callable[[str], Period], option: str) -> Period | None:
    """A --week or --date value as a Period; a bad one is click's usage error (exit 2) naming the option."""
    if value is None:
        return None
    try:
        return parse(value)
    except BadPeriod as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def today() -> dt.date:
    """Today's date; RECWEEKLY_TODAY pins it for tests and reproducible runs."""
    pinned = os.environ.get("RECWEEKLY_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.date.today()
