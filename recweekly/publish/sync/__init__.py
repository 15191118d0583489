"""Sync posts to Notion: select jobs (local), plan (reads), apply (writes). See publisher.py."""

from __future__ import annotations

from recweekly.publish.sync.jobs import Job, Selection, select
from recweekly.publish.sync.plan import Plan, PublishOutcome
from recweekly.publish.sync.publisher import Publisher

__all__ = ["Job", "Plan", "PublishOutcome", "Publisher", "Selection", "select"]
