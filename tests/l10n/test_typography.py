"""The one typography rule for Chinese beside Latin letters and digits, and telling scripts apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recweekly.l10n.typography import script_lang, typeset

CASES = [
    # the real 日报's form
    ("判别式推荐3篇、LLM 2篇和生成式推荐1篇", "判别式推荐 3 篇、LLM 2 篇和生成式推荐 1 篇"),
    ("清华大学 4 篇和Shopee Labs 1 篇", "清华大学 4 篇和 Shopee Labs 1 篇"),
    ("2026年第10周（3月2日至8日）", "2026 年第 10 周（3 月 2 日至 8 日）"),
    ("22%的MFU", "22% 的 MFU"),
    # no ASCII space beside full-width punctuation
    ("当日共 8 篇： 工业界 0 篇 ；精读 0 篇 。", "当日共 8 篇：工业界 0 篇；精读 0 篇。"),
    # full-width punctuation inside Chinese sentences
    ("当日共8篇,全部出自学术界;无工业参与", "当日共 8 篇，全部出自学术界；无工业参与"),
    ("其他 2 篇 (对话推荐评估与轨迹推荐)、生成式推荐", "其他 2 篇（对话推荐评估与轨迹推荐）、生成式推荐"),
    # Markdown and forms the rule must not touch
    ("**2026年第10周** · *精读*和`代码abc`", "**2026 年第 10 周** · *精读*和`代码abc`"),
    ("见[论文](https://arxiv.org/abs/2603.03988)，<!-- recweekly:end 区域a -->", None),
    ("📊 统计: 共 8 篇 · 精读 0 · 🏢 工业界 0 · llm 2", None),
    ("主题: TODO: 用一行写出当天的主题。", None),
    ("- （注）列表项\n1. （注）\n| （注） | 表格 |", None),
    ("SORT (Alibaba, orders +6.35%) and Kuaishou (快手) ranking", None),
    ("```\n代码abc,中文\n```\n", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_rule(text: str, expected: str | None) -> None:
    assert typeset(text) == (text if expected is None else expected)


@given(st.text(alphabet="中文aZ09% ,:;()（）：，。*`[]-|\n", max_size=40))
def test_the_rule_is_idempotent(text: str) -> None:
    """Regenerated regions keep their checksums only if typesetting twice changes nothing."""
    once = typeset(text)
    assert typeset(once) == once


def test_english_text_is_never_touched() -> None:
    text = "Week 10 of 2026 (March 2–8): orders +6.35% , latency -44.67% ; see (2603.03988)."
    assert typeset(text) == text


@pytest.mark.parametrize(("text", "lang"), [
    ("Fits power laws to NDCG", "en"), ("orders +6.35%", "en"), ("把排序 Transformer 当作系统", "zh"),
    ("GMV +1.2%", None), ("CTR/CVR", None), ("SORT", None), ("2603.03988", None), ("", None),
    ("`code` https://example.org/path", None),
])
def test_script_lang(text: str, lang: str | None) -> None:
    assert script_lang(text) == lang
