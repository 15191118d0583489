"""The Chinese daily report (日报): key papers with ⭐ scores, then a table of every paper.

Layout (headings may carry Markdown `#`s):

    2026-06-23 日报
    主题: … / 标签: … / 📊 统计: … / 综述 + paragraph      (the day's post: not copied to notes)
    重点论文
    MODEL · ⭐ 8/10            or   TITLE · ⭐ 6/10
    TITLE                          🎓 学术 · LLM
    🎓 学术 · 判别式推荐           summary…
    summary…
    全部论文
    | 模型 | 标题 | 类别 | 公司 | 摘要分 | 精读分 |

Rows name papers by title only. An arXiv id written anywhere in a row or key-paper block (a link
`[Title](https://arxiv.org/abs/ID)`, `arXiv:ID`) is used; otherwise the importer matches the title
to an existing note. Category cells are matched against the configured categories' labels and
short labels in every language (判别式 → discriminative-rec), so a blog that renames a category
keeps importing its own reports. The day's `主题:` and `标签:` lines belong to the day, not to a paper:
they are kept in the day's record (`recweekly.notes.days`); a per-paper 标签 column or a `标签:` line
inside a key-paper block tags that paper.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import Problem
from recweekly.notes.ids import BadArxivId, normalize_arxiv_id
from recweekly.notes.orgs import recognise_orgs
from recweekly.notes.source import ImportedPaper, ParsedSource, Source, SourceKind, date_from_name
from recweekly.notes.titles import title_key

_HEADING_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})\s*日报")
_DAY_LINE = re.compile(r"^(?P<label>主题|标签|Theme|Tags)\s*[:：]\s*(?P<value>.*)$", re.IGNORECASE)
_KEY_ENTRY = re.compile(r"^(?P<name>.+?)\s*[·•]\s*⭐\s*(?P<score>\d+)\s*/\s*10\s*$")
_ID_IN_TEXT = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*)(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})",
    re.IGNORECASE,
)
_LINK = re.compile(r"^\[(?P<text>.+)\]\((?P<url>[^)\s]+)\)$")
_NONE = {"", "—", "–", "-", "--", "——", "n/a", "无"}
_SEP = re.compile(r"\s*[·,，、;；]\s*")
INDUSTRY, ACADEMIC = "🏢", "🎓"
_AFFILIATION_WORDS = re.compile(r"工业界|工业|学术界|学术|产学研?|混合|industry|academic|mixed", re.IGNORECASE)

# table header -> field; several spellings, since the report is written by hand as well
COLUMNS = {
    "模型": "model", "model": "model",
    "标题": "title", "论文": "title", "title": "title",
    "类别": "category", "分类": "category", "category": "category",
    "公司": "affiliation", "机构": "affiliation", "单位": "affiliation", "affiliation": "affiliation",
    "摘要分": "score", "score": "score",
    "精读分": "deep_read", "deep read": "deep_read", "deep_read": "deep_read",
    "标签": "tags", "tags": "tags",
    "arxiv": "arxiv", "id": "arxiv", "链接": "arxiv",
}


def _section(line: str) -> str:
    return line.strip().lstrip("#").strip()


def category_labels(config: Config) -> dict[str, str]:
    """Every label, short label and key of every category, casefolded -> category key."""
    labels: dict[str, str] = {}
    for category in config.categories.values():
        for text in (category.key, *category.label.values(), *category.short.values()):
            labels.setdefault(text.strip().casefold(), category.key)
    return labels


class DailyReportSource(Source, kind=SourceKind.DAILY_REPORT, name="a daily report",
                        clue="no 'YYYY-MM-DD 日报' heading, 重点论文 or 全部论文 section"):
    @staticmethod
    def looks_like(text: str) -> bool:
        head = [_section(line) for line in text.splitlines()[:10]]
        if any(_HEADING_DATE.search(line) for line in head):
            return True
        sections = {_section(line) for line in text.splitlines()}
        return "全部论文" in sections or "重点论文" in sections

    def parse(self, text: str, path: Path) -> tuple[ParsedSource, list[Problem]]:
        lines = text.splitlines()
        problems: list[Problem] = []
        date = _report_date(lines, path)
        labels = category_labels(self.config)

        key_start = _find_section(lines, "重点论文")
        table_start = _find_section(lines, "全部论文")
        header_at = _find_table_header(lines, table_start if table_start is not None else 0)
        key_end = min(i for i in (table_start, header_at, len(lines)) if i is not None)
        keys = _key_papers(lines, key_start + 1, key_end, path, labels, problems) if key_start is not None else []
        rows = _table_rows(lines, header_at, path, labels, problems) if header_at is not None else []
        if not keys and not rows:
            problems.append(Problem(path, "no papers found: expected a 重点论文 section with 'NAME · ⭐ 8/10' "
                                    "entries or a 全部论文 table with a 标题 column", 1))
        papers = _join_key_papers(rows, keys, path, problems)
        for paper in papers:
            paper.fields["orgs"] = recognise_orgs(paper.fields.pop("_org_texts", []), self.config)
        theme, tags = _day_lines(lines[: key_end if key_start is None else key_start])
        source = ParsedSource(kind=self.kind, path=path, date=date, papers=papers,
                              day_theme=theme, day_tags=tags)
        return source, problems


def _join_key_papers(rows: list[ImportedPaper], keys: list[ImportedPaper], path: Path,
                      problems: list[Problem]) -> list[ImportedPaper]:
    """Table rows first; a key paper joins its row (by title, else model) or stands alone if it has a title."""
    papers: list[ImportedPaper] = []
    by_title: dict[str, ImportedPaper] = {}
    for row in rows:
        papers.append(row)
        by_title.setdefault(title_key(row.title), row)
    for key in keys:
        row = by_title.get(title_key(key.title)) if key.title else None
        if row is None and key.fields.get("model"):
            row = next((r for r in rows if r.fields.get("model") == key.fields["model"]), None)
        if row is None:
            if key.title:
                papers.append(key)
            else:
                problems.append(Problem(path, "key paper has no title line and no row in the 全部论文 table",
                                        key.line, "title"))
            continue
        _combine(row, key)
    return papers


def _day_lines(head: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """The day's theme and tags, from the report's head (before its first paper)."""
    theme: str | None = None
    tags: tuple[str, ...] = ()
    for line in head:
        match = _DAY_LINE.match(_section(line))
        if not match:
            continue
        value = match.group("value").strip()
        if value.casefold() in _NONE:
            continue
        if match.group("label").casefold() in ("主题", "theme"):
            theme = theme or value
        else:
            tags = tags or _tags(value)
    return theme, tags


def _report_date(lines: list[str], path: Path) -> dt.date | None:
    """The day in the heading (first ten lines), else the one in the file name."""
    for line in lines[:10]:
        match = _HEADING_DATE.search(line)
        if match:
            try:
                return dt.date.fromisoformat(match.group(1))
            except ValueError:
                return None
    return date_from_name(path)


def _find_section(lines: list[str], name: str) -> int | None:
    return next((i for i, line in enumerate(lines) if _section(line) == name), None)


def _find_table_header(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines) - 1):
        if lines[i].lstrip().startswith("|") and re.match(r"^\s*\|[\s:|-]+\|?\s*$", lines[i + 1]):
            cells = [c.casefold() for c in _cells(lines[i])]
            if any(COLUMNS.get(c) == "title" for c in cells):
                return i
    return None


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _is_meta_line(line: str, labels: dict[str, str]) -> bool:
    """'🎓 学术 · 判别式推荐': the affiliation and category line of a key paper."""
    parts = [p for p in _SEP.split(line.strip()) if p]
    if not parts:
        return False
    return parts[0].startswith((INDUSTRY, ACADEMIC)) or parts[-1].casefold() in labels


def _key_papers(lines: list[str], start: int, stop: int, path: Path, labels: dict[str, str],
                problems: list[Problem]) -> list[ImportedPaper]:
    entries = [i for i in range(start, stop) if _KEY_ENTRY.match(_section(lines[i]))]
    out: list[ImportedPaper] = []
    for n, at in enumerate(entries):
        end = entries[n + 1] if n + 1 < len(entries) else stop
        match = _KEY_ENTRY.match(_section(lines[at]))
        assert match is not None
        name = _unemphasise(match.group("name"))
        block = [(i + 1, lines[i].strip()) for i in range(at + 1, end) if lines[i].strip()]
        fields: dict[str, Any] = {"_org_texts": []}
        score = _score(match.group("score"), path, at + 1, "score", problems)
        if score is not None:
            fields["score"] = score
        meta_at = next((k for k, (_, text) in enumerate(block) if _is_meta_line(text, labels)), None)
        title_lines = block[:meta_at] if meta_at is not None else []
        rest = block[meta_at + 1:] if meta_at is not None else block
        if title_lines:
            fields["model"] = _model(name)
            title = _unemphasise(" ".join(text for _, text in title_lines))
        else:
            title = name
        if meta_at is not None:
            line_no, meta = block[meta_at]
            _meta_fields(meta, line_no, path, labels, problems, fields)
        summary_lines = []
        for _, text in rest:
            if re.match(r"^标签\s*[:：]", text):
                fields["tags"] = _tags(text.split(":", 1)[-1].split("：", 1)[-1])
            else:
                summary_lines.append(text)
        summary = "\n".join(summary_lines).strip()
        if summary:
            fields["summary"] = {"zh": summary}
            fields["_org_texts"].append(summary)
        found_id = _find_id("\n".join([lines[at]] + [text for _, text in block]))
        link = _LINK.match(title)
        if link:
            title = link.group("text")
        out.append(ImportedPaper(line=at + 1, arxiv=found_id, title=" ".join(title.split()), fields=fields))
    return out


def _meta_fields(meta: str, line_no: int, path: Path, labels: dict[str, str], problems: list[Problem],
                 fields: dict[str, Any]) -> None:
    parts = [p for p in _SEP.split(meta) if p]
    for part in parts:
        if part.startswith((INDUSTRY, ACADEMIC)):
            affiliation, org_text = _affiliation(part)
            if affiliation:
                fields["affiliation"] = affiliation
            if org_text:
                fields["_org_texts"].append(org_text)
        elif part.casefold() in labels:
            fields["category"] = labels[part.casefold()]
        elif _ID_IN_TEXT.search(part):
            continue  # the id itself: picked up for the whole block
        else:
            problems.append(Problem(path, f"unknown category {part!r}; expected one of the configured labels: "
                                    f"{', '.join(sorted(set(labels)))}", line_no, "category"))


def _table_rows(lines: list[str], header_at: int, path: Path, labels: dict[str, str],
                problems: list[Problem]) -> list[ImportedPaper]:
    header = [COLUMNS.get(c.casefold()) for c in _cells(lines[header_at])]
    rows: list[ImportedPaper] = []
    for i in range(header_at + 2, len(lines)):
        line = lines[i]
        if not line.strip().startswith("|"):
            if line.strip():
                break
            continue
        line_no = i + 1
        cells = _cells(line)
        if len(cells) != len(header):
            problems.append(Problem(path, f"row has {len(cells)} cells but the header has {len(header)}; "
                                    "a '|' inside a title must be written as '\\|'", line_no))
            continue
        values = {name: cell for name, cell in zip(header, cells, strict=True) if name}
        fields: dict[str, Any] = {"_org_texts": []}
        title = values.get("title", "")
        found_id = _find_id(line)
        link = _LINK.match(title)
        if link:
            title = link.group("text")
        title = " ".join(title.split())
        if not title:
            problems.append(Problem(path, "row has an empty 标题 (title)", line_no, "title"))
            continue
        model = _model(values.get("model", ""))
        if model:
            fields["model"] = model
        category = values.get("category", "").strip()
        if category.casefold() not in _NONE:
            if category.casefold() in labels:
                fields["category"] = labels[category.casefold()]
            else:
                problems.append(Problem(path, f"unknown category {category!r}; expected one of the configured "
                                        f"labels: {', '.join(sorted(set(labels)))}", line_no, "category"))
        affiliation, org_text = _affiliation(values.get("affiliation", ""))
        if affiliation:
            fields["affiliation"] = affiliation
        if org_text:
            fields["_org_texts"].append(org_text)
        for name in ("score", "deep_read"):
            value = _score(values.get(name, ""), path, line_no, name, problems)
            if value is not None:
                fields[name] = value
        if values.get("tags", "").strip() and values["tags"].strip().casefold() not in _NONE:
            fields["tags"] = _tags(values["tags"])
        if values.get("arxiv") and not found_id:
            try:
                found_id = normalize_arxiv_id(values["arxiv"])
            except BadArxivId as exc:
                problems.append(Problem(path, str(exc), line_no, "arxiv"))
        rows.append(ImportedPaper(line=line_no, arxiv=found_id, title=title, fields=fields))
    return rows


def _combine(row: ImportedPaper, key: ImportedPaper) -> None:
    """The table row is the record; the key-paper block adds its summary and fills what the row lacks."""
    for name, value in key.fields.items():
        if name == "_org_texts":
            row.fields.setdefault("_org_texts", []).extend(value)
        elif name not in row.fields:
            row.fields[name] = value
    if row.arxiv is None:
        row.arxiv = key.arxiv


def _unemphasise(text: str) -> str:
    """'**SPRINT**', '*Title*' (a Markdown-flavoured report) -> the plain text."""
    text = text.strip()
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark) : -len(mark)].strip()
    return text


def _model(text: str) -> str | None:
    text = text.strip()
    return None if text.casefold() in _NONE else text


def _affiliation(cell: str) -> tuple[str | None, str]:
    """'🏢 工业界' -> industry, '🎓 学术' -> academic, both emoji -> mixed; leftover text may name orgs."""
    industry, academic = INDUSTRY in cell, ACADEMIC in cell
    words = cell.replace(INDUSTRY, " ").replace(ACADEMIC, " ")
    if re.search(r"mixed|混合|产学", words, re.IGNORECASE) or (industry and academic):
        kind: str | None = "mixed"
    elif industry or re.search(r"工业|industry", words, re.IGNORECASE):
        kind = "industry"
    elif academic or re.search(r"学术|academic", words, re.IGNORECASE):
        kind = "academic"
    else:
        kind = None
    return kind, " ".join(_AFFILIATION_WORDS.sub(" ", words).split())


def _score(text: str, path: Path, line_no: int, name: str, problems: list[Problem]) -> int | None:
    text = text.strip().removesuffix("/10").strip()
    if text.casefold() in _NONE:
        return None
    if text.isdigit() and 1 <= int(text) <= 10:
        return int(text)
    column = "摘要分" if name == "score" else "精读分"
    problems.append(Problem(path, f"{column} must be a whole number from 1 to 10 or — (none), got {text!r}",
                            line_no, name))
    return None


def _tags(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in _SEP.split(text) if t.strip())


def _find_id(text: str) -> str | None:
    match = _ID_IN_TEXT.search(text)
    if not match:
        return None
    try:
        return normalize_arxiv_id(match.group("id"))
    except BadArxivId:
        return None
