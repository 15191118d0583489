"""Online results as a note keeps them (`GAUC +0.29%`, `watch time +0.31%`), read from a digest's Result part.

Only sentences about online results count (在线 / 上线 / 部署 / A/B, online / deployed / production):
offline numbers (Recall@20 on a public data set) are not what the weekly calls "online results".
Within such a sentence every "metric rose/fell by N%" is one highlight, in the forms digests use:
`GAUC增益0.29%`, `订单量提升1.8%`, `延迟降低44.67%`, `GMV +0.61%`, `+2.32% PV_CTR`,
`a 0.31% uplift in user watch time`, `CTR by 2.1%`.

A metric named in Chinese is given its English name from a small glossary (观看时长 → watch time,
订单量 → orders), so the highlight is language-neutral where it can be; a name the glossary lacks
stays as written, and an English draft marks it as untranslated (`recweekly.l10n.fallback`).
"""

from __future__ import annotations

import re

from recweekly.l10n.typography import has_han

ONLINE = re.compile(r"在线|线上|上线|全量|部署|A/?B|AB测试|online|deploy|production|live traffic", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[。；;!！?？])|(?<=\.)\s+")
_CLAUSES = re.compile(r"[，,、：:]|以及|\band\b|和|及")
_NUM = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|个百分点|pp\b)"
_UP = r"提升了?|提高了?|增长了?|增加了?|增益|上涨了?|上升了?|改善了?|gains?|increases?|improvements?|lifts?|uplifts?"
_DOWN = r"下降了?|降低了?|减少了?|缩短了?|reduced|reductions?|decreases?|drops?"
_RAISED = r"(?:rais|improv|increas|boost|lift)(?:e[sd]?|s|ed|ing)"
_CUT = r"(?:reduc|lower|decreas|cut)(?:e[sd]?|s|ed|ing|ting)?"
OFFLINE = re.compile(r"离线|offline", re.IGNORECASE)
_FORMS = [
    # 用户观看时间提升0.31%, GAUC增益0.29%, latency reduced by 12%
    re.compile(rf"^(?P<metric>.+?)\s*(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s*(?:了|by|of)?\s*[+＋]?{_NUM}", re.I),
    # GMV +0.61%, GMV: -3%
    re.compile(rf"^(?P<metric>.+?)\s*(?P<sign>[+＋\-−–])\s*{_NUM}"),
    # raised watch time by 0.42%, cutting latency by 12%
    re.compile(rf"^(?:.*?\s)?(?:(?P<up>{_RAISED})|(?P<down>{_CUT}))\s+(?:the\s+|user\s+)*(?P<metric>.+?)\s+by\s+"
               rf"{_NUM}", re.I),
    # +0.61% GMV, a 0.31% uplift in user watch time
    re.compile(rf"^(?:an?\s+)?(?P<sign>[+＋\-−–])?\s*{_NUM}\s*(?:(?P<up>{_UP})|(?P<down>{_DOWN}))?\s*(?:in|on|of)?\s*"
               rf"(?:the\s+|user\s+)*(?P<metric>.+)$", re.I),
]
_LEAD = re.compile(r"^(?:.*?(?:显示|带来|实现|获得|取得|其中|使得?)|.*?\b(?:shows?|showed|demonstrat\w*|reports?|"
                   r"achiev\w*|deliver\w*|yield\w*|with|including)\b)?\s*(?:在线|线上|online)?\s*"
                   r"(?:用户|人均|平均|整体|总|显著|稳定|a|an|the|significant|relative)?\s*", re.I)
_TRAILING_LATIN = re.compile(r"([A-Za-z][\w@/\-]*(?: [A-Za-z][\w@/\-]*)*)\s*$")
_ZH_BREAKS = re.compile(r"中|后|上|的|了|在|实验|测试|显示|带来|使得?|获得|实现|取得|其中")
_ZH_LEAD = re.compile(r"^(?:用户|人均|平均|整体|总体?|显著|稳定|分别)+")
_TRAIL_WORDS = re.compile(r"\s+(?:gain|uplift|increase|improvement|lift)s?$", re.I)
GLOSSARY = {
    "观看时间": "watch time", "观看时长": "watch time", "播放时长": "play time", "使用时长": "usage duration",
    "停留时长": "dwell time", "订单量": "orders", "订单数": "orders", "订单": "orders", "点击率": "CTR",
    "转化率": "CVR", "收入": "revenue", "营收": "revenue", "广告收入": "ad revenue", "成交额": "GMV",
    "交易额": "GMV", "活跃天数": "active days", "日活": "DAU", "留存": "retention", "留存率": "retention",
    "互动率": "engagement rate", "曝光": "impressions", "延迟": "latency", "时延": "latency",
    "吞吐": "throughput", "吞吐量": "throughput", "买家数": "buyers", "播放量": "video views",
    "观看次数": "video views", "购买": "purchases", "点击": "clicks", "完播率": "completion rate",
}


def online_highlights(text: str) -> tuple[str, ...]:
    """Every online result the text states, as `metric +N%`, in order, each once."""
    found: list[str] = []
    for sentence in _SENTENCES.split(text or ""):
        if not ONLINE.search(sentence):
            continue
        for clause in _CLAUSES.split(sentence):
            if OFFLINE.search(clause):
                continue
            highlight = _highlight(clause.strip(" \t。；;.()（）"))
            if highlight and highlight not in found:
                found.append(highlight)
    return tuple(found)


def _highlight(clause: str) -> str | None:
    if not re.search(r"\d\s*(?:%|个百分点|pp\b)", clause):
        return None
    for form in _FORMS:
        match = form.match(clause)
        if not match:
            continue
        metric = _metric(match.group("metric"))
        if not metric:
            continue
        groups = match.groupdict()
        sign = groups.get("sign") or ""
        negative = bool(groups.get("down")) or sign in ("-", "−", "–")
        unit = "%" if match.group("unit") == "%" else " pp"
        return f"{metric} {'-' if negative else '+'}{match.group('num')}{unit}"
    return None


def _metric(raw: str) -> str | None:
    text = " ".join(raw.split())
    if has_han(text):
        latin = _TRAILING_LATIN.search(text)
        # "在京东搜索线上实验 UCVR": the metric is the Latin name at the end; else the words after the last
        # place or time ("美团外卖线上实验中 | 新商户点击率"), without "用户"/"平均" in front
        text = latin.group(1) if latin else _ZH_BREAKS.split(text)[-1]
        text = _ZH_LEAD.sub("", text).strip(" -:：")
    else:
        text = _TRAIL_WORDS.sub("", _LEAD.sub("", text).strip(" -:："))
    if not text or len(text) > 24 or re.search(r"\d%|[。；;]", text):
        return None
    if has_han(text):
        return GLOSSARY.get(text, text)
    return text if len(text.split()) <= 3 else None
