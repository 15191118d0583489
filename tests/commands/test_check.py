"""`recweekly check`: each kind of problem is caught with file and line; a clean blog passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from tests.helpers.drafts import draft_text, fake_renderer, write_draft
from tests.helpers.notes import snapshot, write_note


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def clean_blog(blog: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake_renderer(monkeypatch)
    write_note(blog, "2603.03988", "2026-03-03")
    write_draft(blog, "2026-W10.en.md", draft_text(body_extra="SORT (2603.03988) is good.\n"))
    post = draft_text(body_extra="Done.\n", period="2026-W09").replace("status: Draft", "status: Published")
    write_draft(blog, "2026-W09.en.md", post.replace("TODO: write about it.", "Written."), folder="posts")
    return blog


def test_clean_blog_passes(clean_blog: Path) -> None:
    code, out, err = run()
    assert code == 0, err
    assert "2 file(s) OK" in out


def test_front_matter_problems_with_lines(clean_blog: Path) -> None:
    text = draft_text().replace("type: Post", "type: Article").replace("status: Draft", "status: Done") \
        .replace("slug: recsys-weekly-2026-w10", "slug: Bad Slug") + "\n"
    text = text.replace("period: 2026-W10\n", "period: 2026-W10\ndate: 03/09/2026\n")
    write_draft(clean_blog, "bad.md", text)
    code, _, err = run("drafts/bad.md")
    assert code == 1
    assert f"drafts/bad.md:{line_of(text, 'type:')}: type: expected one of Post" in err
    assert f"drafts/bad.md:{line_of(text, 'status:')}: status: expected one of Published" in err
    assert f"drafts/bad.md:{line_of(text, 'slug:')}: slug: 'Bad Slug' is not a valid slug" in err
    assert f"drafts/bad.md:{line_of(text, 'date:')}: date: expected a date" in err


def test_duplicate_slug_in_posts_names_both_files(clean_blog: Path) -> None:
    other = (clean_blog / "posts" / "2026-W09.en.md").read_text(encoding="utf-8")
    write_draft(clean_blog, "copy.md", other, folder="posts")
    code, _, err = run()
    assert code == 1
    slug_line = line_of(other, "slug:")
    message = "slug: slug 'recsys-weekly-2026-w09' is also used by"
    assert f"posts/copy.md:{slug_line}: {message} posts/2026-W09.en.md:{slug_line}" in err
    assert f"posts/2026-W09.en.md:{slug_line}: {message} posts/copy.md" in err
    # Same slug in another language is fine.
    zh = other.replace("lang: en", "lang: zh")
    (clean_blog / "posts" / "copy.md").write_text(zh, encoding="utf-8")
    assert run()[0] == 0


def test_todo_left_in_post_but_allowed_in_draft(clean_blog: Path) -> None:
    text = draft_text().replace("status: Draft", "status: Published")
    write_draft(clean_blog, "2026-W11.en.md", text.replace("2026-W10", "2026-W11").replace("2026-w10", "2026-w11"),
                folder="posts")
    code, _, err = run()
    assert code == 1
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "TODO:" in line]
    for line in lines:
        assert f"posts/2026-W11.en.md:{line}: TODO marker left in a post" in err
    assert "drafts/2026-W10.en.md" not in err


def test_broken_marker_and_stale_and_hand_edited_regions(clean_blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = draft_text().replace("<!-- recweekly:end roundup -->", "<!-- recweekly:end roundup")
    write_draft(clean_blog, "broken.md", broken)
    code, _, err = run("drafts/broken.md")
    assert code == 1
    assert f"drafts/broken.md:{line_of(broken, 'recweekly:end roundup')}: broken region marker" in err

    content = fake_renderer(monkeypatch)[0]
    content["stats"] = "99 papers.\n"
    code, _, err = run("drafts/2026-W10.en.md")
    draft = (clean_blog / "drafts" / "2026-W10.en.md").read_text(encoding="utf-8")
    assert code == 1
    assert (f"drafts/2026-W10.en.md:{line_of(draft, 'begin stats')}: region 'stats' is out of date with the notes; "
            "run `recweekly fill drafts/2026-W10.en.md`") in err

    edited = draft.replace("- Paper A — take", "- Paper A — mine")
    (clean_blog / "drafts" / "2026-W10.en.md").write_text(edited, encoding="utf-8")
    code, _, err = run("drafts/2026-W10.en.md")
    assert f"drafts/2026-W10.en.md:{line_of(edited, 'begin roundup')}: region 'roundup' was edited by hand" in err


def test_broken_notes_are_reported_by_check(clean_blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from recweekly.errors import NoteError, Problem

    def render(*args: object) -> dict[str, str]:
        raise NoteError("1 problem(s)", [Problem("notes/2026/W10/2603.03988.md", "expected a number", 9, "score")])

    monkeypatch.setattr("recweekly.compose.filling.render_generated", render)
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1
    assert "cannot generate regions for 2026-W10 (en)" in err
    assert "notes/2026/W10/2603.03988.md:9: score: expected a number" in err


def test_named_paper_without_note(clean_blog: Path) -> None:
    text = draft_text(body_extra="See (2603.04000) and https://arxiv.org/abs/2603.03988v2 and\n"
                                 "[x](https://arxiv.org/pdf/2603.05000).\n\n```\n(2603.06000) in code\n```\n")
    write_draft(clean_blog, "refs.md", text)
    code, _, err = run("drafts/refs.md")
    assert code == 1
    assert f"drafts/refs.md:{line_of(text, '2603.04000')}: names arXiv 2603.04000 but there is no note" in err
    assert f"drafts/refs.md:{line_of(text, '2603.05000')}: names arXiv 2603.05000" in err
    assert "names arXiv 2603.03988" not in err and "2603.06000" not in err


def test_missing_image(clean_blog: Path) -> None:
    (clean_blog / "drafts" / "img").mkdir()
    (clean_blog / "drafts" / "img" / "ok.png").write_bytes(b"\x89PNG")
    (clean_blog / "static").mkdir()
    (clean_blog / "static" / "root.png").write_bytes(b"\x89PNG")
    text = draft_text(body_extra="![ok](img/ok.png)\n![root](/static/root.png)\n![gone](img/gone.png)\n"
                                 "<img src=\"figs/x.jpg\">\n![web](https://example.com/x.png)\n")
    write_draft(clean_blog, "img.md", text)
    code, _, err = run("drafts/img.md")
    assert code == 1
    assert f"drafts/img.md:{line_of(text, 'gone.png')}: image 'img/gone.png' does not exist" in err
    assert f"drafts/img.md:{line_of(text, 'figs/x.jpg')}: image 'figs/x.jpg' does not exist" in err
    assert "ok.png" not in err and "root.png" not in err and "example.com" not in err


def test_empty_and_non_utf8_files(clean_blog: Path) -> None:
    (clean_blog / "drafts" / "empty.md").write_bytes(b"")
    (clean_blog / "posts" / "latin1.md").write_bytes(b"---\ntitle: x\n---\n\ncaf\xe9\n")
    code, _, err = run()
    assert code == 1
    assert "drafts/empty.md:1: file is empty" in err
    assert "posts/latin1.md:5: byte 0xe9 is not UTF-8" in err
    assert "2 problem(s) in 2 of 4 file(s)" in err


def test_check_writes_nothing(clean_blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = fake_renderer(monkeypatch)[0]
    content["stats"] = "changed\n"
    before = snapshot(clean_blog)
    assert run()[0] == 1
    assert snapshot(clean_blog) == before


def test_a_folder_or_a_broken_link_named_like_a_post(blog: Path) -> None:
    (blog / "posts" / "folder.md").mkdir()
    (blog / "posts" / "gone.md").symlink_to("nowhere.md")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert "posts/folder.md: cannot read (Is a directory)" in result.output
    assert "posts/gone.md: cannot read (broken symbolic link to nowhere.md)" in result.output


def test_notionnext_keys_and_a_blogs_own_keys(clean_blog: Path) -> None:
    extra = ("icon: rocket\ncover: img/missing.png\ncomment: Hide\next: '{\"title\": \"two words\"}'\n"
             "priority: 2\n")
    text = draft_text(extra_front=extra)
    write_draft(clean_blog, "2026-W10.en.md", text)
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1
    assert f"drafts/2026-W10.en.md:{line_of(text, 'icon:')}: icon: expected an emoji" in err
    assert f"drafts/2026-W10.en.md:{line_of(text, 'ext:')}: ext: NotionNext deletes every whitespace" in err
    assert f"drafts/2026-W10.en.md:{line_of(text, 'priority:')}: priority: unknown key" in err
    assert "3 problem(s)" in err  # comment: Hide is a valid NotionNext key

    (clean_blog / "recweekly.toml").write_text('name = "Test Blog"\n[notion]\nproperties = { priority = "Priority" }\n',
                                               encoding="utf-8")
    write_draft(clean_blog, "2026-W10.en.md", text.replace("icon: rocket", "icon: 🚀").replace("two words", "x"))
    code, _, err = run("drafts/2026-W10.en.md")
    assert code == 1 and "priority" not in err and "icon" not in err
    assert f"drafts/2026-W10.en.md:{line_of(text, 'cover:')}: cover: image 'img/missing.png' does not exist" in err
