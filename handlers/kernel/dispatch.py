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

from domain.kernel.outbox import PERMANENT_ERRORS, Lane, Message, next_attempt
from domain.kernel.reminders import ReminderPolicy, in_working_hours, next_working_time
from handlers.kernel.bookkeeping import after_failed, after_sent
from handlers.kernel.leave_hold import LeaveHold
from handlers.kernel.people import zone_of
from handlers.kernel.ports import UnitOfWork

LEASE = timedelta(minutes=2)
SAFETY = timedelta(seconds=20)  # stop using a lease this long before it ends (or a third of it)
BATCH = 20
SETTLE_EVERY = 10  # sends settled in one transaction


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
    lane: Lane | None = None,
) -> DispatchReport:
    """Send every message due at ``now`` (of ``lane``, if given) that this dispatcher manages
    to claim.

    Messages to one recipient go in order; ``fan_out`` may run different recipients at once.
    ``clock`` (the real time) dates each claim's lease, so a long run never works on a lease
    that has already run out; a message whose lease has gone is left for whoever takes it.
    """
    report, claimer = DispatchReport(), uuid.uuid4().hex
    timer = clock or (lambda: now)
    while report.paused_until is None:
        lease_until = timer() + lease
        with uow_factory() as uow:
            claimed = uow.outbox.claim(now, lease_until, batch, claimer, lane)
            policy = uow.catalogue.get().reminders
            zones = {m.recipient: zone_of(m.recipient, uow) for m in claimed if m.reason.is_chase}
            hold = LeaveHold.read(uow, [m for m in claimed if m.reason.is_chase], now, policy)
            gone = uow.people.left({m.recipient for m in claimed})
            uow.commit()
        if not claimed:
            return report
        sender = _Sender(uow_factory, deliver, claimer, zones, policy, now, report, hold, gone)
        by_recipient = sorted(claimed, key=lambda m: m.recipient)
        fan_out(
            [
                partial(_in_order, sender, list(group), timer, lease_until - min(SAFETY, lease / 3))
                for _, group in groupby(by_recipient, key=lambda m: m.recipient)
            ]
        )
    return report


def _in_order(
    sender: _Sender,
    messages: list[Message],
    timer: Callable[[], datetime],
    stop_at: datetime,
) -> None:
    """One recipient's messages, in order; settled a few at a time (one short write for
    several sends: the database's write lock is the requests' to have)."""
    outcomes: list[tuple[Message, Delivery | datetime]] = []
    for message in messages:
        if timer() >= stop_at:
            break  # our lease is nearly over: the rest goes back to the pool
        outcomes.append((message, sender.attempt(message)))
        if len(outcomes) >= SETTLE_EVERY:
            sender.settle(outcomes)
            outcomes = []
    sender.settle(outcomes)


@dataclass
class _Sender:
    uow_factory: Callable[[], UnitOfWork]
    deliver: Deliver
    claimer: str
    zones: dict[str, str]
    policy: ReminderPolicy
    now: datetime
    report: DispatchReport
    hold: LeaveHold | None = None  # nobody is chased, or chased about, while on leave
    gone: set[str] = field(default_factory=set)  # deactivated in Slack: nothing goes to them

    def attempt(self, message: Message) -> Delivery | datetime:
        """Send it, or say when to instead (a rate limit, or outside working hours)."""
        if message.recipient in self.gone:  # as Slack would answer, without asking it
            return Delivery(ok=False, error="account_inactive")
        wait = self._not_now(message)
        if wait is not None:
            return wait
        delivery = self.deliver(message)
        if delivery.retry_after is not None and self.report.paused_until is None:
            # Slack said wait: nothing more is tried (by any recipient's thread) until then.
            self.report.paused_until = self.now + timedelta(seconds=delivery.retry_after)
        return delivery

    def settle(self, outcomes: list[tuple[Message, Delivery | datetime]]) -> None:
        if not outcomes:
            return
        with self.uow_factory() as uow:
            for message, outcome in outcomes:
                if isinstance(outcome, datetime):
                    uow.outbox.defer(message.id or 0, self.claimer, outcome, self.now)
                    self.report.deferred += 1
                else:
                    self._settle(uow, message, outcome)
            uow.commit()

    def _not_now(self, message: Message) -> datetime | None:
        """When to send instead: after a rate limit, after leave, or in the recipient's
        working hours."""
        if self.report.paused_until is not None:
            return self.report.paused_until
        if message.reason.is_chase and self.hold and (back := self.hold.until(message, self.now)):
            return back
        zone = self.zones.get(message.recipient)
        if message.reason.is_chase and zone and not in_working_hours(self.now, zone, self.policy):
            return next_working_time(self.now, zone, self.policy)
        return None

    def _settle(self, uow: UnitOfWork, message: Message, delivery: Delivery) -> None:
        report, now = self.report, self.now
        if delivery.ok:
            uow.outbox.sent(message.id or 0, self.claimer, delivery.ts, now)
            after_sent(uow, message, delivery.channel, delivery.ts, now)
            report.sent += 1
        elif delivery.retry_after is not None:
            later = report.paused_until or now + timedelta(seconds=delivery.retry_after)
            uow.outbox.defer(message.id or 0, self.claimer, later, now)
            report.deferred += 1
        elif not delivery.permanent and (again := next_attempt(message.attempts, now)):
            uow.outbox.retry(message.id or 0, self.claimer, again, delivery.error, now)
            report.retried += 1
        else:
            error = delivery.error or "gave up"
            if uow.outbox.fail(message.id or 0, self.claimer, error, now):
                after_failed(uow, message, error, now)
            report.failed += 1
            report.errors.append(error)
