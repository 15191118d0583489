"""A post using every Markdown feature survives the round trip to Notion, block for block."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.publish.blockdiff import RemoteBlock, diff_blocks, file_hash
from tests.helpers.publishing import Env
from tests.helpers.sample_posts import EVERY_FEATURE, PNG


def remote_tree(blocks: list[dict]) -> list[RemoteBlock]:
    return [RemoteBlock.from_api(b, remote_tree(b.get("children", []))) for b in blocks]


def setup_blog(env: Env) -> Path:
    (env.root / "recweekly.toml").write_text(
        'name = "Test Blog"\n[notion]\nsite_url = "https://blog.example.org"\n', encoding="utf-8")
    (env.root / "posts" / "img").mkdir(parents=True)
    (env.root / "posts" / "img" / "chart.png").write_bytes(PNG)
    env.write_post("w09.en.md", "Last week.\n", slug="recsys-weekly-2026-w09")
    return env.write_post("w10.en.md", EVERY_FEATURE, slug="recsys-weekly-2026-w10")


def flat(blocks: list[dict]) -> list[dict]:
    out = []
    for b in blocks:
        out.append(b)
        out += flat(b.get("children", []))
    return out


def test_every_feature_round_trips_and_republish_is_a_no_op(env: Env) -> None:
    setup_blog(env)
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert "raw HTML" in result.output or "html" in result.output.lower()  # the warning is shown
    page = env.page_by_slug("recsys-weekly-2026-w10")[0]
    tree = env.notion.page_blocks(page["id"])

    source = env.root / "posts/w10.en.md"
    body = source.read_text(encoding="utf-8").split("---\n", 2)[2]
    rendered = markdown_to_blocks(body, DocumentContext(
        source_path=source, repo_root=env.root,
        resolve_post_link=lambda href: "https://blog.example.org/article/recsys-weekly-2026-w09"
        if href == "w09.en.md" else None)).blocks
    hashes = {"posts/img/chart.png": file_hash(PNG)}
    assert diff_blocks(page["id"], remote_tree(tree), rendered, hashes) == []

    blocks = flat(tree)
    kinds = {b["type"] for b in blocks}
    assert {"heading_1", "heading_2", "heading_3", "heading_4", "paragraph", "bulleted_list_item", "numbered_list_item",
            "to_do", "quote", "callout", "code", "table", "table_row", "image", "divider", "toggle",
            "equation"} <= kinds
    # the fifth level of the nested list arrived (sent in a follow-up request)
    texts = ["".join(r["plain_text"] for r in b[b["type"]].get("rich_text", [])) for b in blocks]
    assert "fifth level" in texts
    # the long paragraph was split into runs, and nothing was lost
    assert any(t.count("Ranking models keep growing") == 40 for t in texts)
    # links to other posts point at the blog; markers never reach Notion
    hrefs = [r.get("href") for b in blocks for r in b[b["type"]].get("rich_text", [])]
    assert "https://blog.example.org/article/recsys-weekly-2026-w09" in hrefs
    # what react-notion-x would not draw is drawn: every quote has text; names and titles survive
    assert all(b["quote"]["rich_text"] for b in blocks if b["type"] == "quote")
    assert "mailto:editor@example.org" in hrefs and any("AT&T &copy 2026 ©" in t for t in texts)
    captions = ["".join(r["plain_text"] for r in b[b["type"]]["caption"]) for b in blocks if "caption" in b[b["type"]]]
    assert "zig" in captions and "Architecture — Figure 1: the pipeline" in captions
    assert not any("recweekly:begin" in t for t in texts)
    uploads = [b for b in blocks if b["type"] == "image" and b["image"]["type"] == "file"]
    assert len(uploads) == 1 and f"{file_hash(PNG)}_chart.png" in uploads[0]["image"]["file"]["url"]
    assert len(env.notion.file_uploads) == 1

    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == []


def test_changed_image_is_uploaded_again_and_only_its_block_updated(env: Env) -> None:
    setup_blog(env)
    assert env.run("--all").exit_code == 0
    (env.root / "posts" / "img" / "chart.png").write_bytes(PNG + b"changed")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = [(c.method, c.path) for c in env.notion.writes()]
    assert [m for m, _ in writes] == ["POST", "POST", "PATCH"]  # create upload, send it, update block
    assert writes[-1][0] == "PATCH" and writes[-1][1].startswith("/v1/blocks/")
