"""The periodic work: plan the reminders now due, learn who they go to, then send them."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.outbox.dispatcher import Dispatcher
from bot.outbox.render import Renderer
from bot.people import People
from handlers.queries import strangers_due
from handlers.reminder_plan import plan_reminders, would_send
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


def dry_run(uow_factory: UnitOfWorkFactory, people: People, now: datetime) -> list[str]:
    """What a run at ``now`` would send, one line each; nothing is sent or written."""
    render, lines = Renderer(uow_factory, people), []
    for message in would_send(uow_factory, now):
        try:
            send = render(message, now)
        except Exception as exc:  # say so, as the real run would record it
            lines.append(f"could not write {message.reason} for {message.recipient}: {exc}")
            continue
        if send is not None:
            text = getattr(send, "text", "") or type(send).__name__
            lines.append(f"would send to {message.recipient} ({message.reason}): {text[:120]}")
    count = sum(line.startswith("would send") for line in lines)
    lines.append(f"{count} message{'' if count == 1 else 's'} would be sent.")
    return lines
