"""The translation-TODO mark: its exact form, finding it with its line, and what gets marked."""

from __future__ import annotations

from recweekly.l10n.fallback import (
    blocks_in_lang,
    find_fallbacks,
    in_lang,
    join_in_lang,
    mark,
    mark_blocks,
    strip_fallbacks,
)


def test_the_inline_and_block_forms() -> None:
    assert mark("用贝叶斯方法校准。", "zh", "en") == "⟦zh→en TODO: 用贝叶斯方法校准。⟧"
    assert mark_blocks("Collected on Sunday.", "en", "zh") == "⟦en→zh TODO: Collected on Sunday.⟧"
    assert mark_blocks("#### Why\n\nBecause.", "en", "zh") == "⟦en→zh TODO:\n\n#### Why\n\nBecause.\n\n⟧"
    assert mark_blocks("- a\n- b", "en", "zh") == "⟦en→zh TODO:\n\n- a\n- b\n\n⟧"


def test_found_with_their_lines_and_blanked_keeping_lines() -> None:
    text = "intro\n⟦en→zh TODO:\n\n#### Why\n\nBecause.\n\n⟧\n- x — ⟦zh→en TODO: 中文。⟧ and ⟦zh→en TODO: 再一句。⟧\n"
    found = find_fallbacks(text, first_line=10)
    assert [(f.source, f.target, f.line) for f in found] == [("en", "zh", 11), ("zh", "en", 18), ("zh", "en", 18)]
    assert found[0].text == "#### Why\n\nBecause."
    stripped = strip_fallbacks(text)
    assert stripped.count("\n") == text.count("\n") and "TODO" not in stripped and "- x — " in stripped


def test_only_text_in_the_other_language_is_marked() -> None:
    assert in_lang("GMV +1.2%", "zh") == "GMV +1.2%"
    assert in_lang("orders +6.35%", "zh") == "⟦en→zh TODO: orders +6.35%⟧"
    assert in_lang("订单 +6.35%", "en") == "⟦zh→en TODO: 订单 +6.35%⟧"
    assert in_lang("把排序 Transformer 当作系统", "zh") == "把排序 Transformer 当作系统"
    assert in_lang("", "zh") == ""


def test_runs_of_highlights_share_one_mark() -> None:
    assert join_in_lang(["orders +6.35%", "latency -44.67%", "GMV +1%", "时长 +0.4%"], "zh", "、") == (
        "⟦en→zh TODO: orders +6.35%、latency -44.67%⟧、GMV +1%、时长 +0.4%")
    assert join_in_lang(["GMV +1%"], "en", ", ") == "GMV +1%"


def test_a_body_marks_runs_of_blocks_and_leaves_code_and_own_language_alone() -> None:
    body = "#### Why it matters\n\nFirst paper.\n\n```\nx = 1\n```\n\n#### 读后\n\n中文笔记。\n\nBack to English."
    assert blocks_in_lang(body, "zh") == (
        "⟦en→zh TODO:\n\n#### Why it matters\n\nFirst paper.\n\n⟧\n\n```\nx = 1\n```\n\n#### 读后\n\n中文笔记。"
        "\n\n⟦en→zh TODO: Back to English.⟧")
    assert blocks_in_lang(body, "en") == (
        "#### Why it matters\n\nFirst paper.\n\n```\nx = 1\n```\n\n⟦zh→en TODO:\n\n#### 读后\n\n中文笔记。\n\n⟧"
        "\n\nBack to English.")
