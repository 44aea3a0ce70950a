"""The periodic work: plan the reminders now due, learn who they go to, then send them."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.outbox.dispatcher import Dispatcher
from bot.people import People
from handlers.queries import strangers_due
from handlers.reminder_plan import plan_reminders
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("cascade.reminders")


def plan(uow_factory: UnitOfWorkFactory, now: datetime, people: People) -> None:
    """Add the reminders due at ``now`` and learn the time zone of anyone new they go to."""
    added, cancelled = plan_reminders(uow_factory.patient, now)
    people.learn_now(strangers_due(uow_factory(read_only=True), now))
    log.info("jobs at %s: %s planned, %s cancelled", f"{now:%Y-%m-%d %H:%M}", added, cancelled)


def run_jobs(
    uow_factory: UnitOfWorkFactory, dispatcher: Dispatcher, people: People, now: datetime
) -> None:
    """Every periodic job once, as of ``now``: plan what is due, then send it."""
    plan(uow_factory, now, people)
    report = dispatcher.run_once(now)
    log.info(
        "sent %s, deferred %s, retried %s, failed %s",
        report.sent,
        report.deferred,
        report.retried,
        report.failed,
    )
