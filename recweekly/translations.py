"""Translations kept in step: which post translates which, and whether it still matches its source.

Pairing: posts (and drafts) with the same `translation_key` front-matter value are one post in
several languages; without the key, the slug is the key (recweekly gives a weekly the same slug in
every language, and each language has its own Notion database). Per key and language the file in
posts/ is taken, else the one in drafts/.

The translation records what it was made from, in its own front matter, so git stays the only
state:

    translated_from: en              # the language of the source post
    source_sha256: 3f2a9c1b0d4e      # `content_hash` of the source when the translation was synced

`content_hash` covers what a translator translates: the source's title, summary and body (line
endings normalised). Status, date and tags are not content. When the source's hash no longer
matches, the translation is stale; what changed (sections and papers added or removed) is found by
looking for the recorded hash among the source file's versions in git history (`git log --follow`,
so a draft promoted with `git mv` keeps its history).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from recweekly.check.references import paper_ids, visible_lines
from recweekly.config import Config
from recweekly.errors import InputError, Problem, RecweeklyError
from recweekly.fsutil import atomic_write_text, decode_utf8, shown_path
from recweekly.notes.frontmatter_text import parse_front_matter, replace_keys
from recweekly.post import Post, declared_keys, parse_post
from recweekly.publish.versions import PostVersions

State = Literal["up to date", "stale", "missing", "untracked", "no source"]
HASH_LENGTH = 12
HISTORY_LIMIT = 200  # versions of a source file searched for the recorded hash
_SECTION_RE = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of a post."""

    path: Path
    display: str
    post: Post

    @property
    def lang(self) -> str:
        return self.post.lang

    @property
    def key(self) -> str:
        return translation_key(self.post)

    @property
    def translated_from(self) -> str | None:
        value = self.post.meta.get("translated_from")
        return str(value) if value else None

    @property
    def recorded_hash(self) -> str | None:
        value = self.post.meta.get("source_sha256")
        return str(value) if value else None


@dataclass(frozen=True)
class Changes:
    """How a source differs from the version its translation was made from."""

    found: bool  # False: the recorded version is not in git history, so nothing can be compared
    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    papers_added: tuple[str, ...] = ()
    papers_removed: tuple[str, ...] = ()

    def describe(self) -> str:
        if not self.found:
            return "the version it was translated from is not in git history, so what changed cannot be shown"
        parts = []
        for label, items in (("sections added", self.sections_added), ("sections removed", self.sections_removed),
                             ("papers added", self.papers_added), ("papers removed", self.papers_removed)):
            if items:
                parts.append(f"{label}: {', '.join(items)}")
        return "; ".join(parts) or "text changed (no section or paper added or removed)"


@dataclass(frozen=True)
class PairStatus:
    """A source and one of its languages: the translation's state."""

    key: str
    state: State
    target_lang: str
    source: LanguageVersion | None
    translation: LanguageVersion | None
    changes: Changes | None = None

    def detail(self) -> str:
        if self.state == "stale" and self.changes is not None:
            return self.changes.describe()
        if self.state == "missing":
            return f"no {self.target_lang} post"
        if self.state == "untracked":
            return "no translated_from / source_sha256 recorded: run `recweekly translations mark-synced` on it"
        if self.state == "no source" and self.translation is not None:
            return f"translated_from: {self.translation.translated_from}, but there is no such post with this key"
        return ""


def translation_key(post: Post) -> str:
    return str(post.meta.get("translation_key") or post.slug)


def content_hash(post: Post) -> str:
    """What a translation is made from: title, summary and body, line endings normalised."""
    parts = (post.meta.get("title", ""), post.meta.get("summary", ""), post.body)
    text = "\0".join(str(part).replace("\r\n", "\n") for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def load_document(path: Path, config: Config) -> LanguageVersion | None:
    """A post or draft file as a LanguageVersion; None when it is not a valid post (check reports why)."""
    try:
        text = decode_utf8(path.read_bytes(), path)
    except (OSError, RecweeklyError):
        return None
    post, _problems = parse_post(text, path, config.languages, declared_keys(config))
    return LanguageVersion(path, shown_path(path, config.root), post) if post is not None else None


@dataclass
class Library:
    """Every post and draft of the blog, grouped by translation key and language."""

    config: Config
    groups: dict[str, dict[str, LanguageVersion]] = field(default_factory=dict)

    @classmethod
    def load(cls, config: Config) -> Library:
        library = cls(config)
        for folder in (config.posts_path, config.drafts_path):  # posts first: a post wins over its draft
            for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
                document = load_document(path, config)
                if document is not None:
                    library.groups.setdefault(document.key, {}).setdefault(document.lang, document)
        return library

    def source_of(self, document: LanguageVersion) -> LanguageVersion | None:
        lang = document.translated_from
        return self.groups.get(document.key, {}).get(lang) if lang else None

    def status_of(self, document: LanguageVersion) -> PairStatus | None:
        """The state of a document that says it is a translation; None for a source."""
        if not document.translated_from:
            return None
        source = self.source_of(document)
        if source is None:
            return PairStatus(document.key, "no source", document.lang, None, document)
        current = content_hash(source.post)
        if document.recorded_hash == current:
            return PairStatus(document.key, "up to date", document.lang, source, document)
        if not document.recorded_hash:
            return PairStatus(document.key, "untracked", document.lang, source, document)
        changes = changes_since(source, document.recorded_hash, declared_keys(self.config))
        return PairStatus(document.key, "stale", document.lang, source, document, changes)

    def statuses(self) -> list[PairStatus]:
        """Per key, one row per language besides the source's: up to date, stale, missing, untracked.

        The source is the one version that does not say it is a translation; when several don't
        (both written independently), the default language's is taken and the others are untracked.
        """
        rows: list[PairStatus] = []
        order = {lang: i for i, lang in enumerate((self.config.default_lang, *self.config.languages))}
        for key in sorted(self.groups):
            documents = self.groups[key]
            plain = sorted((d for d in documents.values() if not d.translated_from),
                           key=lambda d: order.get(d.lang, len(order)))
            source = plain[0] if plain else None
            for document in documents.values():
                status = self.status_of(document)
                if status is not None:
                    rows.append(status)
                elif document is not source:
                    rows.append(PairStatus(key, "untracked", document.lang, source, document))
            if source is not None:
                rows += [PairStatus(key, "missing", lang, source, None)
                         for lang in self.config.languages if lang not in documents]
        return rows


def sections(body: str) -> list[str]:
    """The level-2 headings of a post body (outside code), in order."""
    return [m.group(1).strip() for _n, line in visible_lines(body) if (m := _SECTION_RE.match(line))]


def _difference(old: Iterable[str], new: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old_list, new_list = list(dict.fromkeys(old)), list(dict.fromkeys(new))
    return tuple(x for x in new_list if x not in old_list), tuple(x for x in old_list if x not in new_list)


def compare(old: Post, new: Post) -> Changes:
    sections_added, sections_removed = _difference(sections(old.body), sections(new.body))
    papers_added, papers_removed = _difference(paper_ids(old.body), paper_ids(new.body))
    return Changes(True, sections_added, sections_removed, papers_added, papers_removed)


def changes_since(source: LanguageVersion, recorded_hash: str, custom_keys: tuple[str, ...] = ()) -> Changes:
    old = version_with_hash(source.path, recorded_hash, custom_keys)
    return compare(old, source.post) if old is not None else Changes(found=False)


def version_with_hash(path: Path, wanted: str, custom_keys: tuple[str, ...] = ()) -> Post | None:
    """The committed version of `path` (following renames) whose content hash is `wanted`."""
    for version in PostVersions(path.resolve().parent).versions(path, HISTORY_LIMIT):
        post, _problems = parse_post(version.text, path, custom_keys=custom_keys)
        if post is not None and content_hash(post) == wanted:
            return post
    return None


@dataclass(frozen=True)
class SyncResult:
    path: Path
    display: str
    source: LanguageVersion
    source_hash: str
    changed: dict[str, str]


def mark_synced(config: Config, path: Path, *, source_lang: str | None = None, write: bool = True) -> SyncResult:
    """Record in `path`'s front matter that it matches its source as the source is now.

    Only the `translated_from` and `source_sha256` lines are written (appended if missing), at the
    text level and atomically; every other byte of the file stays as it is.
    """
    shown = shown_path(path, config.root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    text = decode_utf8(data, shown)
    post, problems = parse_post(text, Path(shown), config.languages, declared_keys(config))
    if post is None:
        raise InputError(f"{shown}: invalid post", problems)
    library = Library.load(config)
    group = library.groups.get(translation_key(post), {})
    lang = source_lang or post.meta.get("translated_from")
    if not lang:
        others = sorted(other for other in group if other != post.lang)
        if len(others) != 1:
            found = ", ".join(others) or "none"
            raise InputError(f"{shown}: cannot tell which language it is translated from (other languages with "
                             f"key {translation_key(post)!r}: {found}); pass --from LANG")
        lang = others[0]
    if lang == post.lang:
        raise InputError(f"{shown}: a post cannot be a translation of its own language ({lang})")
    source = group.get(str(lang))
    if source is None:
        raise InputError(f"{shown}: no {lang} post or draft with translation key {translation_key(post)!r}",
                         [Problem(shown, "add translation_key: <the source's slug> if the slugs differ",
                                  post.line_of("slug"), "slug")])
    digest = content_hash(source.post)
    wanted = {"translated_from": str(lang), "source_sha256": digest}
    changed = {key: value for key, value in wanted.items() if str(post.meta.get(key) or "") != value}
    if changed and write:
        fm = parse_front_matter(text, shown)
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        atomic_write_text(path, bom + replace_keys(text, fm, changed))
    return SyncResult(path, shown, source, digest, changed)
