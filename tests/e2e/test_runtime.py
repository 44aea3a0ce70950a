"""The HTTP server's health check, the Web API retry policy, and the manifest."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import yaml

from bot.server import wsgi_app
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import DATA_KEY
from tests.e2e.harness import Harness, Server
from tests.e2e.test_nominate import nominate

ROOT = Path(__file__).parents[2]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode()


def test_healthz_reports_the_database(harness: Harness) -> None:
    status, body = get(f"{harness.url}/healthz")
    report = json.loads(body)
    assert status == 200 and (report["status"], report["database"]) == ("ok", "ok")
    assert report["outbox"] == "ok" and {"outbox_due", "outbox_oldest_due_seconds"} < set(report)
    assert get(f"{harness.url}/nope")[0] == 404


def test_healthz_is_503_when_the_database_is_unreachable(harness: Harness) -> None:
    unreachable = UnitOfWorkFactory(create_engine_for("postgresql+psycopg://x@127.0.0.1:1/none"))
    server = Server(wsgi_app(harness.app, unreachable))
    try:
        status, body = get(f"{server.url}/healthz")
    finally:
        server.close()
    assert status == 503 and '"database": "unreachable"' in body


def test_rate_limited_and_failing_web_api_calls_are_retried(harness: Harness) -> None:
    harness.slack.fail_next("chat.postMessage", status=429, retry_after=0)
    harness.slack.fail_next("views.open", status=503)
    nominate(harness, "UANN")
    assert "has nominated you" in harness.message_to("UANN", "has nominated you")["text"]
    # Without the retry handlers the DM would be lost and the lead told it could not be sent.
    assert not [m for m in harness.dms_to("ULEADKM") if "could not message" in m["text"]]


def test_manifest_declares_what_the_app_handles() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert {"/nominate", "/log-supervision"} <= commands
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert "app_home_opened" in manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {
        "commands",
        "chat:write",
        "chat:write.public",
        "im:write",
        "users:read",
        "users:read.email",
        "files:write",
    } <= set(manifest["oauth_config"]["scopes"]["bot"])


def test_with_the_database_down_help_works_and_the_rest_says_so_plainly(slack) -> None:
    """PostgreSQL unreachable: help needs no data; anything else says nothing was changed."""
    from tests.e2e.harness import Clock, Harness
    from tests.factories import NOW

    down = UnitOfWorkFactory(create_engine_for("postgresql+psycopg://x@127.0.0.1:1/none"))
    harness = Harness(slack, down, Clock(NOW))
    try:
        status, body = harness.command("ULEADKM", "help")
        assert status == 200 and "/nominate status" in body
        status, body = harness.command("ULEADKM", "status")  # a refusal is the command's reply
        assert status == 200 and "cannot reach its database" in body and "Traceback" not in body
        assert harness.click("UCOORD", "review_waitlist", "1", channel="C1")[0] == 200
        told = harness.slack.wait_for("chat.postEphemeral")[-1].params["text"]
        assert "cannot reach its database" in told and "nothing was changed" in told
    finally:
        harness.close()


def test_starting_with_the_database_down_says_so_in_one_line(tmp_path) -> None:
    import subprocess
    import sys

    env = {
        "PATH": "/usr/bin:/bin",
        "SLACK_BOT_TOKEN": "xoxb-x",
        "SLACK_SIGNING_SECRET": "s",
        "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none",
    }
    done = subprocess.run(
        [sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the database" in lines[0], done.stderr
    assert "Traceback" not in done.stderr and "nobody@" not in done.stderr


def test_a_bad_token_or_an_unreachable_slack_at_start_up_is_one_line(tmp_path, slack) -> None:
    import subprocess
    import sys

    from storage.kernel.migrate import upgrade

    database = f"sqlite:///{tmp_path / 'start.db'}"
    upgrade(create_engine_for(database))
    base = {
        "PATH": "/usr/bin:/bin",
        "SLACK_SIGNING_SECRET": "s",
        "CASCADE_DATA_KEY": DATA_KEY,
        "DATABASE_URL": database,
        "PROGRAMME_CONFIG": "config/programme.example.toml",
    }
    for token, api, expected in (
        ("bad-token", slack.api_url, "Slack refused the bot token"),
        ("xoxb-fine", "http://127.0.0.1:1/api/", "cannot reach Slack"),
    ):
        env = base | {"SLACK_BOT_TOKEN": token, "SLACK_API_URL": api}
        done = subprocess.run(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        lines = [line for line in done.stderr.splitlines() if "Cascade cannot start" in line]
        assert done.returncode == 2 and len(lines) == 1 and expected in lines[0], done.stderr
        assert "Traceback" not in done.stderr
