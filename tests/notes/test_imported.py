"""What importers wrote into a note's body, and what a person did (`recweekly/notes/imported.py`)."""

from __future__ import annotations

from recweekly.notes.imported import abstract_section, digest_paragraph, own_notes


def test_the_abstract_and_digest_paragraphs_are_not_the_persons_notes() -> None:
    body = "\n\n".join([
        "My take first.",
        digest_paragraph("Motivation", "动机。"),
        digest_paragraph("Result", "订单量提升1.8%。"),
        "## Why it matters\n\nMine too.",
        abstract_section("We propose X.\nIt works."),
        "### Details of the abstract section\n\nstill the abstract's",
        "## After\n\n```\n## Abstract\n\ncode is kept whole\n```",
    ])
    assert own_notes(body) == ("My take first.\n\n## Why it matters\n\nMine too.\n\n## After\n\n"
                               "```\n## Abstract\n\ncode is kept whole\n```")


def test_a_body_of_imported_material_only_leaves_nothing() -> None:
    body = digest_paragraph("Method", "方法。") + "\n\n" + abstract_section("An abstract.")
    assert own_notes(body) == ""
    assert own_notes("") == ""
