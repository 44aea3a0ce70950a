"""Sending reminders through Slack, paced per channel, and the periodic jobs that plan them."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.reminders import reminder_message
from bot.middleware import People
from domain.reminders import Reminder
from handlers.queries import reminder_context, strangers_due
from handlers.reminder_dispatch import Delivery, dispatch
from handlers.reminder_plan import plan_reminders
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("cascade.reminders")


class Pacer:
    """At most one message a second to the same channel (Slack's chat.postMessage pace)."""

    def __init__(
        self,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        with self._lock:
            ready = self._last.get(channel, float("-inf")) + self.interval
            pause = max(ready - self.clock(), 0.0)
            self._last[channel] = self.clock() + pause
        if pause:
            self.sleep(pause)


class SlackDeliver:
    """Renders a reminder fresh from the database and DMs it; says how it went."""

    def __init__(
        self, client: WebClient, uow_factory: UnitOfWorkFactory, pacer: Pacer | None = None
    ) -> None:
        self.client, self.uow_factory, self.pacer = client, uow_factory, pacer or Pacer()

    def __call__(self, reminder: Reminder) -> Delivery:
        try:
            text, blocks = reminder_message(
                reminder, reminder_context(reminder.payload, self.uow_factory(read_only=True))
            )
        except Exception:  # a reminder that cannot be written is not retried forever
            log.exception("reminder %s (%s) could not be rendered", reminder.id, reminder.reason)
            return Delivery(ok=False, error="render_failed")
        self.pacer.wait(reminder.person_id)
        try:
            reply = self.client.chat_postMessage(
                channel=reminder.person_id, text=text, blocks=blocks
            )
        except SlackApiError as exc:
            return Delivery(ok=False, error=str(exc.response.get("error") or "slack_error"))
        except OSError as exc:  # network trouble after the client's own retries
            return Delivery(ok=False, error=type(exc).__name__)
        return Delivery(ok=True, ts=reply.get("ts"))


def run_jobs(
    uow_factory: UnitOfWorkFactory,
    deliver: Callable[[Reminder], Delivery],
    now: datetime,
    people: People | None = None,
    clock: Callable[[], datetime] | None = None,
) -> None:
    """Every periodic job once, as of ``now``: plan what is due, then send it.

    ``clock`` is the real time, for the leases on claimed reminders.
    """
    added, cancelled = plan_reminders(uow_factory, now)
    if people is not None:  # learn the time zone of anyone we are about to message first
        for user_id in strangers_due(uow_factory(read_only=True), now):
            people.get(user_id)
    report = dispatch(uow_factory, deliver, now, clock=clock)
    log.info(
        "jobs at %s: %s planned, %s cancelled; %s sent, %s deferred, %s retried, %s failed",
        now.isoformat(timespec="minutes"),
        added,
        cancelled,
        report.sent,
        report.deferred,
        report.retried,
        report.failed,
    )
