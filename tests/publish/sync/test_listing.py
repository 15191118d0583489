"""One listing per language per run: pages found in memory, with the calls it saves and its limits."""

from __future__ import annotations

from tests.fakes.notion_server import notion_property
from tests.helpers.notion_edits import NotionEditor, text
from tests.helpers.publishing import Env

FP = "recweekly_fingerprint"
BODY = "# Post\n\nOne paragraph.\n"


def write_posts(env: Env, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        env.write_post(f"p{i:04d}.en.md", BODY, slug=f"p{i:04d}", title=f"Post {i}")


def queries(env: Env) -> list:
    return env.notion.calls_to("POST", r"/query$")


def test_a_no_op_run_of_many_posts_costs_the_database_the_schema_and_one_call_per_100_pages(env: Env) -> None:
    env.notion.schema()[FP] = notion_property(FP, "rich_text")
    write_posts(env, 130)
    assert env.run("--all").exit_code == 0
    assert len(env.pages()) == 130
    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == []
    assert [(c.method, c.path.split("/")[2]) for c in env.notion.calls] == [
        ("GET", "databases"), ("GET", "data_sources"), ("POST", "data_sources"), ("POST", "data_sources")]
    first, second = queries(env)
    assert first.body["page_size"] == 100 and "filter" not in first.body
    assert second.body["start_cursor"]  # the second page of the same listing
    assert "130 unchanged" in result.output


def test_the_listing_asks_only_for_the_columns_publish_compares(env: Env) -> None:
    schema = env.notion.schema()
    schema[FP] = notion_property(FP, "rich_text")
    schema["Views"] = notion_property("Views", "number")  # the blog's own column: not publish's business
    write_posts(env, 2)
    assert env.run("--all").exit_code == 0
    env.notion.reset_calls()
    assert env.run("--all").exit_code == 0
    (listing,) = queries(env)
    wanted = {schema[name]["id"] for name in ("title", "slug", "date", "type", "status", "category", "tags",
                                              "summary", "password", "icon", FP)}
    assert set(listing.query["filter_properties"]) == wanted


def test_one_changed_post_in_a_big_blog_is_found_by_its_own_query(env: Env) -> None:
    write_posts(env, 150)  # a listing would cost 2 calls; the one post's slug query costs 1
    env.write_post("p0003.en.md", BODY, slug="p0003")
    assert env.run("posts/p0003.en.md").exit_code == 0
    (query,) = queries(env)
    assert query.body["filter"] == {"property": "slug", "rich_text": {"equals": "p0003"}}


def test_duplicate_pages_found_in_the_listing_are_trashed_oldest_kept(env: Env) -> None:
    write_posts(env, 3)
    assert env.run("--all").exit_code == 0
    (kept,) = env.page_by_slug("p0001")
    env.notion._create_page({"parent": {"data_source_id": env.notion.data_source_id},
                             "properties": {"slug": {"rich_text": [{"text": {"content": "p0001"}}]},
                                            "title": {"title": [{"text": {"content": "stray copy"}}]}}})
    assert len(env.page_by_slug("p0001")) == 2
    env.notion.reset_calls()
    assert env.run("--all").exit_code == 0
    assert [p["id"] for p in env.page_by_slug("p0001")] == [kept["id"]]
    assert len(queries(env)) == 1  # still one listing, no slug query


def test_a_listing_notion_cut_short_falls_back_to_slug_queries_and_makes_no_duplicate(env: Env) -> None:
    write_posts(env, 5)
    assert env.run("--all").exit_code == 0
    env.notion.query_result_limit = 3  # Notion stops a query after 10,000 rows; here after 3
    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert len(env.pages()) == 5 and env.notion.writes() == []
    slug_queries = [c for c in queries(env) if "filter" in (c.body or {})]
    assert len(slug_queries) == 2  # the two slugs the capped listing did not show


def test_the_listing_failing_leaves_each_post_to_its_own_query(env: Env) -> None:
    write_posts(env, 2)
    assert env.run("--all").exit_code == 0
    env.notion.inject("POST", r"/query$", 503, times=6)  # the listing's every attempt
    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == [] and len(env.pages()) == 2


def test_the_listing_brings_each_stamp_so_edits_in_notion_are_caught_with_no_call_of_their_own(env: Env) -> None:
    env.notion.schema()[FP] = notion_property(FP, "rich_text")
    body = "# Post\n\nFirst paragraph.\n\nSecond paragraph.\n"
    for name in ("a", "b", "c"):
        env.write_post(f"{name}.en.md", body, slug=name)
    env.commit("three posts")
    assert env.run("--all").exit_code == 0
    NotionEditor(env.notion, env.page_by_slug("a")[0]["id"]).set_text(
        "Second paragraph.", text("Second, fixed in Notion."))
    for name in ("a", "b"):  # both change in git; only a's page was also edited in Notion
        path = env.root / "posts" / f"{name}.en.md"
        path.write_text(path.read_text(encoding="utf-8").replace("First paragraph.", "First, revised."),
                        encoding="utf-8")
    env.commit("revise a and b")
    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 1 and "posts/a.en.md: edited in Notion" in result.output
    assert "+Second, fixed in Notion." in result.output
    assert len(queries(env)) == 1  # the listing, and no slug query: the stamps came with it
    page_of = {name: env.page_by_slug(name)[0]["id"] for name in ("a", "b", "c")}
    trees = [c.path for c in env.notion.calls_to("GET", r"/children$")]
    assert not any(page_of["c"] in path for path in trees)  # the unchanged post: nothing of its own
    assert not any(page_of["a"] in c.path for c in env.notion.writes())  # the edited page: left alone
    assert any(page_of["b"] in c.path for c in env.notion.writes())  # the lagging page: updated


def test_duplicate_pages_in_notion_are_reduced_to_the_oldest(env: Env) -> None:
    env.write_post("a.en.md", "Hello.\n", slug="dup")
    assert env.run("posts/a.en.md").exit_code == 0
    first = env.page_by_slug("dup")[0]["id"]
    client = env.clients[-1]
    client.create_page({"parent": {"type": "data_source_id", "data_source_id": env.notion.data_source_id},
                        "properties": {"title": {"title": [{"text": {"content": "copy"}}]},
                                       "slug": {"rich_text": [{"text": {"content": "dup"}}]}}})
    assert len(env.page_by_slug("dup")) == 2
    result = env.run("posts/a.en.md")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in env.page_by_slug("dup")] == [first]
