"""`check`: everything that can be wrong with a draft or post, found in one pass, each with a line.

CI runs this on pull requests, so it collects every problem in every file rather than stopping at
the first, and never writes. Rules (drafts/ and posts/ alike unless said):

* the file is UTF-8 and not empty; front matter keys, types and values are valid
  (`recweekly.post.parse_post`, the same validation publish uses);
* slugs are unique per language across posts/ (both files named);
* no `TODO:` marker is left in posts/ (drafts are where TODOs live);
* region markers are well formed, and no region is stale (a `fill` would change it) or edited by
  hand — both found by planning a fill, so check and `fill --check` cannot disagree; a paper of the
  period without a section (a fill inserts its seed), or a section of a paper no longer in the period,
  is named too, so the facts, the roundup, the sections and `stats` count the same papers;
* every arXiv id the text names has a note (`NoteStore.find_path`, one listing of notes/);
* every local image the text embeds exists (relative to the file; "/x.png" relative to the blog);
* no note is filed under another week than its date's (it would drop out of its week's draft):
  for the whole blog when no path is given, else for the periods of the files checked;
* language: translation fallbacks, names the config's tables lack, stale translations
  (`recweekly.check.language`; some of these are notices, which are printed but do not fail);
* notes of the file's period without a category, with the suggested one (`recweekly.check.categories`;
  notices).
"""

from __future__ import annotations

import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from recweekly.check.categories import CategoryRule
from recweekly.check.language import LanguageRules
from recweekly.check.references import arxiv_references, image_references
from recweekly.compose.filling import make_cache, orphan_message, plan_fill
from recweekly.compose.regions import region_problems
from recweekly.config import Config
from recweekly.errors import ConfigError, Problem, RecweeklyError
from recweekly.fsutil import decode_utf8, shown_path, unreadable
from recweekly.l10n.fallback import strip_fallbacks
from recweekly.markdown.images import resolve_image
from recweekly.notes.filing import misfiled_notes, misfiled_problems
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.store import NoteStore
from recweekly.pagemedia import MediaKind, classify_cover, classify_icon
from recweekly.post import declared_keys, parse_post

if TYPE_CHECKING:
    from recweekly.post import Post

TODO_MARKER = "TODO:"


@dataclass
class CheckReport:
    files: list[str] = field(default_factory=list)  # drafts and posts
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # worth knowing, not failing (see check.language)
    notes: list[str] = field(default_factory=list)  # note files validated

    @property
    def ok(self) -> bool:
        return not self.problems

    def failed_files(self) -> list[str]:
        return sorted({str(p.path) for p in self.problems})


def collect_paths(config: Config, paths: list[Path]) -> list[Path]:
    """The Markdown files to check: given files, files under given folders, else drafts/ and posts/."""
    if not paths:
        paths = [config.drafts_path, config.posts_path]
        return sorted(p for d in paths if d.is_dir() for p in d.rglob("*.md"))
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(path.rglob("*.md")))
        else:
            out.append(path)
    return out


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def is_post_path(config: Config, path: Path) -> bool:
    return _is_under(path, config.posts_path)


def todo_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), 1) if TODO_MARKER in line]


def todo_problems(text: str, shown: str, message: str) -> list[Problem]:
    """One problem per TODO line, quoting the line so the reader knows which TODO without opening it."""
    lines = text.splitlines()
    out = []
    for number in todo_lines(text):
        quoted = lines[number - 1].strip()
        if len(quoted) > 70:
            quoted = quoted[:69] + "…"
        out.append(Problem(shown, f"{message}: {quoted}", number))
    return out


class Checker:
    """Checks files of one blog; caches what several files share (rendered regions, post slugs)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cache = make_cache(config)
        self.notes = NoteStore(config)
        self.language = LanguageRules(config, self.notes, self.display)
        self.categories = CategoryRule(config, self.notes, self.display)
        self._slugs: dict[tuple[str, str], list[tuple[str, int | None]]] | None = None

    def display(self, path: Path) -> str:
        return shown_path(path)

    def run(self, paths: list[Path]) -> CheckReport:
        report = CheckReport()
        documents: list[Path] = []
        note_files: list[Path] = []
        for path in paths:
            if not path.exists() and not path.is_symlink():
                report.problems.append(Problem(self.display(path), "no such file or folder; check the path"))
            elif _is_under(path, self.config.notes_path):
                found = sorted(path.rglob("*.md")) if path.is_dir() else [path]
                note_files.extend(p.absolute() for p in found)  # the store compares them with its own paths
            else:
                found = collect_paths(self.config, [path])
                documents.extend(found)
                if not found:
                    report.problems.append(Problem(self.display(path), "no Markdown (.md) file here; check the path"))
        if not paths:
            documents = collect_paths(self.config, [])
        for path in documents:
            shown = self.display(path)
            report.files.append(shown)
            report.problems.extend(self.check_file(path, shown))
        report.notices = self.language.notices + self.categories.notices
        if not paths or note_files:
            report.notes, problems = self.notes.check(note_files or None)
            report.problems.extend(problems)
        if not paths:  # the whole blog: a note in the wrong week folder is missing from some draft
            report.problems.extend(self._misfiled_notes(report))
        report.problems = list(dict.fromkeys(report.problems))  # a note's problem may reach us by two roads
        return report

    def _misfiled_notes(self, report: CheckReport) -> list[Problem]:
        """Notes whose date names another week than their folder (a draft of that week, or the loading of
        the folder they are in, may have reported some already: `run` keeps each problem once)."""
        return misfiled_problems(self.notes, misfiled_notes(self.notes))

    # ---- one file ----------------------------------------------------------------------------
    def check_file(self, path: Path, shown: str | None = None) -> list[Problem]:
        shown = shown or self.display(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return [Problem(shown, unreadable(path, exc))]
        if not data.strip():
            return [Problem(shown, "file is empty; a post needs front matter (title, slug, type, status, lang) "
                                   "and a body", 1)]
        try:
            text = decode_utf8(data, shown)
        except RecweeklyError as exc:
            return list(exc.problems) or [Problem(shown, exc.message)]
        problems: list[Problem] = []
        post, post_problems = parse_post(text, Path(shown), self.config.languages, declared_keys(self.config))
        problems.extend(post_problems)
        body, first_line = self._body(text, shown)
        is_post = is_post_path(self.config, path)
        if is_post:  # fallback marks carry a TODO: too; the language rules report them on their own
            problems.extend(todo_problems(strip_fallbacks(text), shown, "TODO marker left in a post (finish it; "
                                                                        "TODOs belong in drafts/)"))
            if post is not None:
                problems.extend(self._slug_problems(path, post.lang, post.slug))
        markers = region_problems(text, shown)
        problems.extend(markers)
        if not markers and "<!-- recweekly:begin" in text:
            problems.extend(self._region_freshness(path, shown))
        problems.extend(self._missing_notes(body, first_line, shown))
        problems.extend(self._missing_images(path, body, first_line, shown))
        if post is not None:
            problems.extend(self._missing_page_images(path, post, shown))
        problems.extend(self.language.check(path, text, shown, post, is_post))
        self.categories.check(post)
        seen: set[tuple[str, int | None, str]] = set()
        unique: list[Problem] = []
        for problem in problems:
            key = (str(problem.path), problem.line, problem.message)
            if key not in seen:
                seen.add(key)
                unique.append(problem)
        return sorted(unique, key=lambda p: (str(p.path) != shown, p.line or 0))

    @staticmethod
    def _body(text: str, shown: str) -> tuple[str, int]:
        try:
            fm = parse_front_matter(text, shown)
        except FrontMatterProblem:
            return text, 1
        return fm.body, text[: len(text) - len(fm.body)].count("\n") + 1

    def _region_freshness(self, path: Path, shown: str) -> list[Problem]:
        plan = plan_fill(self.config, path, cache=self.cache, display=shown)
        if plan.problems:
            return plan.problems
        out = [Problem(shown, orphan_message(region.name, plan.period), region.begin_line)
               for region in (plan.placement.orphans if plan.placement else [])]
        if not plan.would_change or plan.result is None:
            return out
        for name in plan.result.changed:
            region = plan.result.region(name)
            out.append(Problem(shown, f"region {name!r} is out of date with the notes; run `recweekly fill {shown}`",
                               region.begin_line if region else None))
        placement = plan.placement
        for seed in placement.inserted if placement else []:
            out.append(Problem(shown, f"paper {seed.mentions} has no section in this post yet (the facts and the "
                                      f"roundup count it); run `recweekly fill {shown}` to add its seeded section "
                                      f"under {seed.heading!r}"))
        for name in placement.removed if placement else []:
            region = plan.result.region(name)
            out.append(Problem(shown, f"section {name!r} is about a paper no longer among the notes of this period; "
                                      f"run `recweekly fill {shown}` to remove it (it was never edited)",
                               region.begin_line if region else None))
        return out

    def _missing_notes(self, body: str, first_line: int, shown: str) -> list[Problem]:
        out: list[Problem] = []
        known: dict[str, bool] = {}
        for ref in arxiv_references(body, first_line):
            if ref.target not in known:
                known[ref.target] = self.notes.find_path(ref.target) is not None
            if not known[ref.target]:
                out.append(Problem(shown, f"names arXiv {ref.target} but there is no note for it; add one with "
                                          f"`recweekly notes add {ref.target}`", ref.line))
        return out

    def _missing_images(self, path: Path, body: str, first_line: int, shown: str) -> list[Problem]:
        out: list[Problem] = []
        for ref in image_references(body, first_line):
            target = urllib.parse.unquote(ref.target.split("#", 1)[0].split("?", 1)[0])
            resolved = resolve_image(target, path, self.config.root).resolved
            if not resolved.is_file():
                out.append(Problem(shown, f"image {ref.target!r} does not exist (looked for "
                                          f"{shown_path(resolved)})", ref.line))
        return out

    def _missing_page_images(self, path: Path, post: Post, shown: str) -> list[Problem]:
        """A repository image named by `icon` or `cover` must exist (publish uploads it)."""
        out: list[Problem] = []
        for key, classify in (("icon", classify_icon), ("cover", classify_cover)):
            value = str(post.meta.get(key) or "")
            if value and classify(value) is MediaKind.FILE:
                target = urllib.parse.unquote(value.split("#", 1)[0].split("?", 1)[0])
                resolved = resolve_image(target, path, self.config.root).resolved
                if not resolved.is_file():
                    out.append(Problem(shown, f"image {value!r} does not exist (looked for {shown_path(resolved)})",
                                       post.line_of(key), key))
        return out

    def _slug_problems(self, path: Path, lang: str, slug: str) -> list[Problem]:
        slugs = self._post_slugs()
        owners = slugs.get((lang, slug), [])
        me = self.display(path)
        others = [(name, line) for name, line in owners if name != me]
        if not others:
            return []
        mine = next((line for name, line in owners if name == me), None)
        names = ", ".join(f"{name}:{line}" if line else name for name, line in others)
        return [Problem(me, f"slug {slug!r} is also used by {names} ({lang}); slugs must be unique per language",
                        mine, "slug")]

    def _post_slugs(self) -> dict[tuple[str, str], list[tuple[str, int | None]]]:
        if self._slugs is None:
            slugs: dict[tuple[str, str], list[tuple[str, int | None]]] = defaultdict(list)
            root = self.config.posts_path
            for file in sorted(root.rglob("*.md")) if root.is_dir() else []:
                try:
                    text = decode_utf8(file.read_bytes(), file)
                except (RecweeklyError, OSError):
                    continue
                post, _ = parse_post(text, file, self.config.languages, declared_keys(self.config))
                if post is not None:
                    slugs[(post.lang, post.slug)].append((self.display(file), post.line_of("slug")))
            self._slugs = dict(slugs)
        return self._slugs


def check_paths(config: Config, paths: list[Path]) -> CheckReport:
    """Check notes, drafts and posts (or the given paths). Outside a blog there is nothing to vouch
    for: a CI job run in the wrong folder must fail, not print "0 file(s) OK"."""
    if config.source is None:
        raise ConfigError(
            "no recweekly config found: not inside a blog",
            [Problem(config.root, "no recweekly.toml or pyproject.toml with [tool.recweekly] here or in any "
                                  "parent folder; run check inside the blog, pass --config PATH, or create one "
                                  "with `recweekly init`")],
        )
    return Checker(config).run(paths)
