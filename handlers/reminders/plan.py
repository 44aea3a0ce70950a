"""Planning: from the current state, the reminders that should exist now (one per stage).

Each chase yields only its *current* stage, so a reminder that arrives late never comes with
its earlier stages; a pending reminder whose reason has gone (eligibility confirmed, evidence
logged, answered "yes") is cancelled before it is sent.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from domain.kernel.outbox import Message, Period, State
from domain.kernel.reminders import ReminderPolicy
from domain.supervision.reasons import SupervisionReason
from handlers.kernel.leave_hold import LeaveHold
from handlers.kernel.ports import UnitOfWork

# A feature's chases: (the unit of work, the policy, now, each person's time zone, the periods
# of requirement reminders sent per (recipient, subject)) -> the reminders that should exist now.
# The unit of work is the composition root's, with every feature's repositories (as for the
# kernel's other tables).
Chase = Callable[
    [Any, ReminderPolicy, datetime, dict[str, str], dict[tuple[str, str], set[str]]],
    Iterable[Message],
]
# Each feature's chases, in the order they are planned (the composition root adds them at
# start-up: bot/features.py).
CHASES: list[Chase] = []


def install(*chases: Chase) -> None:
    """Add a feature's chases (again: no change)."""
    CHASES.extend(c for c in chases if c not in CHASES)


def would_send(uow_factory: Callable[..., UnitOfWork], now: datetime) -> list[Message]:
    """What a run of the jobs at ``now`` would send (nothing is written): the messages
    already waiting, and the reminders planning would add."""
    with uow_factory(read_only=True) as uow:
        policy = uow.catalogue.get().reminders
        known = {m.key: m for m in uow.outbox.list()}
        reminded = uow.outbox.sent_periods(SupervisionReason.REQUIREMENT)
        planned = [m for m in _everything(uow, policy, now, reminded) if m.due_at <= now]
        waiting = [m for m in known.values() if m.state is State.PENDING and m.due_at <= now]
        going = waiting + [m for m in planned if m.key not in known]
        hold = LeaveHold.read(uow, [m for m in going if m.reason.is_chase], now, policy)
    return [m for m in going if not (m.reason.is_chase and hold.until(m, now))]  # not on leave


def plan_reminders(uow_factory: Callable[..., UnitOfWork], now: datetime) -> tuple[int, int]:
    """Add the reminders now due and cancel pending ones no longer wanted: (added, cancelled).

    The planning reads run in a read-only unit of work; only the writes take the write lock.
    """
    with _fewer_collections():
        return _plan(uow_factory, now)


def _plan(uow_factory: Callable[..., UnitOfWork], now: datetime) -> tuple[int, int]:
    new: list[Message] = []
    with uow_factory(read_only=True) as uow:
        policy = uow.catalogue.get().reminders
        reminded = uow.outbox.sent_periods(SupervisionReason.REQUIREMENT)
        pending = uow.outbox.pending_keys()
        # Pending reminders no longer planned at all (not merely due later) are cancelled:
        # each planned one is struck off (a postponed one by its period before the postponing).
        unplanned = set(pending)
        snoozed: dict[tuple[str, str, str, str], list[tuple[str, str, str, str]]] = {}
        for p, r, s, period in pending:
            if Period.MARK in period:
                snoozed.setdefault((p, r, s, Period.parse(period).base), []).append(
                    (p, r, s, period)
                )
        for m in _everything(uow, policy, now, reminded):  # one pass: nothing else is kept
            key = m.key
            unplanned.discard(key)
            for postponed in snoozed.get(key, ()):
                unplanned.discard(postponed)
            # What is waiting or was sent already needs no insert (most of it, on most runs).
            if (
                m.due_at <= now
                and key not in pending
                and m.period not in reminded.get((m.recipient, m.subject), ())
            ):
                new.append(m)
    stale = [pending[key] for key in unplanned]
    with uow_factory() as uow:
        uow.outbox.add(new, now)
        uow.outbox.cancel(stale, now)
        uow.commit()
    return len(new), len(stale)


_collections = threading.Lock()
_runs = 0  # planning runs under way in this process
_defaults = gc.get_threshold()  # the collector's thresholds when no planning runs


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Planning holds hundreds of thousands of small objects for a few seconds; Python's
    cyclic collector, left at its defaults, would walk them all about ten times (a fifth of
    a 100,000-person run). Collect the youngest generation less often meanwhile; nothing is
    switched off, and the thresholds come back when the last run in the process ends."""
    global _runs, _defaults
    with _collections:
        if _runs == 0:
            _defaults = gc.get_threshold()
            gc.set_threshold(50_000, *_defaults[1:])
        _runs += 1
    try:
        yield
    finally:
        with _collections:
            _runs -= 1
            if _runs == 0:
                gc.set_threshold(*_defaults)


def _everything(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    reminded: dict[tuple[str, str], set[str]],
) -> Iterator[Message]:
    if not CHASES:  # a process without the composition root would plan nothing
        raise RuntimeError(
            "the features' tables are not installed (bot.features.install() at start-up)"
        )
    zones = uow.people.zones()
    for chase in CHASES:
        yield from chase(uow, policy, now, zones, reminded)
