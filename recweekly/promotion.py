"""`promote`: a finished draft becomes a post — moved to posts/ with git, status and date set.

Guards first, changes after: the draft must pass `check` (as it will be checked once in posts/,
including slug uniqueness among posts), carry no `TODO:` marker (unless forced), and the
destination must not exist. Only then is anything touched.

Only the `status` and (when missing) `date` lines of the front matter are rewritten, at the text
level, so everything else in the file stays byte-for-byte. An existing date is kept: it may have been
chosen on purpose (NotionNext hides posts dated in the future).

Git: a tracked draft is moved with `git mv` (history follows the file) and the edited file is then
staged. An untracked draft is moved on disk and `git add`-ed, so in both cases the post is staged
and ready to commit. Outside a git repository the file is just moved. The front matter is edited
in place before the move and restored if the move fails, so a failed promote leaves the draft as
it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from recweekly.check.validate import Checker, todo_lines, todo_problems
from recweekly.config import Config
from recweekly.errors import InputError
from recweekly.fsutil import atomic_write_text, decode_utf8
from recweekly.gitmove import move_file
from recweekly.notes.frontmatter_text import parse_front_matter, replace_keys
from recweekly.post import declared_keys, parse_post


class PromoteError(InputError):
    """The draft cannot be promoted (not ready, fails check, destination exists)."""


@dataclass
class PromoteResult:
    source: Path
    destination: Path
    changed: dict[str, str] = field(default_factory=dict)
    git: str = "git mv"  # "git mv" | "move + git add" | "move"


def destination_for(config: Config, draft: Path) -> Path:
    """posts/<same relative path as under drafts/>."""
    try:
        relative = draft.resolve().relative_to(config.drafts_path.resolve())
    except ValueError:
        raise PromoteError(f"{draft}: not under {config.drafts_dir}/; promote moves drafts to "
                           f"{config.posts_dir}/") from None
    return config.posts_path / relative


def promote(config: Config, draft: Path, *, today: dt.date, force: bool = False,
            display: str | None = None) -> PromoteResult:
    shown = display or str(draft)
    if not draft.is_file():
        raise PromoteError(f"{shown}: no such file")
    destination = destination_for(config, draft)
    checker = Checker(config)
    if destination.exists():
        raise PromoteError(f"{shown}: {checker.display(destination)} already exists; "
                           "rename the draft or remove the existing post first")
    original_bytes = draft.read_bytes()
    problems = checker.check_file(draft, shown)
    text = decode_utf8(original_bytes, shown) if not problems else ""
    post = None
    if not problems:
        post, problems = parse_post(text, Path(shown), config.languages, declared_keys(config))
    if post is not None:
        problems.extend(checker._slug_problems(destination, post.lang, post.slug))
    if problems:
        raise PromoteError(f"{shown}: fails `recweekly check`; fix these first", problems)
    assert post is not None
    todos = todo_lines(text)
    if todos and not force:
        raise PromoteError(
            f"{shown}: {len(todos)} TODO marker(s) left; finish them or use --force",
            todo_problems(text, shown, "TODO marker"),
        )
    values: dict[str, object] = {}
    if post.status != "Published":
        values["status"] = "Published"
    if post.date is None:
        values["date"] = today
    new_text = text
    if values:
        fm = parse_front_matter(text, shown)
        new_text = replace_keys(text, fm, values)
    bom = "\ufeff" if original_bytes.startswith(b"\xef\xbb\xbf") else ""
    result = PromoteResult(draft, destination, {k: str(v) for k, v in values.items()})
    if new_text != text:
        atomic_write_text(draft, bom + new_text)
    try:
        result.git = move_file(draft, destination)
    except BaseException:
        if draft.exists() and new_text != text:
            draft.write_bytes(original_bytes)
        raise
    return result
