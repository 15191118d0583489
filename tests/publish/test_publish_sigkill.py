"""The real process killed with SIGKILL in the middle of a publish, then run again.

The other fault tests stop a run from inside (an exception at the Nth write); this one kills the
actual `recweekly publish` process while one of its writes is in flight, so nothing in recweekly gets
to clean up, and the server may still apply that write after the client is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.helpers.publishing import BODY, Env, assert_converged


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
