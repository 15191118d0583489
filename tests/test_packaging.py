"""The wheel works in a blog that is not this repository: build it, install it in a fresh venv in a
temporary folder, and run the whole loop there with the installed `recweekly` command — init, notes
add (fake arXiv), new, fill, check, promote, publish (fake Notion).

The venv gets the wheel with --no-deps and the locked dependencies of the running venv through a
.pth path entry (the same files the lock installed), so the test needs no network and takes seconds.
Path entries added by a .pth do not run that folder's own .pth files, so the editable install of the
checkout is not visible: `recweekly` can only come from the wheel, which the test asserts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from recweekly import __version__
from recweekly.scaffold import install_spec
from tests.fakes.arxiv_html import FakeArxivHtml
from tests.fakes.arxiv_server import FakeArxiv
from tests.fakes.notion_server import FakeNotion
from tests.helpers.paths import REPO

SOURCES = ("pyproject.toml", "README.md", "recweekly")


def build_wheel(tmp: Path) -> Path:
    """Build from a copy of the sources, so the checkout gets no build/ or egg-info."""
    src = tmp / "src"
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            src.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, src / name)
    out = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(src)], check=True, capture_output=True, text=True)
    (wheel,) = out.glob("recweekly-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    home = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "locked_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, text=True)
    return home


def write_summary(note: Path) -> None:
    """What the writer does after `notes add`: the one-line take the draft's roundup shows."""
    text = note.read_text(encoding="utf-8")
    assert "\nsummary:\n  en:\n" in text, text
    note.write_text(text.replace("\nsummary:\n  en:\n", "\nsummary:\n  en: A one-line take.\n"), encoding="utf-8")


@pytest.mark.timeout(240)
def test_the_wheel_runs_the_whole_loop_in_another_blog(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    assert wheel.name == f"recweekly-{__version__}-py3-none-any.whl"
    home = fresh_venv(tmp_path, wheel)
    where = tmp_path / "work"
    where.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOTION_", "RECWEEKLY_", "PYTHON"))}
    env = {**clean, "PATH": f"{home / 'bin'}{os.pathsep}{clean.get('PATH', '')}", "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull}

    def sh(*args: str, cwd: Path, ok: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(list(args), cwd=cwd, env={**env, **extra}, capture_output=True, text=True, timeout=120)
        if ok:
            assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done

    # the command on PATH is the wheel's, importing the wheel's package
    origin = sh(str(home / "bin" / "python"), "-c", "import recweekly; print(recweekly.__file__)", cwd=where)
    assert origin.stdout.startswith(str(home)), origin.stdout
    assert sh("recweekly", "--version", cwd=where).stdout.strip().endswith(__version__)
    # the wheel's declared dependencies are all met by the locked set it runs on
    sh(sys.executable, "-m", "pip", "--python", str(home / "bin" / "python"), "check", cwd=where)

    sh("recweekly", "init", "blog", cwd=where)
    assert ".recweekly-cache/" in (where / "blog" / ".gitignore").read_text(encoding="utf-8")  # shipped in the wheel
    blog = where / "blog"
    workflow = (blog / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert f'RECWEEKLY_PIP: "{install_spec()}"' in workflow and f"@v{__version__}" in workflow
    assert (blog / "templates" / "weekly.md.j2").is_file()  # package data made it into the wheel
    sh("git", "init", "-q", "-b", "main", cwd=blog)

    with FakeArxiv() as arxiv, FakeArxivHtml() as html, FakeNotion() as notion:
        api = {"RECWEEKLY_ARXIV_API_URL": arxiv.url, "RECWEEKLY_ARXIV_HTML_URL": html.url}
        sh("recweekly", "notes", "add", "2603.01234", "--date", "2026-03-03", "--category", "discriminative-rec",
           "--theme", "Ranking", cwd=blog, **api)
        write_summary(blog / "notes/2026/W10/2603.01234.md")
        sh("recweekly", "new", "--week", "2026-W10", "--lang", "en", cwd=blog)
        draft = blog / "drafts" / "2026-W10.en.md"
        text = draft.read_text(encoding="utf-8")
        assert "2603.01234" in text and "TODO:" in text
        assert "](/notes/2026/W10/2603.01234.figure.png)" in text  # the lead figure, from the HTML page
        text = text.replace("'TODO: one-sentence summary of the post'", "'A week of ranking papers.'")
        draft.write_text("\n".join("Written by hand." if line.startswith("TODO:") else line
                                   for line in text.splitlines()) + "\n", encoding="utf-8")

        sh("recweekly", "notes", "add", "2603.04567", "--date", "2026-03-04", "--category", "generative-rec",
           "--theme", "Ranking", "--no-enrich", cwd=blog, **api)  # no page asked for: no 3 s wait
        assert html.requests == ["/html/2603.01234", "/html/2603.01234v2/x1.png"]
        write_summary(blog / "notes/2026/W10/2603.04567.md")
        stale = sh("recweekly", "check", cwd=blog, ok=False)
        assert stale.returncode == 1 and "out of date with the notes" in stale.stderr
        sh("recweekly", "fill", str(draft.relative_to(blog)), cwd=blog)
        filled = draft.read_text(encoding="utf-8")
        assert "Measuring Collision Cost" in filled and "Written by hand." in filled
        checked = sh("recweekly", "check", cwd=blog)
        assert "1 file(s) OK, 2 note(s) OK" in checked.stdout

        sh("git", "add", "-A", cwd=blog)
        sh("git", "commit", "-q", "-m", "draft", cwd=blog)
        sh("recweekly", "promote", "drafts/2026-W10.en.md", cwd=blog)
        assert (blog / "posts" / "2026-W10.en.md").is_file() and not draft.exists()
        sh("git", "commit", "-q", "-m", "RecSys Weekly 2026-W10", cwd=blog)

        secrets = {"NOTION_TOKEN": notion.token, "RECWEEKLY_NOTION_API_URL": notion.url,
                   "NOTION_DATABASE_ID_EN": notion.database_id}
        published = sh("recweekly", "publish", "--changed-since", "HEAD~1", cwd=blog, **secrets)
        assert notion.token not in published.stdout + published.stderr
        pages = notion.live_pages()
        assert len(pages) == 1
        title = "".join(r["plain_text"] for r in pages[0]["properties"]["title"]["title"])
        assert "2026-W10" in title or "Week 10" in title, title
        again = sh("recweekly", "publish", "posts/2026-W10.en.md", cwd=blog, **secrets)
        assert "unchanged" in again.stdout and len(notion.live_pages()) == 1
        assert notion.violations == []
