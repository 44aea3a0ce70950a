"""Dispatch: claim due reminders atomically, send in working hours, settle each one.

Several bot instances may dispatch at once: a row is claimed by one of them (with a lease);
a crash between claim and send only delays it until the lease runs out.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.reminders import (
    PERMANENT_ERRORS,
    Reminder,
    in_working_hours,
    next_attempt,
    next_working_time,
)
from handlers.ports import UnitOfWork
from handlers.supervision import DEFAULT_TZ

LEASE = timedelta(minutes=5)
SAFETY = timedelta(seconds=30)  # stop using a lease this long before it ends


@dataclass(frozen=True)
class Delivery:
    ok: bool
    ts: str | None = None
    error: str = ""

    @property
    def permanent(self) -> bool:
        return self.error in PERMANENT_ERRORS


class Deliver(Protocol):
    def __call__(self, reminder: Reminder) -> Delivery: ...


@dataclass
class DispatchReport:
    sent: int = 0
    deferred: int = 0
    retried: int = 0
    failed: int = 0


def dispatch(
    uow_factory: Callable[[], UnitOfWork],
    deliver: Deliver,
    now: datetime,
    *,
    batch: int = 50,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] | None = None,
) -> DispatchReport:
    """Send every reminder due at ``now`` that this dispatcher manages to claim.

    ``clock`` (the real time) dates each claim's lease, so a long run never works on a lease
    that has already run out; a reminder whose lease has gone is left for whoever takes it.
    """
    report, claimer = DispatchReport(), uuid.uuid4().hex
    timer = clock or (lambda: now)
    while True:
        lease_until = timer() + lease
        with uow_factory() as uow:
            claimed = uow.reminders.claim(now, lease_until, batch, claimer)
            policy = uow.catalogue.get().reminders
            zones = {r.person_id: _tz(uow, r.person_id) for r in claimed}
            uow.commit()
        if not claimed:
            return report
        for reminder in claimed:
            if timer() >= lease_until - SAFETY:
                break  # our lease is nearly over: the rest goes back to the pool
            _send_one(
                uow_factory,
                deliver,
                reminder,
                claimer,
                zones[reminder.person_id],
                policy,
                now,
                report,
            )


def _send_one(
    uow_factory,
    deliver: Deliver,
    reminder: Reminder,
    claimer: str,
    tz: str,
    policy,
    now: datetime,
    report: DispatchReport,
) -> None:
    if not in_working_hours(now, tz, policy):
        with uow_factory() as uow:  # at night or at the weekend it waits for the morning
            uow.reminders.defer(reminder.id, claimer, next_working_time(now, tz, policy), now)
            uow.commit()
        report.deferred += 1
        return
    delivery = deliver(reminder)
    with uow_factory() as uow:
        if delivery.ok:
            uow.reminders.sent(reminder.id, claimer, delivery.ts, now)
            report.sent += 1
        elif not delivery.permanent and (again := next_attempt(reminder.attempts, now)):
            uow.reminders.retry(reminder.id, claimer, again, delivery.error, now)
            report.retried += 1
        else:
            uow.reminders.fail(reminder.id, claimer, delivery.error or "gave up", now)
            report.failed += 1
        uow.commit()


def _tz(uow: UnitOfWork, user_id: str) -> str:
    person = uow.people.get(user_id)
    return (person.tz if person else None) or DEFAULT_TZ
