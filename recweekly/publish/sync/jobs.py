"""Which posts a publish run is about, and what to do with each: publish it or unpublish it.

Everything here is local (files and git): it runs, and fails, before the first call to Notion. All
posts under posts/ are loaded even when only one is published, because duplicate slugs anywhere
would make two files fight over one page, and links between posts need every slug.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from recweekly.config import Config
from recweekly.errors import InputError, Problem, RecweeklyError
from recweekly.fsutil import shown_path
from recweekly.post import Post, declared_keys, load_all_posts, load_post, parse_post
from recweekly.publish.gitchanges import changed_posts

JobKind = Literal["publish", "unpublish"]  # unpublish: the post left posts/ or went back to Draft


@dataclass(frozen=True)
class Job:
    """One page to converge: `publish` a post, or `unpublish` the page of a slug."""

    kind: JobKind
    display: str  # repository-relative path shown to the user
    slug: str
    lang: str
    post: Post
    reason: str = ""


@dataclass
class Selection:
    jobs: list[Job] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)  # every valid post under posts/ (for links)


def _rel(config: Config, path: Path) -> str:
    return shown_path(path, config.root)


def check_duplicates(config: Config, posts: list[Post]) -> None:
    """Two files with one slug in one language would overwrite each other's page: refuse."""
    seen: dict[tuple[str, str], list[Post]] = defaultdict(list)
    for post in posts:
        seen[(post.lang, post.slug)].append(post)
    problems = []
    for (lang, slug), group in sorted(seen.items()):
        if len(group) > 1:
            files = ", ".join(_rel(config, p.path) for p in group)
            for post in group:
                problems.append(Problem(_rel(config, post.path), f"slug {slug!r} ({lang}) is also used by: {files}; "
                                        "give each post its own slug", post.line_of("slug"), "slug"))
    if problems:
        raise InputError("duplicate slugs: nothing was published", problems)


def _job_for(config: Config, post: Post, reason: str = "") -> Job:
    display = _rel(config, post.path)
    if post.status == "Draft":
        return Job("unpublish", display, post.slug, post.lang, post, "status Draft")
    return Job("publish", display, post.slug, post.lang, post, reason)


def select(
    config: Config,
    paths: tuple[Path, ...] = (),
    changed_since: str | None = None,
    everything: bool = False,
) -> Selection:
    """Load, validate and pick the posts of a run; raise before any network call on bad content."""
    posts, broken = load_all_posts(config)
    selection = Selection(posts=posts)
    by_path = {Path(p.path).resolve(): p for p in posts}
    problems: list[Problem] = []
    chosen: list[Post] = []
    unpublish: list[Job] = []

    if everything:
        chosen = list(posts)
        problems += [p for items in broken.values() for p in items]
    if changed_since is not None and not everything:
        changes = changed_posts(config.root, config.posts_path, changed_since)
        selection.warnings += changes.warnings
        if changes.everything:
            chosen = list(posts)
            problems += [p for items in broken.values() for p in items]
        else:
            import git  # lazy: start-up (GitPython loads only when used)

            top = Path(str(git.Repo(config.root, search_parent_directories=True).working_tree_dir)).resolve()
            current = {(p.lang, p.slug) for p in posts}
            for change in changes.changes:
                if change.path is not None:
                    full = (top / change.path).resolve()
                    display = _rel(config, full)
                    if display in broken:
                        problems += broken[display]
                    elif full in by_path:
                        chosen.append(by_path[full])
                if change.old_text is not None and change.old_path is not None:
                    old, _ = parse_post(change.old_text, Path(change.old_path), config.languages, declared_keys(config))
                    if old is not None and (old.lang, old.slug) not in current:
                        why = "file deleted" if change.status == "deleted" else "slug changed"
                        unpublish.append(Job("unpublish", change.old_path, old.slug, old.lang, old, why))
                elif change.status == "deleted":
                    selection.warnings.append(f"{change.old_path}: deleted, but its old text cannot be read; "
                                              "unpublish its page by hand if needed")
            for other in changes.other_files:  # an image changed: republish the posts using it
                name = Path(other).name
                chosen += [p for p in posts if name in p.text and p not in chosen]
    for raw in paths:
        path = Path(raw)
        targets = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        for target in targets:
            resolved = target.resolve()
            if resolved in by_path:
                chosen.append(by_path[resolved])
                continue
            try:
                chosen.append(load_post(target, config.languages, display=_rel(config, target),
                                             custom_keys=declared_keys(config)))
            except RecweeklyError as exc:
                problems += exc.problems or [Problem(str(target), exc.message)]
    if problems:
        raise InputError("some posts are invalid: nothing was published", problems)
    reported = {str(p.path) for p in problems}
    for display in broken:
        if display not in reported:
            selection.warnings.append(f"{display}: invalid (run `recweekly check`); not published, and its "
                                      "slug is not checked for duplicates")
    check_duplicates(config, posts + [p for p in chosen if Path(p.path).resolve() not in by_path])

    seen: set[tuple[str, str]] = set()
    for post in chosen:
        key = (post.lang, post.slug)
        if key not in seen:
            seen.add(key)
            selection.jobs.append(_job_for(config, post))
    for job in unpublish:
        if (job.lang, job.slug) not in seen:
            seen.add((job.lang, job.slug))
            selection.jobs.append(job)
    return selection
