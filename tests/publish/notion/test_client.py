"""The Notion client against the fake server: pagination, pacing, retries, typed errors, secrecy."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from recweekly.cli import exit_code_for
from recweekly.publish.notion.client import NotionClient, after_block
from recweekly.publish.notion.errors import (
    MissingTokenError,
    NotionAuthError,
    NotionConnectionError,
    NotionError,
    NotionNotFound,
    NotionRateLimited,
    NotionServerError,
    NotionValidationError,
    WriteOutcomeUnknown,
)
from tests.fakes.notion_server import FakeClock, FakeNotion
from tests.helpers.publishing import WEEK10, Env, configure


def para(text: str) -> dict:
    return {"paragraph": {"rich_text": [{"text": {"content": text}}]}}


def new_page(client: NotionClient, notion: FakeNotion, slug: str = "hello", children: list | None = None) -> dict:
    body = {
        "parent": {"data_source_id": notion.data_source_id},
        "properties": {"title": {"title": [{"text": {"content": slug.title()}}]},
                       "slug": {"rich_text": [{"text": {"content": slug}}]}},
    }
    if children:
        body["children"] = children
    return client.create_page(body)


def texts(blocks: list[dict]) -> list[str]:
    return ["".join(r["plain_text"] for r in b[b["type"]]["rich_text"]) for b in blocks]


# -- configuration ------------------------------------------------------------------------------


def test_from_env_requires_the_token_and_says_how_to_set_it() -> None:
    with pytest.raises(MissingTokenError, match="NOTION_TOKEN is not set"):
        NotionClient.from_env({})
    with pytest.raises(MissingTokenError):
        NotionClient.from_env({"NOTION_TOKEN": "  "})


def test_from_env_reads_token_and_base_url(notion: FakeNotion, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTION_TOKEN", notion.token)
    monkeypatch.setenv("RECWEEKLY_NOTION_API_URL", notion.url)
    client = NotionClient.from_env(rate_per_sec=0)
    assert client.base_url == notion.url
    assert client.data_source_id(notion.database_id) == notion.data_source_id


def test_default_base_url_is_notion() -> None:
    assert NotionClient.from_env({"NOTION_TOKEN": "x"}).base_url == "https://api.notion.com"


def test_sends_the_pinned_notion_version(client: NotionClient, notion: FakeNotion) -> None:
    client.retrieve_data_source(notion.data_source_id)  # the fake answers 400 to any other version
    assert notion.calls[-1].status == 200


# -- reading and writing ------------------------------------------------------------------------


def test_query_and_list_children_follow_every_cursor(client: NotionClient, notion: FakeNotion) -> None:
    for i in range(105):
        new_page(client, notion, f"post-{i}")
    assert len(client.query_data_source(notion.data_source_id)) == 105
    assert [p["id"] for p in client.find_pages_by_property(notion.data_source_id, "slug", "post-7")] != []
    assert len(notion.calls_to("POST", r"/query$")) >= 3

    page = new_page(client, notion, "long", [para(f"p{i}") for i in range(100)])
    client.append_children(page["id"], [para(f"p{i}") for i in range(100, 250)])
    blocks = client.list_children(page["id"])
    assert texts(blocks) == [f"p{i}" for i in range(250)]
    assert len(notion.calls_to("GET", r"/children$")) == 3  # 100 + 100 + 50


def test_append_keeps_order_when_split_and_positioned(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "order", [para("first"), para("last")])
    first = client.list_children(page["id"])[0]
    created = client.append_children(page["id"], [para(f"m{i}") for i in range(230)], after=first["id"])
    assert len(created) == 230
    assert texts(client.list_children(page["id"])) == ["first", *[f"m{i}" for i in range(230)], "last"]
    assert len(notion.calls_to("PATCH", r"/children$")) == 3
    assert client.stats.blocks_created == 232 == notion.blocks_created


def test_append_at_start_and_after_block(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "pos", [para("b")])
    b = client.list_children(page["id"])[0]
    client.append_children(page["id"], [para("a")], {"type": "start"})
    client.append_children(page["id"], [para("c")], after_block(b["id"]))
    assert texts(client.list_children(page["id"])) == ["a", "b", "c"]


def test_update_and_delete_block(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "edit", [para("old"), para("gone")])
    old, gone = client.list_children(page["id"])
    client.update_block(old["id"], para("new"))
    client.delete_block(gone["id"])
    assert texts(client.list_children(page["id"])) == ["new"]


def test_pages_can_be_updated_and_trashed(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "trash-me")
    client.update_page(page["id"], {"properties": {"summary": {"rich_text": [{"text": {"content": "s"}}]}}})
    assert client.retrieve_page(page["id"])["properties"]["summary"]["rich_text"][0]["plain_text"] == "s"
    client.trash_page(page["id"])
    assert client.find_pages_by_property(notion.data_source_id, "slug", "trash-me") == []


def test_upload_file_then_use_it_in_an_image(client: NotionClient, notion: FakeNotion, tmp_path: Path) -> None:
    image = tmp_path / "chart.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    upload_id = client.upload_file(image)
    assert notion.file_uploads[upload_id]["content"] == image.read_bytes()
    page = new_page(client, notion, "img", [{"image": {"type": "file_upload", "file_upload": {"id": upload_id}}}])
    [block] = notion.page_blocks(page["id"])
    assert block["type"] == "image" and block["image"]["type"] == "file"


# -- pacing and retries ---------------------------------------------------------------------------


def test_client_paces_itself_so_notion_never_rate_limits(notion: FakeNotion, clock: FakeClock) -> None:
    notion.set_rate_limit(3.0, burst=3, clock=clock.now)
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now)
    start = clock.now()
    for _ in range(30):
        client.retrieve_data_source(notion.data_source_id)
    assert notion.rate_limited == 0
    assert clock.now() - start >= 9.0  # 30 requests at 3/s after a burst of 3


def test_rate_limit_storm_waits_retry_after_and_succeeds(notion: FakeNotion, clock: FakeClock) -> None:
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, rate_per_sec=0)
    notion.inject("*", r"/pages$", 429, times=3, retry_after=7)
    page = new_page(client, notion, "storm")
    assert clock.sleeps == [7, 7, 7]
    assert len(notion.live_pages()) == 1 and page["id"] in notion.pages
    assert client.stats.rate_limited == 3


def test_a_long_retry_after_is_waited_in_full_and_announced(notion: FakeNotion, clock: FakeClock) -> None:
    announced: list[float] = []
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, rate_per_sec=0,
                          on_wait=announced.append)
    notion.inject("GET", r"/data_sources/", 529, times=1, retry_after=75)  # 529 is treated like 429
    client.retrieve_data_source(notion.data_source_id)
    assert clock.sleeps == [75] and announced == [75]  # not cut to 60 s: asking early earns another 429
    assert len(notion.calls_to("GET", r"/data_sources/")) == 2


def test_a_retry_after_above_the_ceiling_fails_clearly_instead_of_retrying_early(notion: FakeNotion,
                                                                                   clock: FakeClock) -> None:
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, rate_per_sec=0,
                          max_retry_after=120)
    notion.inject("POST", r"/pages$", 429, times=1, retry_after=3600)
    with pytest.raises(NotionRateLimited, match=r"asked to wait 3600s .* the 120s recweekly waits at most") as info:
        new_page(client, notion, "later")
    assert "max_retry_after" in str(info.value) and info.value.status == 429
    assert clock.sleeps == [] and len(notion.calls_to("POST", r"/pages$")) == 1 and notion.live_pages() == []


def test_fake_server_rate_limit_answers_429_with_retry_after(notion: FakeNotion, clock: FakeClock) -> None:
    notion.set_rate_limit(3.0, burst=3, clock=clock.now)
    unpaced = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, rate_per_sec=0)
    for _ in range(5):
        unpaced.retrieve_data_source(notion.data_source_id)
    assert notion.rate_limited >= 1
    assert [c.status for c in notion.calls].count(429) == notion.rate_limited
    assert clock.sleeps and all(s >= 1 for s in clock.sleeps)


def test_rate_limited_forever_gives_up_with_a_typed_error(notion: FakeNotion, clock: FakeClock) -> None:
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, rate_per_sec=0,
                          max_retries=2)
    notion.inject("GET", r"/databases/", 429, times=10)
    with pytest.raises(NotionRateLimited, match="gave up after 3 attempts") as info:
        client.retrieve_database(notion.database_id)
    assert info.value.code == "rate_limited" and info.value.status == 429


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_on_reads_are_retried(client: NotionClient, notion: FakeNotion, clock: FakeClock,
                                            status: int) -> None:
    page = new_page(client, notion, "read", [para("x")])
    notion.inject("GET", r"/children$", status, times=2)
    assert texts(client.list_children(page["id"])) == ["x"]
    assert len(notion.calls_to("GET", r"/children$")) == 3
    assert clock.sleeps[-2:] == [0.5, 1.0]  # exponential backoff


def test_server_errors_on_reads_give_up_after_max_retries(notion: FakeNotion, clock: FakeClock) -> None:
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, max_retries=2)
    notion.inject("GET", r"/pages/", 503, times=5)
    with pytest.raises(NotionServerError, match="gave up after 3 attempts"):
        client.retrieve_page("00000000-0000-4000-8000-000000000000")


def test_503_on_a_write_is_not_repeated(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "w", [para("a")])
    notion.inject("PATCH", r"/children$", 503)
    with pytest.raises(WriteOutcomeUnknown, match="re-read") as info:
        client.append_children(page["id"], [para("b")])
    assert info.value.status == 503 and info.value.method == "PATCH"
    assert len(notion.calls_to("PATCH", r"/children$")) == 1
    assert texts(client.list_children(page["id"])) == ["a"]


def test_write_applied_then_503_is_visible_on_re_read(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "w2", [para("a")])
    notion.inject("PATCH", r"/children$", "apply_then_503")
    with pytest.raises(WriteOutcomeUnknown):
        client.append_children(page["id"], [para("b")])
    assert texts(client.list_children(page["id"])) == ["a", "b"]  # applied: the caller must not append again


def test_delete_retried_after_it_was_applied_counts_as_done(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "d", [para("a"), para("b")])
    a = client.list_children(page["id"])[0]
    notion.inject("DELETE", r"/blocks/", "apply_then_503")
    assert client.delete_block(a["id"])["in_trash"] is True
    assert texts(client.list_children(page["id"])) == ["b"]


def test_dropped_connection_on_read_is_retried(client: NotionClient, notion: FakeNotion) -> None:
    notion.inject("GET", r"/databases/", "drop")
    assert client.data_source_id(notion.database_id) == notion.data_source_id


def test_dropped_connection_on_write_is_outcome_unknown(client: NotionClient, notion: FakeNotion) -> None:
    notion.inject("POST", r"/pages$", "drop")
    with pytest.raises(WriteOutcomeUnknown, match="connection failed"):
        new_page(client, notion, "dropped")
    assert notion.live_pages() == []


def test_connection_refused_everywhere_gives_a_typed_error(clock: FakeClock) -> None:
    server = FakeNotion().start()
    url = server.url
    server.stop()
    client = NotionClient("t", url, sleep=clock.sleep, clock=clock.now, max_retries=1)
    with pytest.raises(NotionConnectionError):
        client.retrieve_database("00000000-0000-4000-8000-000000000000")


def test_timeout_on_read_is_retried_and_on_write_is_unknown(notion: FakeNotion, clock: FakeClock) -> None:
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, timeout=0.2)
    notion.inject("GET", r"/data_sources/", "slow", delay=0.6)
    assert client.retrieve_data_source(notion.data_source_id)["id"] == notion.data_source_id
    notion.inject("POST", r"/pages$", "slow", delay=0.6)
    with pytest.raises(WriteOutcomeUnknown, match=r"no answer within 0\.2s"):
        new_page(client, notion, "slow")


# -- typed errors ---------------------------------------------------------------------------------


def test_validation_error_is_typed_with_code_message_and_request_id(client: NotionClient,
                                                                       notion: FakeNotion) -> None:
    page = new_page(client, notion, "v", [para("a")])
    block = client.list_children(page["id"])[0]
    with pytest.raises(NotionValidationError) as info:
        client.update_block(block["id"], {"heading_1": {"rich_text": []}})
    err = info.value
    assert err.code == "validation_error" and err.status == 400
    assert err.request_id and err.request_id in str(err)
    assert "cannot be changed" in str(err) and f"PATCH /v1/blocks/{block['id']}" in str(err)
    err.add_context(post="posts/w10.md", block=block["id"])
    assert "post posts/w10.md" in str(err)
    assert exit_code_for(err) == 3


def test_schema_violation_by_the_client_is_reported_by_the_fake(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "bad")
    with pytest.raises(NotionValidationError, match="bogus"):
        client.append_children(page["id"], [{"paragraph": {"rich_text": [], "bogus": True}}])
    assert len(notion.violations) == 1
    notion.violations.clear()


def test_not_found_and_bad_token_are_typed(client: NotionClient, notion: FakeNotion) -> None:
    with pytest.raises(NotionNotFound, match="object_not_found"):
        client.retrieve_page("00000000-0000-4000-8000-000000000000")
    with pytest.raises(NotionAuthError, match="unauthorized"):
        NotionClient("wrong-token", notion.url).retrieve_database(notion.database_id)


# -- the token never shows -------------------------------------------------------------------------


def test_token_never_appears_in_errors_logs_or_repr(notion: FakeNotion, clock: FakeClock,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    seen: list[str] = []
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, timeout=0.2,
                          max_retries=1, on_request=lambda info: seen.append(repr(info)))
    caplog.set_level(logging.DEBUG)
    errors: list[NotionError] = []
    notion.inject("*", r".", "drop", times=2)
    notion.inject("POST", r"/pages$", "slow", delay=0.5)
    notion.inject("GET", r"/databases/", 503, times=5)
    for action in (
        lambda: client.retrieve_data_source(notion.data_source_id),
        lambda: new_page(client, notion, "x"),
        lambda: new_page(client, notion, "y"),
        lambda: client.retrieve_database(notion.database_id),
        lambda: client.update_block("00000000-0000-4000-8000-000000000000", para("x")),
    ):
        try:
            action()
        except NotionError as exc:
            errors.append(exc)
    assert len(errors) >= 3
    texts_out = [str(e) for e in errors] + [repr(e) for e in errors] + [repr(client), str(vars(client))]
    texts_out += [r.getMessage() for r in caplog.records] + seen
    assert caplog.records and seen
    for text in texts_out:
        assert notion.token not in text
    assert all(e.__cause__ is None and e.__context__ is None for e in errors)  # no link to requests' objects


def test_write_that_never_reached_the_server_is_retried_then_reported(clock: FakeClock) -> None:
    server = FakeNotion().start()
    url = server.url
    server.stop()
    client = NotionClient("t", url, sleep=clock.sleep, clock=clock.now, max_retries=2)
    with pytest.raises(NotionConnectionError, match="failed 3 times"):
        client.update_page("00000000-0000-4000-8000-000000000000", {"in_trash": True})


def test_429_without_retry_after_backs_off(notion: FakeNotion, clock: FakeClock) -> None:
    client = NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, rate_per_sec=0)
    notion.inject("GET", r"/databases/", 429, times=2, retry_after=None)
    client.retrieve_database(notion.database_id)
    assert clock.sleeps == [0.5, 1.0]


def test_stats_count_reads_writes_and_blocks(client: NotionClient, notion: FakeNotion) -> None:
    page = new_page(client, notion, "stats", [para("a")])
    client.list_children(page["id"])
    client.append_children(page["id"], [{"toggle": {"rich_text": [], "children": [para("b"), para("c")]}}])
    assert (client.stats.reads, client.stats.writes, client.stats.blocks_created) == (1, 2, 4)
    assert client.stats.calls == len(notion.calls) == 3


@pytest.mark.parametrize(("kind", "uploads"), [("apply_then_503", 1), (503, 2)])
def test_upload_send_failure_is_checked_before_uploading_again(client: NotionClient, notion: FakeNotion,
                                                              tmp_path: Path, kind: object, uploads: int) -> None:
    image = tmp_path / "fig.png"
    image.write_bytes(b"png")
    notion.inject("POST", r"/send$", kind)
    upload_id = client.upload_file(image)
    assert notion.file_uploads[upload_id]["status"] == "uploaded"
    assert len(notion.file_uploads) == uploads  # a new upload only when the first did not land


# -- through `publish`: a Retry-After announced, and one above the configured ceiling


def test_a_long_retry_after_is_announced_and_one_above_the_ceiling_stops_the_run(env: Env) -> None:
    env.write_post("w10.en.md", WEEK10, slug="w10")
    env.notion.inject("POST", r"/pages$", 429, times=1, retry_after=75)
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert "waiting 75s before retrying, as Notion asked (Retry-After)" in result.output and 75 in env.sleeps

    configure(env, "max_retry_after = 60")
    env.write_post("w11.en.md", WEEK10, slug="w11")
    env.notion.inject("POST", r"/pages$", 429, times=1, retry_after=75)
    result = env.run("posts/w11.en.md")
    assert result.exit_code == 3
    assert "Notion asked to wait 75s before retrying, longer than the 60s" in result.output
    assert env.page_by_slug("w11") == []
