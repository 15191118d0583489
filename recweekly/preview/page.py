"""The preview page around a rendered body: title, a NotionNext-like property line, warnings, styles.

Everything the page needs is inline (one small stylesheet, no scripts, no fonts or images from
elsewhere), and a Content-Security-Policy meta tag forbids scripts and remote loads, so an escaping
mistake could still not run code and opening a preview never touches the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from recweekly.markdown.renderers.html import esc
from recweekly.post import Post
from recweekly.wordcount import WordCount

CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"

LABELS = {
    "en": {"words": "Words", "minutes": "Reading time", "min": "min", "warnings": "Publish warnings",
           "index": "Drafts and posts", "drafts": "Drafts", "posts": "Posts", "none": "(none)"},
    "zh": {"words": "字数", "minutes": "阅读时长", "min": "分钟", "warnings": "发布警告",
           "index": "草稿与文章", "drafts": "草稿", "posts": "文章", "none": "（无）"},
}

STYLE = """
:root { --fg:#37352f; --muted:#787774; --line:#e9e9e7; --code:#f7f6f3; --accent:#2e75cc; }
* { box-sizing: border-box; }
body { margin:0; color:var(--fg); background:#fff; line-height:1.7;
  font-family: -apple-system, "Segoe UI", Helvetica, Arial, "PingFang SC", "Noto Sans CJK SC", sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 40px 24px 80px; }
h1.title { font-size: 2.1em; line-height:1.25; margin: 0 0 .4em; }
.props { color: var(--muted); font-size: .9em; display:flex; flex-wrap:wrap; gap: .3em 1.1em;
  border-bottom:1px solid var(--line); padding-bottom:.8em; margin-bottom:1.6em; }
.props .tag { background:#f1f1ef; border-radius:4px; padding:0 .4em; margin-right:.3em; }
.props .status { background:#fdecc8; border-radius:4px; padding:0 .4em; }
.summary { color: var(--muted); font-style: italic; }
.warnings { background:#fbf3db; border:1px solid #f0d38a; border-radius:6px; padding:.4em 1em; margin:0 0 1.5em;
  font-size:.85em; }
.warnings li { font-family: ui-monospace, Menlo, Consolas, monospace; }
h1, h2, h3, h4 { line-height:1.3; margin: 1.6em 0 .5em; }
a { color: var(--fg); text-decoration: underline; text-decoration-color: #aaa; }
a:hover { color: var(--accent); }
.unlinked { border-bottom: 1px dashed #c7c7c5; }
code { background: var(--code); color:#eb5757; border-radius:4px; padding:.1em .35em; font-size:.88em;
  font-family: ui-monospace, Menlo, Consolas, monospace; }
pre.code { background: var(--code); border-radius:6px; padding: 1.6em 1em 1em; overflow-x:auto; position:relative; }
pre.code code { background:none; color:var(--fg); padding:0; white-space:pre; }
pre.code .lang { position:absolute; top:.3em; left:1em; font-size:.72em; color:var(--muted); }
code.raw-html, p.raw-html { color:#9f6b00; background:#fff8e6; white-space:pre-wrap; }
p.raw-html { font-family: ui-monospace, Menlo, Consolas, monospace; font-size:.88em; padding:.4em .6em;
  border-radius:4px; }
p.empty { min-height:1em; }
.math { font-family: "Latin Modern Math", "Cambria Math", serif; background:#f3f0ff; border-radius:3px;
  padding:0 .25em; }
.math-block { font-family: "Latin Modern Math", "Cambria Math", serif; background:#f3f0ff; border-radius:6px;
  padding:.8em 1em; margin:1em 0; text-align:center; white-space:pre-wrap; }
blockquote { border-left:3px solid var(--fg); margin:1em 0; padding:0 0 0 1em; }
.callout { display:flex; gap:.7em; border-radius:6px; padding:.8em 1em; margin:1em 0; }
.callout-icon { flex:none; }
.callout-body > :first-child { margin-top:0; } .callout-body > :last-child { margin-bottom:0; }
.callout-note { background:#e7f3f8; } .callout-tip { background:#edf3ec; }
.callout-important { background:#f6f3f9; } .callout-warning { background:#fbf3db; }
.callout-caution { background:#fdebec; }
details { margin: .6em 0; } details > summary { cursor:pointer; font-weight:500; }
details > :not(summary) { margin-left: 1.4em; }
table { border-collapse:collapse; margin:1em 0; font-size:.92em; display:block; overflow-x:auto; }
th, td { border:1px solid var(--line); padding:.35em .7em; vertical-align:top; }
th { background:#f7f6f3; text-align:left; }
li.task { list-style:none; margin-left:-1.3em; }
hr { border:none; border-top:1px solid var(--line); margin:2em 0; }
.figure { display:block; margin:1em 0; }
.figure img { max-width:100%; border-radius:4px; }
.figure .caption, pre.code .caption { display:block; color:var(--muted); font-size:.85em; }
.external-image, .missing-image { border:1px dashed #c7c7c5; border-radius:6px; padding:.8em 1em;
  color:var(--muted); }
.missing-image { border-color:#e16f64; color:#c4554d; }
.footnotes { font-size:.92em; } .footnote { margin:.4em 0; } .footnote > p { display:inline; }
.fnlabel { color: var(--muted); }
sup.fnref a { text-decoration:none; color:var(--accent); }
ul.files { padding-left:1.2em; } ul.files .meta { color:var(--muted); font-size:.85em; margin-left:.6em; }
"""


def _labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def document(title: str, body: str, lang: str = "en") -> str:
    """A complete, self-contained HTML document."""
    html_lang = "zh-CN" if lang == "zh" else esc(lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def post_page(post: Post, body_html: str, count: WordCount, warnings: Sequence[str]) -> str:
    """The post as NotionNext lays it out: title, property line, then the article."""
    labels = _labels(post.lang)
    meta = post.meta
    props: list[str] = []
    if post.status != "Published":
        props.append(f'<span class="status">{esc(post.status)}</span>')
    if post.date is not None:
        props.append(f'<span class="date">{esc(_date(post.date))}</span>')
    if meta.get("category"):
        props.append(f'<span class="category">{esc(meta["category"])}</span>')
    tags = meta.get("tags") or []
    if tags:
        props.append('<span class="tags">' + "".join(f'<span class="tag">{esc(t)}</span>' for t in tags) + "</span>")
    props.append(f'<span class="words">{labels["words"]} {count.words}</span>')
    props.append(f'<span class="minutes">{labels["minutes"]} ≈ {count.minutes} {labels["min"]}</span>')
    parts = [f'<h1 class="title">{esc(post.title)}</h1>\n', f'<div class="props">{"".join(props)}</div>\n']
    if meta.get("summary"):
        parts.append(f'<p class="summary">{esc(meta["summary"])}</p>\n')
    if warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
        parts.append(f'<details class="warnings" open><summary>{labels["warnings"]} ({len(warnings)})</summary>'
                     f"<ul>{items}</ul></details>\n")
    parts.append(f'<article>\n{body_html}</article>\n')
    return document(post.title, "".join(parts), post.lang)


def index_page(name: str, drafts: Sequence[tuple[str, str]], posts: Sequence[tuple[str, str]]) -> str:
    """The server's front page: (href, label) pairs of drafts and posts."""
    labels = _labels("en")

    def listing(heading: str, items: Sequence[tuple[str, str]]) -> str:
        rows = "".join(f'<li><a href="{esc(href)}">{esc(label)}</a></li>' for href, label in items)
        return f"<h2>{heading}</h2>\n<ul class=\"files\">{rows or '<li>' + labels['none'] + '</li>'}</ul>\n"

    body = (f'<h1 class="title">{esc(name)}</h1>\n<p class="summary">{labels["index"]}</p>\n'
            + listing(labels["drafts"], drafts) + listing(labels["posts"], posts))
    return document(name, body)


def error_page(title: str, message: str) -> str:
    body = f'<h1 class="title">{esc(title)}</h1>\n<pre class="code"><code>{esc(message)}</code></pre>\n'
    return document(title, body)
