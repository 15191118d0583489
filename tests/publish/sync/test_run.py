"""recweekly/publish/sync/run.py: faults on the wire and crashes mid-run (from inside, and the real
process killed with SIGKILL): every run ends with one page per slug, with the right content."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers.publishing import BODY, SMALL, Env, assert_converged, publish_killed_after


@pytest.mark.parametrize("after_writes", [1, 2, 3, 4])
def test_killed_mid_publish_then_rerun_converges(env: Env, after_writes: int) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    publish_killed_after(env, after_writes)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env)
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0 and env.notion.writes() == []


@pytest.mark.parametrize("method,path", [
    ("POST", r"^/v1/pages$"),  # the create was applied, the answer lost
    ("PATCH", r"/children$"),  # an append was applied, the answer lost
])
def test_write_applied_but_answered_503_converges_in_the_same_run(env: Env, method: str, path: str) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject(method, path, "apply_then_503")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert "converged after 1 retry" in result.output  # re-read, then finished: no duplicate
    assert_converged(env, body=SMALL)


def test_update_applied_but_answered_503(env: Env) -> None:
    path = env.write_post("w10.en.md", SMALL, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    body = SMALL.replace("Paragraph number 7.", "Paragraph seven, edited.")
    path.write_text(path.read_text(encoding="utf-8").replace("Paragraph number 7.", "Paragraph seven, edited."),
                    encoding="utf-8")
    env.notion.inject("PATCH", r"^/v1/blocks/[^/]+$", "apply_then_503")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env, body=body)


def test_connection_dropped_on_a_write_and_on_a_read(env: Env) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject("PATCH", r"/children$", "drop")
    env.notion.inject("GET", r"/children$", "drop")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env, body=SMALL)


def test_429_storm_waits_retry_after_and_finishes(env: Env) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject("*", r".", 429, times=4, retry_after=2)  # the first request, four times over
    env.notion.inject("PATCH", r"/children$", 429, times=4, retry_after=2)
    env.notion.inject("POST", r"^/v1/pages$", 529, times=3, retry_after=2)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert env.sleeps.count(2.0) >= 11
    assert_converged(env, body=SMALL)


def test_notion_down_exits_3_and_names_the_post(env: Env) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject("POST", r"/query$", 503, times=50)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 3
    assert "posts/w10.en.md" in result.output and "failed" in result.output


# -- The real process killed with SIGKILL in the middle of a publish, then run again.
#
# The other fault tests stop a run from inside (an exception at the Nth write); this one kills the
# actual `recweekly publish` process while one of its writes is in flight, so nothing in recweekly gets
# to clean up, and the server may still apply that write after the client is gone.

def _publish_process(env: Env) -> subprocess.Popen[str]:
    child_env = dict(os.environ)
    child_env.update({
        "NOTION_TOKEN": env.notion.token,
        "RECWEEKLY_NOTION_API_URL": env.notion.url,
        "NOTION_DATABASE_ID_EN": env.notion.database_id,
    })
    return subprocess.Popen(
        [sys.executable, "-m", "recweekly", "publish", "posts/w10.en.md"],
        cwd=env.root, env=child_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_sigkill_during_an_append_then_rerun_converges(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    # the page is created with its first 100 blocks; the next append hangs long enough to be killed in
    injection = env.notion.inject("PATCH", r"/children$", "slow", delay=1.5)
    proc = _publish_process(env)
    deadline = time.monotonic() + 60
    while injection.hits == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert injection.hits == 1, proc.communicate()
    in_flight = next(c for c in reversed(env.notion.calls) if c.method == "PATCH" and c.path.endswith("/children"))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # the server still finishes (and applies) the write the dead client was waiting for
    deadline = time.monotonic() + 30
    while in_flight.status is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert in_flight.status == 200

    assert len(env.page_by_slug("w10")) == 1  # a half-written page exists
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env)
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    assert env.notion.writes() == []
