"""Which Notion column each front-matter key goes to, checked against the columns the database has.

Why read the schema first: NotionNext databases are copied from a template and then edited by hand —
a column renamed, `status` turned into a Notion "Status" column, `tags` deleted. Writing blindly
fails on the first bad property after some pages were written, or worse, succeeds and the site
shows something else: NotionNext reads `type`, `status`, `category` and `comment` from Select
columns and takes the first element of the value, so from a Status or Text column it reads the first
*letter* ('P' for 'Published') and the post silently disappears. So `check_schema` compares the
mapping (front-matter key → column name, renamable in config, plus the blog's own columns declared
there) with the schema and reports EVERY problem in one error, with the fix, before any write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from recweekly.errors import Problem
from recweekly.publish.notion.errors import NotionSchemaError

#: NotionNext's columns (front-matter key → the column types NotionNext can read it from).
NOTIONNEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "slug": ("rich_text",),
    "date": ("date",),
    "type": ("select",),
    "status": ("select",),
    "category": ("select",),
    "tags": ("multi_select",),
    "summary": ("rich_text",),
    "icon": ("rich_text",),  # a Font Awesome class, for menu and page links
    "password": ("rich_text",),
    "comment": ("select",),  # `Hide` turns comments off
    "ext": ("rich_text",),  # JSON text
}
PUBLISHED_KEYS = tuple(NOTIONNEXT_COLUMNS)
#: Columns NotionNext's template may lack: kept in step when the database has them, and needed
#: only when a post has a value for them.
OPTIONAL_KEYS = frozenset({"icon", "comment", "ext"})
#: Keys that cannot be switched off: pages are found by slug and need a title.
REQUIRED_KEYS = ("title", "slug")
#: Column types recweekly can write for a blog's own keys ([notion] properties).
CUSTOM_TYPES = ("rich_text", "number", "select", "multi_select", "status", "date", "checkbox", "url", "email",
                "phone_number")
#: How Notion's UI names each column type (what a user looks for when changing it).
TYPE_LABELS = {
    "title": "Title", "rich_text": "Text", "number": "Number", "select": "Select", "multi_select": "Multi-select",
    "status": "Status", "date": "Date", "people": "Person", "files": "Files & media", "checkbox": "Checkbox",
    "url": "URL", "email": "Email", "phone_number": "Phone", "formula": "Formula", "relation": "Relation",
    "rollup": "Rollup", "created_time": "Created time", "created_by": "Created by",
    "last_edited_time": "Last edited time", "last_edited_by": "Last edited by", "unique_id": "ID",
    "button": "Button", "verification": "Verification", "place": "Place",
}
# what NotionNext shows for a Select key stored in a column it reads as text (first letter of a sample)
_FIRST_LETTER = {"status": "Published", "type": "Post", "category": "RecSys Weekly", "comment": "Hide"}


def type_label(kind: str) -> str:
    return TYPE_LABELS.get(kind, kind)


@dataclass(frozen=True)
class Column:
    """Where one front-matter key goes: the Notion column's name, type and existing options."""

    key: str
    name: str
    type: str
    options: tuple[str, ...] = ()
    id: str = ""  # Notion's property id (what a query's filter_properties names)


@dataclass(frozen=True)
class PropertyMap:
    """The checked mapping for one data source; build values only through it."""

    columns: dict[str, Column]
    source: str = "Notion data source"
    skipped: tuple[str, ...] = field(default=())
    fingerprint_property: str = ""  # recweekly's own rich_text column ("" = the data source has none)
    fingerprint_id: str = ""
    missing_fingerprint: str = ""  # the configured column this data source lacks (`publish --setup` adds it)

    def property_ids(self) -> list[str] | None:
        """Ids of every column publish writes or compares, for a listing's filter_properties (None
        when a column came without an id: then the listing carries every column)."""
        ids = [column.id for column in self.columns.values()]
        if self.fingerprint_property:
            ids.append(self.fingerprint_id)
        return ids if all(ids) else None

    @property
    def slug_property(self) -> str:
        return self.columns["slug"].name

    @property
    def slug_filter_kind(self) -> str:
        """The filter kind to find a page by slug (`client.find_pages_by_property(ds, prop, slug, kind)`)."""
        return self.columns["slug"].type


def property_names(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """NotionNext's names with the config's renames and own columns (front-matter key → column; "" = skip)."""
    names = {key: key for key in PUBLISHED_KEYS}
    names.update(overrides or {})
    return names


def check_schema(
    schema: Mapping[str, Any],
    mapping: Mapping[str, str] | None = None,
    *,
    source: str | None = None,
    fingerprint: str = "",
    used: Mapping[str, Sequence[str]] | None = None,
    table: str = "[notion]",
) -> PropertyMap:
    """Check the data source's columns against the mapping; raise one error listing every problem.

    `schema` is a data source object (GET /v1/data_sources/{id}) or its `properties`. `mapping` is
    front-matter key → column name (see `property_names`); a key mapped to "" is not published; a
    key that is not NotionNext's is the blog's own column, written in whatever type it has.
    `used` names, per key, the posts that have a value for it (file:line): a column NotionNext's
    template may lack (OPTIONAL_KEYS) is required only then. `fingerprint` names recweekly's own
    rich_text column (config notion.fingerprint_property), which no front-matter key may also use:
    used when the data source has it, simply absent (`missing_fingerprint`) when it has not.
    `table` names the config's notion table as the blog's file writes it (`Config.table`).
    """
    inner = schema.get("properties")
    # a data source has a `properties` mapping; a bare schema may have a column named "properties",
    # which is a mapping whose `type` is a string
    is_source = isinstance(inner, Mapping) and not isinstance(inner.get("type"), str)
    props: Mapping[str, Any] = inner if is_source else schema  # type: ignore[assignment]
    label = source or (_source_label(schema) if is_source else "Notion data source")
    names = property_names(mapping)
    used = used or {}
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(label, message, field=key))

    columns: dict[str, Column] = {}
    skipped = []
    claimed: dict[str, str] = {}
    for key, name in names.items():
        if not name:
            if key in REQUIRED_KEYS:
                bad(key, f"{key!r} must be published (it cannot be mapped to an empty name)")
            else:
                skipped.append(key)
            continue
        if name in claimed:
            bad(key, f"property {name!r} is already used for {claimed[name]!r}; map each key to its own property")
            continue
        claimed[name] = key
        prop = props.get(name)
        expected = NOTIONNEXT_COLUMNS.get(key, CUSTOM_TYPES)
        if prop is None:
            if key in OPTIONAL_KEYS and not used.get(key):
                skipped.append(key)
                continue
            bad(key, _missing_message(key, name, expected, props, names, used.get(key, ()), table))
            continue
        kind = str(prop.get("type"))
        if kind not in expected:
            bad(key, _mistyped_message(key, name, kind, expected, table))
            continue
        inner = prop.get(kind) if isinstance(prop.get(kind), Mapping) else {}
        options = tuple(str(o.get("name")) for o in inner.get("options", []) if isinstance(o, Mapping))
        columns[key] = Column(key, name, kind, options, str(prop.get("id") or ""))
    fingerprint_id = _check_fingerprint_column(props, fingerprint, claimed, bad, table) if fingerprint else None
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise NotionSchemaError(
            f"the Notion database does not match the posts' front matter ({count}); nothing was written", problems
        )
    if fingerprint_id is None:
        return PropertyMap(columns, label, tuple(skipped), missing_fingerprint=fingerprint)
    return PropertyMap(columns, label, tuple(skipped), fingerprint, fingerprint_id)


def _missing_message(key: str, name: str, expected: tuple[str, ...], props: Mapping[str, Any],
                     names: Mapping[str, str], users: Sequence[str], table: str) -> str:
    wanted = " or ".join(type_label(t) for t in expected)
    if key not in NOTIONNEXT_COLUMNS:
        wanted = "any of " + ", ".join(type_label(t) for t in expected)
    others = [n for n, p in props.items() if isinstance(p, Mapping) and p.get("type") in expected
              and n not in names.values()]
    hint = f" (unmapped {wanted} properties: {', '.join(repr(n) for n in others)})" if others else ""
    shown = ", ".join(list(users)[:3]) + (" …" if len(users) > 3 else "")
    why = f", which {shown} use{'s' if len(users) == 1 else ''}" if users else ""
    return (f"the database has no property {name!r} ({wanted}) for front-matter key {key!r}{why}; add it in "
            f"Notion, or map {key!r} to another property with {_properties(table)}{hint}")


def _properties(table: str) -> str:
    """`[notion]` → `[notion.properties]`: where a key is mapped to a column."""
    return f"{table[:-1]}.properties]"


def _mistyped_message(key: str, name: str, kind: str, expected: tuple[str, ...], table: str) -> str:
    have = type_label(kind)
    fix = f"or map {key!r} to another property with {_properties(table)}"
    if key not in NOTIONNEXT_COLUMNS:
        if kind == "title":
            return f"property {name!r} is the title column; map {key!r} to a column of its own"
        return (f"property {name!r} is a {have} column, which recweekly cannot write; front-matter keys can go to "
                f"{', '.join(type_label(t) for t in CUSTOM_TYPES)} columns; change its type in Notion {fix}")
    want = type_label(expected[0])
    reason = ""
    if expected == ("select",):
        reason = " (NotionNext takes the first item of a Select value"
        if kind in ("status", "rich_text", "title", "url", "email", "phone_number"):
            sample = _FIRST_LETTER[key]
            reason += f"; from a {have} column it reads {sample[0]!r} for {sample!r}"
            reason += ", and the post is silently hidden)" if key in ("status", "type") else ")"
        elif kind == "multi_select":
            reason += "; a Multi-select column can hold several, and only the first would count)"
        else:
            reason += ")"
    elif key in NOTIONNEXT_COLUMNS:
        reason = f" (NotionNext reads {key} from a {want} column)"
    return f"property {name!r} is a {have} column{reason}: change column {name!r} to {want} in Notion, {fix}"


def _check_fingerprint_column(props: Mapping[str, Any], name: str, claimed: Mapping[str, str],
                              bad: Any, table: str) -> str | None:
    """The fingerprint column's id ("" when Notion gave none), or None when the data source lacks it."""
    key = "fingerprint_property"
    if name in claimed:
        bad(key, f"property {name!r} is both notion.fingerprint_property and the column of front-matter key "
                 f"{claimed[name]!r}; the fingerprint needs a column of its own")
        return None
    prop = props.get(name)
    if prop is None:
        return None
    if prop.get("type") != "rich_text":
        bad(key, f"property {name!r} is of type {prop.get('type')}, expected rich_text for the publish "
                 "fingerprint; change its type to Text in Notion, name another property in "
                 f'{table} fingerprint_property, or set it to "" to publish without one')
        return None
    return str(prop.get("id") or "")


def _source_label(schema: Mapping[str, Any]) -> str:
    name = schema.get("name") or "".join(t.get("plain_text", "") for t in schema.get("title") or [])
    ident = schema.get("id")
    if name and ident:
        return f"Notion data source {name!r} ({ident})"
    return f"Notion data source {ident}" if ident else "Notion data source"


def missing_options(pmap: PropertyMap, wanted: Mapping[str, Mapping[str, Any]]) -> list[tuple[Column, str]]:
    """Select and multi-select values in `wanted` (request-form properties) the columns lack as options.

    Notion adds such an option when the page is written, provided the integration may edit the
    database's schema; otherwise the write is refused. A status column's options must exist (the API
    cannot add them): `build_value` reports those as errors.
    """
    out: list[tuple[Column, str]] = []
    for column in pmap.columns.values():
        if column.type not in ("select", "multi_select"):
            continue
        value = wanted.get(column.name, {}).get(column.type)
        names = [value["name"]] if isinstance(value, Mapping) else [v["name"] for v in value or []]
        out += [(column, name) for name in names if name not in column.options]
    return out
