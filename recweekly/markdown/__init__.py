"""Markdown parsing shared by publish, check and preview: one parser configuration for all of them."""

from __future__ import annotations

from recweekly.markdown.parser import parse_markdown

__all__ = ["parse_markdown"]
