"""Dispatch: claim due messages atomically, send each one, settle it, and keep the books.

Several dispatchers (threads, instances, a `cascade worker`) may run at once: a row is claimed
by one of them with a lease; a crash between claim and send only delays it until the lease ends.
Chases wait for working hours where the recipient is; announcements go at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from itertools import groupby
from typing import Protocol

from domain.outbox import PERMANENT_ERRORS, Message, next_attempt
from domain.reminders import ReminderPolicy, in_working_hours, next_working_time
from handlers.bookkeeping import after_failed, after_sent
from handlers.people import zone_of
from handlers.ports import UnitOfWork

LEASE = timedelta(minutes=2)
SAFETY = timedelta(seconds=20)  # stop using a lease this long before it ends (or a third of it)
BATCH = 20


@dataclass(frozen=True)
class Delivery:
    """How one send went: Slack's ts (and channel, for a new post), or its error."""

    ok: bool
    ts: str | None = None
    channel: str | None = None
    error: str = ""
    retry_after: float | None = None  # Slack asked us to wait this many seconds (HTTP 429)

    @property
    def permanent(self) -> bool:
        return self.error in PERMANENT_ERRORS


class Deliver(Protocol):
    def __call__(self, message: Message) -> Delivery: ...


@dataclass
class DispatchReport:
    sent: int = 0
    deferred: int = 0
    retried: int = 0
    failed: int = 0
    paused_until: datetime | None = None  # Slack rate-limited us: nothing more until then
    errors: list[str] = field(default_factory=list)


FanOut = Callable[[list[Callable[[], None]]], None]


def sequentially(work: list[Callable[[], None]]) -> None:
    for job in work:
        job()


def dispatch(
    uow_factory: Callable[[], UnitOfWork],
    deliver: Deliver,
    now: datetime,
    *,
    batch: int = BATCH,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] | None = None,
    fan_out: FanOut = sequentially,
) -> DispatchReport:
    """Send every message due at ``now`` that this dispatcher manages to claim.

    Messages to one recipient go in order; ``fan_out`` may run different recipients at once.
    ``clock`` (the real time) dates each claim's lease, so a long run never works on a lease
    that has already run out; a message whose lease has gone is left for whoever takes it.
    """
    report, claimer = DispatchReport(), uuid.uuid4().hex
    timer = clock or (lambda: now)
    while report.paused_until is None:
        lease_until = timer() + lease
        with uow_factory() as uow:
            claimed = uow.outbox.claim(now, lease_until, batch, claimer)
            policy = uow.catalogue.get().reminders
            zones = {m.recipient: zone_of(m.recipient, uow) for m in claimed if m.reason.is_chase}
            uow.commit()
        if not claimed:
            return report
        send = _Sender(uow_factory, deliver, claimer, zones, policy, now, report)
        by_recipient = sorted(claimed, key=lambda m: m.recipient)
        fan_out(
            [
                partial(_in_order, send, list(group), timer, lease_until - min(SAFETY, lease / 3))
                for _, group in groupby(by_recipient, key=lambda m: m.recipient)
            ]
        )
    return report


def _in_order(
    send: Callable[[Message], None],
    messages: list[Message],
    timer: Callable[[], datetime],
    stop_at: datetime,
) -> None:
    for message in messages:
        if timer() >= stop_at:
            return  # our lease is nearly over: the rest goes back to the pool
        send(message)


@dataclass
class _Sender:
    uow_factory: Callable[[], UnitOfWork]
    deliver: Deliver
    claimer: str
    zones: dict[str, str]
    policy: ReminderPolicy
    now: datetime
    report: DispatchReport

    def __call__(self, message: Message) -> None:
        wait = self._not_now(message)
        if wait is not None:
            with self.uow_factory() as uow:
                uow.outbox.defer(message.id, self.claimer, wait, self.now)
                uow.commit()
            self.report.deferred += 1
            return
        delivery = self.deliver(message)
        with self.uow_factory() as uow:
            self._settle(uow, message, delivery)
            uow.commit()

    def _not_now(self, message: Message) -> datetime | None:
        """When to send instead: after a rate limit, or in the recipient's working hours."""
        if self.report.paused_until is not None:
            return self.report.paused_until
        zone = self.zones.get(message.recipient)
        if message.reason.is_chase and zone and not in_working_hours(self.now, zone, self.policy):
            return next_working_time(self.now, zone, self.policy)
        return None

    def _settle(self, uow: UnitOfWork, message: Message, delivery: Delivery) -> None:
        report, now = self.report, self.now
        if delivery.ok:
            uow.outbox.sent(message.id, self.claimer, delivery.ts, now)
            after_sent(uow, message, delivery.channel, delivery.ts, now)
            report.sent += 1
        elif delivery.retry_after is not None:
            report.paused_until = now + timedelta(seconds=delivery.retry_after)
            uow.outbox.defer(message.id, self.claimer, report.paused_until, now)
            report.deferred += 1
        elif not delivery.permanent and (again := next_attempt(message.attempts, now)):
            uow.outbox.retry(message.id, self.claimer, again, delivery.error, now)
            report.retried += 1
        else:
            error = delivery.error or "gave up"
            if uow.outbox.fail(message.id, self.claimer, error, now):
                after_failed(uow, message, error, now)
            report.failed += 1
            report.errors.append(error)
