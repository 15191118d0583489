"""Notion publishing: HTTP client, blocks from Markdown, properties from front matter, sync."""
