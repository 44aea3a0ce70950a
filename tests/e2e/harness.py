"""The real app over real HTTP on an ephemeral port, talking to a local fake Slack."""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from waitress.server import create_server

from bot.outbox.pacer import Pacer
from bot.server import wsgi_app
from bot.settings import Settings
from bot.slack_app import create_cascade
from domain.kernel.errors import Unavailable
from domain.kernel.outbox import State
from storage.unit_of_work import UnitOfWorkFactory
from tests.blockkit import valid_message, valid_view
from tests.e2e import signing
from tests.e2e.fake_slack import FakeSlack

SECRET = "e2e-signing-secret"
_triggers = itertools.count(1)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Server:
    """A waitress server on an ephemeral port of 127.0.0.1, in a thread, stopped cleanly."""

    def __init__(self, wsgi: Callable[..., Any], threads: int = 8) -> None:
        self.server = create_server(wsgi, host="127.0.0.1", port=0, threads=threads)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.closing = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            self.server.run()
        except OSError:
            if not self.closing:  # closing the socket from another thread ends run() this way
                raise

    def close(self) -> None:
        """Stop at once: the server's own loop closes it (waking from its one-second wait)."""
        self.closing = True
        try:
            self.server.trigger.pull_trigger(self.server.close)
        except OSError:  # its loop ended already (and closed the trigger): nothing to stop
            self.server.close()
        self.thread.join(timeout=5)


class Harness:
    """Sends signed Slack requests to the running app and reads what it did in the fake."""

    def __init__(
        self,
        slack: FakeSlack,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        pacer: Pacer | None = None,
        **settings: Any,
    ) -> None:
        self.slack, self.uow_factory, self.clock = slack, uow_factory, clock
        settings = Settings(
            slack_bot_token="xoxb-e2e",
            slack_signing_secret=SECRET,
            slack_api_url=slack.api_url,
            http_threads=8,
            **settings,
        )
        self.paced: list[float] = []  # pauses the pacer asked for (nobody sleeps in tests)
        self.cascade = create_cascade(
            settings,
            uow_factory,
            clock=clock,
            pacer=pacer or Pacer(sleep=self.paced.append),
            settle=0,
        )
        if self.cascade.addresses is not None:  # the people named by address, found first
            self.cascade.addresses.join(timeout=30)
        self.app = self.cascade.app
        self.server = Server(wsgi_app(self.app, uow_factory))
        self.url = self.server.url

    def close(self) -> None:
        """Stop taking requests, then let work already acknowledged finish before Slack goes."""
        if not self.server.closing:
            self.server.close()
            self.cascade.close()

    def health(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:
            return json.loads(response.read())

    def send(
        self,
        body: tuple[str, str],
        *,
        secret: str | None = SECRET,
        timestamp: int | None = None,
        retry: int = 0,
    ) -> tuple[int, str]:
        """POST a signed request; ``retry`` > 0 sends it as Slack's n-th retry of the same."""
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        status, _, text = signing.post(
            f"{self.url}/slack/events",
            body[0],
            body[1],
            secret=secret,
            timestamp=timestamp,
            extra_headers=headers if retry else None,
        )
        self.carried_out()
        return status, text

    def carried_out(self, timeout: float = 5.0) -> None:
        """Wait until every request acknowledged so far has been carried out (the inbox
        worker does it right after the ack)."""

        def nothing_waiting() -> bool:
            try:
                with self.uow_factory(read_only=True) as uow:
                    return uow.inbox.count() == 0
            except Unavailable:  # nothing was stored, then
                return True

        eventually(nothing_waiting, "the acknowledged requests to be carried out", timeout)

    # --- gestures -------------------------------------------------------------------------
    def command(self, user: str, text: str = "", *, channel: str = "C1") -> tuple[int, str]:
        trigger = f"T.cmd.{next(_triggers)}"
        return self.send(
            signing.command(
                "/nominate",
                text,
                user_id=user,
                trigger_id=trigger,
                channel_id=channel,
                response_url=self.slack.response_url(f"cmd-{user}"),
            )
        )

    def send_command(self, command: str, user: str, text: str = "") -> tuple[int, str]:
        trigger = f"T.cmd.{next(_triggers)}"
        return self.send(
            signing.command(
                command,
                text,
                user_id=user,
                trigger_id=trigger,
                channel_id="C1",
                response_url=self.slack.response_url(f"cmd-{user}"),
            )
        )

    def click(
        self,
        user: str,
        action_id: str,
        value: str,
        *,
        channel: str | None = None,
        view: dict[str, Any] | None = None,
    ) -> tuple[int, str]:
        trigger = f"T.click.{next(_triggers)}"
        return self.send(
            signing.block_action(
                user, action_id, value, trigger_id=trigger, channel_id=channel, view=view
            )
        )

    def submit(
        self, user: str, view: dict[str, Any], values: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """Submit a view the app opened, with ``values`` as Slack's state.values."""
        payload = _submission(user, view, values)
        status, text = self.send(signing.interaction(payload))
        return status, (json.loads(text) if text.strip() else {})

    def open_home(self, user: str) -> dict[str, Any]:
        """Open the Home tab and return what was published to it once the outbox is sent."""
        self.drained()  # what earlier changes cause is out of the way first

        def published() -> list[dict[str, Any]]:
            calls = self.slack.calls("views.publish")
            return [c.params["view"] for c in calls if c.params["user_id"] == user]

        before = len(published())
        status, _ = self.send(
            signing.event(
                {"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"},
                event_id=f"Ev{next(_triggers)}",
            )
        )
        assert status == 200
        eventually(lambda: len(published()) > before, f"{user}'s Home tab to be published")
        self.drained()
        return published()[-1]

    @contextmanager
    def quietly(self) -> Iterator[UnitOfWorkFactory]:
        """Set-up straight through the use cases, with nothing said about it to anyone."""
        quiet = UnitOfWorkFactory(self.uow_factory.engine)
        with quiet(read_only=True) as uow:
            known = {m.id for m in uow.outbox.list()}
        yield quiet
        with quiet() as uow:
            uow.outbox.cancel([m.id for m in uow.outbox.list() if m.id not in known], self.clock())
            uow.commit()

    def drained(self, timeout: float = 5.0) -> None:
        """Wait until the outbox holds nothing due that is not sent (or given up on)."""
        self.carried_out()

        def nothing_due() -> bool:
            with self.uow_factory(read_only=True) as uow:
                due = [
                    m
                    for m in uow.outbox.list()
                    if m.state in (State.PENDING, State.CLAIMED) and m.due_at <= self.clock()
                ]
            return not due

        eventually(nothing_due, "the outbox to be sent", timeout)

    # --- reading what the app did -----------------------------------------------------------
    def opened_view(self, index: int = -1) -> dict[str, Any]:
        view = self.slack.calls("views.open")[index].params["view"]
        valid_view(view)  # every modal passes slack_sdk's Block Kit validation
        return {**view, "id": f"V{index % 1000:03d}{next(_triggers)}"}  # Slack's view ids differ

    def message_to(
        self, channel: str, containing: str, method: str = "chat.postMessage"
    ) -> dict[str, Any]:
        """Wait until the app has posted to ``channel`` a message whose text or blocks match."""
        seen = 0
        while True:
            calls = self.slack.wait_for(method, seen + 1)
            for call in calls[seen:]:
                params = call.params
                if params.get("channel") == channel and containing in str(
                    (params.get("text"), params.get("blocks"))
                ):
                    return params
            seen = len(calls)

    def dms_to(self, user: str) -> list[dict[str, Any]]:
        return [
            c.params
            for c in self.slack.calls("chat.postMessage")
            if c.params.get("channel") == user
        ]


def _submission(user: str, view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": signing.TEAM_ID, "domain": "test"},
        "user": {"id": user, "username": user.lower(), "team_id": signing.TEAM_ID},
        "api_app_id": signing.APP_ID,
        "token": signing.VERIFICATION_TOKEN,
        "trigger_id": f"T.submit.{next(_triggers)}",
        "view": {
            **view,
            "id": view.get("id", "V1"),
            "team_id": signing.TEAM_ID,
            "state": {"values": values},
            "hash": "h",
            "app_id": signing.APP_ID,
        },
        "response_urls": [],
    }


# --- Slack state.values shapes for each input type -------------------------------------------
def user_value(block: str, user: str) -> dict[str, Any]:
    return {block: {f"{block}_input": {"type": "users_select", "selected_user": user}}}


def select_value(block: str, value: str | None, kind: str = "static_select") -> dict[str, Any]:
    chosen = {"value": value, "text": {"type": "plain_text", "text": value}} if value else None
    return {block: {f"{block}_input": {"type": kind, "selected_option": chosen}}}


def text_value(block: str, text: str) -> dict[str, Any]:
    return {block: {f"{block}_input": {"type": "plain_text_input", "value": text}}}


def ticks(view: dict[str, Any], *, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    """Tick every single-checkbox block of a view, except those whose key is in ``skip``."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("element", {}).get("type") == "checkboxes":
            key = block["block_id"].split(":", 1)[1]
            chosen = [] if key in skip else [{"value": "yes"}]
            values[block["block_id"]] = {
                f"{block['block_id']}_input": {"type": "checkboxes", "selected_options": chosen}
            }
    return values


def eventually(check: Callable[[], Any], what: str, timeout: float = 5.0) -> Any:
    """Wait for work the app does after acknowledging (Slack sees the ack; we see the result)."""
    deadline = time.monotonic() + timeout
    while (result := check()) is None or result is False:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
    return result


def validate_blocks(blocks: list[dict[str, Any]]) -> None:
    """Every message we send passes slack_sdk's Block Kit validation and the 50-block limit."""
    valid_message(blocks)
