"""Sending one outbox message through the Slack Web API, and saying how it went."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox.pacer import Pacer
from bot.outbox.render import Renderer
from domain.kernel.outbox import Message
from handlers.kernel.dispatch import Delivery

log = logging.getLogger("cascade.outbox")


class SlackSender:
    """Renders a message fresh from the database, paces it per channel, and sends it."""

    def __init__(
        self,
        client: WebClient,
        render: Renderer,
        clock: Callable[[], datetime],
        pacer: Pacer | None = None,
    ) -> None:
        self.client, self.render, self.clock = client, render, clock
        self.pacer = pacer or Pacer()

    def __call__(self, message: Message) -> Delivery:
        try:
            send = self.render(message, self.clock())
        except Exception:  # a message that cannot be written is recorded, not retried forever
            log.exception("message %s (%s) could not be rendered", message.id, message.reason)
            return Delivery(ok=False, error="render_failed")
        if send is None:
            return Delivery(ok=True)
        if send.paced:
            self.pacer.wait(message.recipient)
        try:
            sent = send.send(self.client)
        except SlackApiError as exc:
            return _refused(exc)
        except OSError as exc:  # unreachable or too slow, after the client's own retries
            return Delivery(ok=False, error=type(exc).__name__)
        log.info("sent message %s (%s) to %s", message.id, message.reason, message.recipient)
        return Delivery(ok=True, ts=sent.ts, channel=sent.channel)


def _refused(exc: SlackApiError) -> Delivery:
    response = exc.response
    error = str(response.get("error") or f"http_{response.status_code}")
    if response.status_code == 429:
        wait = response.headers.get("Retry-After") or response.headers.get("retry-after") or 1
        try:
            seconds = max(float(wait), 1.0)
        except ValueError:
            seconds = 30.0
        return Delivery(ok=False, error=error, retry_after=seconds)
    return Delivery(ok=False, error=error)
