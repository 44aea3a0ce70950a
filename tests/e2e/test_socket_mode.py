"""Socket Mode, the default for a small install: the real app, Bolt's Socket Mode client, and a
local stand-in for Slack's WebSocket endpoint that sends envelopes and reads the acks."""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

from bot.outbox.pacer import Pacer
from bot.server import socket_mode
from bot.settings import Settings
from bot.slack_app import create_cascade
from domain.nominations.nomination import Status
from handlers.programme_admin.configuration import sync_configuration
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import sqlite_copy
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Clock, eventually
from tests.factories import NOW, full_configuration
from tests.unit.test_nomination_handlers import pending


class SlackSocket:
    """Slack's side of the WebSocket: says hello, sends envelopes, collects the acks."""

    def __init__(self) -> None:
        self.acks: queue.Queue[dict[str, Any]] = queue.Queue()
        self._outgoing: queue.Queue[dict[str, Any]] = queue.Queue()
        self.server = serve(self._session, "127.0.0.1", 0)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _session(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        sender = threading.Thread(target=self._send_all, args=(connection,), daemon=True)
        sender.start()
        with contextlib.suppress(ConnectionClosed):  # the app closing its end is the end
            for raw in connection:
                self.acks.put(json.loads(raw))

    def _send_all(self, connection: ServerConnection) -> None:
        while (envelope := self._outgoing.get()) is not None:
            connection.send(json.dumps(envelope))

    def deliver(self, kind: str, payload: dict[str, Any], envelope_id: str) -> dict[str, Any]:
        """Send one envelope and wait for the app's ack of it."""
        self._outgoing.put(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "accepts_response_payload": True,
                "payload": payload,
            }
        )
        while True:
            ack = self.acks.get(timeout=10)
            if ack.get("envelope_id") == envelope_id:
                return ack

    def close(self) -> None:
        self._outgoing.put(None)
        self.server.shutdown()


@pytest.fixture
def socket_app(
    slack: FakeSlack, migrated_sqlite: Path, tmp_path: Path
) -> Iterator[tuple[SlackSocket, UnitOfWorkFactory]]:
    engine = sqlite_copy(migrated_sqlite, tmp_path / "socket.db")
    factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(ics_count=8, coordinators=["UCOORD"]), factory(), NOW)
    stand_in = SlackSocket()
    slack.socket_url = stand_in.url
    settings = Settings(
        slack_bot_token="xoxb-socket",
        slack_signing_secret="unused-in-socket-mode",
        slack_app_token="xapp-socket",
        slack_api_url=slack.api_url,
    )
    cascade = create_cascade(settings, factory, clock=Clock(NOW), pacer=Pacer(sleep=lambda s: None))
    handler = socket_mode(cascade.app, settings.slack_app_token.get_secret_value())
    handler.connect()
    yield stand_in, factory
    handler.close()
    cascade.close()
    stand_in.close()
    engine.dispose()


def command(text: str, user: str = "ULEADKM") -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": "T0TEAM",
        "channel_id": "C1",
        "user_id": user,
        "command": "/nominate",
        "text": text,
        "api_app_id": "A0APP",
        "response_url": "https://hooks.slack.com/commands/x",
        "trigger_id": f"T.socket.{text or 'form'}",
    }


def test_commands_and_buttons_arrive_over_the_socket_and_are_acked(socket_app, slack) -> None:
    stand_in, factory = socket_app
    help_ack = stand_in.deliver("slash_commands", command("help"), "e-help")
    assert "/nominate status" in help_ack["payload"]["text"]
    stand_in.deliver("slash_commands", command(""), "e-form")
    form = slack.wait_for("views.open")[0].params["view"]
    assert form["callback_id"] == "nominate"
    nid = pending(factory(), "UANN")
    click = {
        "type": "block_actions",
        "team": {"id": "T0TEAM"},
        "user": {"id": "UCOORD", "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "T.socket.click",
        "channel": {"id": "CREVIEW"},
        "container": {"type": "message", "channel_id": "CREVIEW", "message_ts": "1.1"},
        "actions": [{"action_id": "review_waitlist", "value": str(nid), "type": "button"}],
    }
    stand_in.deliver("interactive", click, "e-click")

    def waitlisted() -> bool:
        with factory(read_only=True) as uow:
            return uow.nominations.get(nid).status is Status.WAITLISTED

    eventually(waitlisted, "the click to waitlist the nomination")
    eventually(
        lambda: [
            c
            for c in slack.calls("chat.postMessage")
            if c.params["channel"] == "UANN" and "is on the waitlist" in c.params["text"]
        ],
        "the nominee to be told they are on the waitlist",
    )
