"""The preview's pages as HTML: the article as NotionNext lays it out, the index dashboard, errors.

Pure layout over values computed elsewhere (`article`, `dashboard`): no file is read here. Every
page has the same frame — the stylesheet and script of `assets`, a `<main>` the live-reload script
swaps when the server says the sources changed, and `data-events` naming the event stream to follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from recweekly.markdown.marks import MarkCount
from recweekly.markdown.renderers.html import Heading, HtmlRendering, esc
from recweekly.post import Post
from recweekly.preview.assets import Assets
from recweekly.preview.regions import RegionStatus
from recweekly.wordcount import WordCount

#: The page's own words, (English, Chinese) side by side; a post in another language gets the English.
LABELS = {
    "words": ("Words", "字数"), "minutes": ("Reading time", "阅读时长"), "min": ("min", "分钟"),
    "warnings": ("Publish warnings", "发布警告"), "contents": ("Contents", "目录"), "Draft": ("Draft", "草稿"),
    "Invisible": ("Invisible", "隐藏"), "todo": ("TODO", "TODO"), "fallback": ("Translation fallbacks", "待翻译"),
    "no_todo": ("No TODO and no translation fallback left", "没有剩余的 TODO 和待翻译内容"),
    "hidden": ("more in HTML comments (not shown)", "处在 HTML 注释中（未显示）"),
    "regions": ("Generated regions", "生成区域"),
    "stale": ("is out of date with the notes: run `recweekly fill {path}`",
              "已落后于笔记：运行 `recweekly fill {path}`"),
    "edited": ("was edited by hand: `recweekly fill` will refuse to refresh it",
               "已被手工修改：`recweekly fill` 不会刷新它"),
    "index": ("Drafts and posts", "草稿与文章"), "none": ("(none)", "（无）"),
}
INDEX_COLUMNS = (("title", "Title", ""), ("lang", "Lang", ""), ("status", "Status", ""), ("date", "Date", ""),
                 ("todos", "TODO", "num"), ("fallbacks", "Fallbacks", "num"), ("words", "Words", "num"),
                 ("regions", "Stale regions", ""), ("warnings", "Publish warnings", "num"))


@dataclass(frozen=True)
class Media:
    """The page icon or cover as the preview shows it: `kind` emoji, image (`text` is its src),
    external (a web address, not fetched) or missing (a repository image that is not there)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Article:
    post: Post
    rendering: HtmlRendering
    words: WordCount
    warnings: list[str]
    marks_in_file: MarkCount  # every mark in the file, comments included (the index's figure)
    regions: RegionStatus | None = None
    icon: Media | None = None
    cover: Media | None = None
    draft: bool = False
    shown_path: str = ""
    title_html: str = ""  # title and summary as shown: escaped, their marks highlighted
    summary_html: str = ""


@dataclass(frozen=True)
class IndexRow:
    href: str
    rel: str
    title: str
    lang: str = ""
    status: str = ""
    date: str = ""
    marks: MarkCount = field(default_factory=MarkCount)
    problem: str = ""  # the front matter is invalid: the page will say why
    summary_url: str = ""  # where the row's rendered figures come from (words, regions, warnings)
    cells: dict[str, str] = field(default_factory=dict)


def _labels(lang: str) -> dict[str, str]:
    column = 1 if lang == "zh" else 0
    return {key: pair[column] for key, pair in LABELS.items()}


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def document(title: str, main: str | Sequence[str], assets: Assets, *, lang: str = "en", events: str = "",
             main_class: str = "") -> str:
    """A complete HTML document around `main` (its text, or its pieces: joined once, with the rest of
    the page, since a post's body is the page's bulk and each copy of it costs); `events` is the
    live-reload stream to follow."""
    html_lang = "zh-CN" if lang == "zh" else esc(lang)
    data = f' data-events="{esc(events)}"' if events else ""
    css_class = f' class="{esc(main_class)}"' if main_class else ""
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(assets.csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{esc(title)}</title>\n{assets.styles}\n</head>\n"
        f"<body{data}>\n<main{css_class}>\n"
    )
    pieces = [main] if isinstance(main, str) else main
    return "".join([head, *pieces, f"</main>\n{assets.scripts}\n</body>\n</html>\n"])


def _media(media: Media | None, css: str) -> str:
    if media is None:
        return ""
    if media.kind == "emoji":
        return f'<span class="{css}">{esc(media.text)}</span>'
    if media.kind == "image":
        return f'<span class="{css}"><img src="{esc(media.text)}" alt=""></span>'
    said = "not loaded in the preview" if media.kind == "external" else "not found"
    return f'<span class="{css} {media.kind}">{css.split("-")[-1]} {said}: {esc(media.text)}</span>'


def _cover(media: Media | None) -> str:
    if media is None:
        return ""
    if media.kind == "image":
        return f'<div class="cover"><img src="{esc(media.text)}" alt=""></div>\n'
    said = "cover image not loaded in the preview" if media.kind == "external" else "cover image not found"
    return f'<div class="cover {media.kind}">{said}: {esc(media.text)}</div>\n'


def _todo_bar(article: Article, labels: dict[str, str]) -> str:
    shown = article.rendering.marks
    parts = []
    for kind in ("todo", "fallback"):
        ids = [ident for k, ident in shown if k == kind]
        if ids:
            links = "".join(f'<a href="#{esc(i)}">{n}</a>' for n, i in enumerate(ids, 1))
            parts.append(f'<span class="{kind}">{labels[kind]} <span class="count">{len(ids)}</span> {links}</span>')
    hidden = article.marks_in_file.total - len(shown)
    if hidden > 0:
        parts.append(f'<span class="hidden">+{hidden} {labels["hidden"]}</span>')
    if not parts:
        parts.append(f'<span class="none">{labels["no_todo"]}</span>')
    return f'<div class="todo-bar">{"".join(parts)}</div>\n'


def _notices(article: Article, labels: dict[str, str]) -> str:
    out = []
    regions = article.regions
    if regions is not None and (regions.stale or regions.edited or regions.problem or regions.remarks):
        stale = esc(labels["stale"].format(path=article.shown_path))
        items = [f"<li>{esc(name)} {stale}</li>" for name in regions.stale]
        items += [f"<li>{esc(name)} {esc(labels['edited'])}</li>" for name in regions.edited]
        items += [f"<li>{esc(text)}</li>" for text in [regions.problem, *regions.remarks] if text]
        out.append(f'<details class="regions" open><summary>{labels["regions"]} ({len(items)})</summary>'
                   f"<ul>{''.join(items)}</ul></details>\n")
    if article.warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in article.warnings)
        out.append(f'<details class="warnings" open><summary>{labels["warnings"]} ({len(article.warnings)})'
                   f"</summary><ul>{items}</ul></details>\n")
    return f'<div class="notices">{"".join(out)}</div>\n' if out else ""


def _toc(headings: Sequence[Heading], labels: dict[str, str]) -> str:
    if not headings:
        return ""
    top = min(h.level for h in headings)
    # an anchor is word characters and "-" only (`HtmlRenderer._anchor`): nothing in it to escape
    links = "".join([f'<a class="l{level - top + 1}" href="#{anchor}">{esc(text)}</a>'
                     for level, text, anchor in headings])
    return f'<nav class="toc"><div class="toc-title">{labels["contents"]}</div>{links}</nav>\n'


def post_page(article: Article, assets: Assets, events: str = "") -> str:
    """The post as NotionNext lays it out: cover, icon and title, property line, then the article."""
    post = article.post
    labels = _labels(post.lang)
    meta = post.meta
    badge = ""
    if article.draft or post.status != "Published":
        status = "Draft" if article.draft or post.status == "Draft" else post.status
        badge = f'<span class="badge {status.lower()}">{esc(labels.get(status, status))}</span>'
    props: list[str] = []
    if post.date is not None:
        props.append(f'<span class="date">{esc(_date(post.date))}</span>')
    if meta.get("category"):
        props.append(f'<span class="category">{esc(meta["category"])}</span>')
    tags = meta.get("tags") or []
    if tags:
        props.append('<span class="tags">' + "".join(f'<span class="tag">{esc(t)}</span>' for t in tags) + "</span>")
    props.append(f'<span class="words">{labels["words"]} {article.words.words}</span>')
    props.append(f'<span class="minutes">{labels["minutes"]} ≈ {article.words.minutes} {labels["min"]}</span>')
    header = ['<header class="article">\n', _media(article.icon, "page-icon"),
              f'<div class="title-row"><h1 class="title">{article.title_html or esc(post.title)}</h1>{badge}</div>\n',
              f'<div class="props">{"".join(props)}</div>\n']
    if meta.get("summary"):
        header.append(f'<p class="summary">{article.summary_html or esc(meta["summary"])}</p>\n')
    header += [_todo_bar(article, labels), "</header>\n"]
    main = [_cover(article.cover), '<div class="layout">\n<div class="column">\n', *header, _notices(article, labels),
            "<article>\n", article.rendering.body, "</article>\n</div>\n", _toc(article.rendering.headings, labels),
            "</div>\n"]
    return document(post.title, main, assets, lang=post.lang, events=events, main_class="post")


def index_page(name: str, rows: Sequence[IndexRow], assets: Assets, events: str = "") -> str:
    """The server's front page: every draft and post with what is left to do on it."""
    labels = _labels("en")
    head = "".join(f'<th class="{css}">{title}</th>' for _, title, css in INDEX_COLUMNS)
    body = []
    for row in rows:
        summary = f' data-summary="{esc(row.summary_url)}"' if row.summary_url else ""
        cells = {
            "title": (f'<a href="{esc(row.href)}">{esc(row.title or row.rel)}</a>'
                      f'<span class="path">{esc(row.rel)}</span>'),
            "lang": esc(row.lang), "status": esc(row.status), "date": esc(row.date),
            "todos": str(row.marks.todos), "fallbacks": str(row.marks.fallbacks),
        }
        alerts = {key for key in ("todos", "fallbacks") if getattr(row.marks, key)}
        cells.update({key: esc(value) for key, value in row.cells.items()})
        tds = []
        for key, _, css in INDEX_COLUMNS:
            classes = " ".join(c for c in (key, css, "pending" if key not in cells else "",
                                           "alert" if key in alerts else "") if c)
            tds.append(f'<td class="{classes}">{cells.get(key, "…")}</td>')
        body.append(f"<tr{summary}>{''.join(tds)}</tr>")
    table = (f'<table class="dashboard"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>\n'
             if rows else f"<p>{labels['none']}</p>\n")
    main = f'<h1 class="title">{esc(name)}</h1>\n<p class="summary">{labels["index"]}</p>\n{table}'
    return document(name, main, assets, events=events, main_class="index")


def error_page(title: str, message: str, assets: Assets, events: str = "") -> str:
    main = f'<h1 class="title">{esc(title)}</h1>\n<pre class="error">{esc(message)}</pre>\n'
    return document(title, main, assets, events=events, main_class="error")
