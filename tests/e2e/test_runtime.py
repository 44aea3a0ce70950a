"""The HTTP server's health check, the Web API retry policy, and the manifest."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import yaml

from bot.server import wsgi_app
from storage.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
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
    assert get(f"{harness.url}/healthz") == (200, '{"status": "ok", "database": "ok"}')
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
        "im:write",
        "users:read",
        "users:read.email",
        "files:write",
    } <= set(manifest["oauth_config"]["scopes"]["bot"])
