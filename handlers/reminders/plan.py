"""Planning: from the current state, the reminders that should exist now (one per stage).

Each chase yields only its *current* stage, so a reminder that arrives late never comes with
its earlier stages; a pending reminder whose reason has gone (eligibility confirmed, evidence
logged, answered "yes") is cancelled before it is sent.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from domain.follow_through import is_cascading
from domain.nomination import AWAITING, Nomination, Status
from domain.outbox import Message, Period, Reason, State
from domain.people import is_erased
from domain.programme import Programme
from domain.reminders import ReminderPolicy, add_working_days, last_working_start
from handlers.accreditation.mentoring import mentoring_nudges
from handlers.circles.reminders import circle_reminders
from handlers.follow_up.follow_up_list import last_deliveries
from handlers.group_sessions.reads import group_session_reminders
from handlers.kernel.leave_hold import LeaveHold
from handlers.kernel.people import slack_ids
from handlers.kernel.ports import UnitOfWork
from handlers.supervision.requirement_chase import action_chases, requirement_chases


def would_send(uow_factory: Callable[..., UnitOfWork], now: datetime) -> list[Message]:
    """What a run of the jobs at ``now`` would send (nothing is written): the messages
    already waiting, and the reminders planning would add."""
    with uow_factory(read_only=True) as uow:
        policy = uow.catalogue.get().reminders
        known = {m.key: m for m in uow.outbox.list()}
        reminded = uow.outbox.sent_periods(Reason.REQUIREMENT)
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
        reminded = uow.outbox.sent_periods(Reason.REQUIREMENT)
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
    for programme in uow.programmes.list():
        yield from _eligibility(uow, programme, policy, now)
        yield from _review(uow, programme, policy, now)
        yield from _cohorts(uow, programme, policy, now)
        yield from _cascading(uow, programme, policy, now)
    zones = uow.people.zones()
    yield from requirement_chases(uow, policy, now, zones, reminded)
    yield from action_chases(uow, now, zones)
    yield from mentoring_nudges(uow, now)
    yield from group_session_reminders(uow, policy, now, zones)
    yield from circle_reminders(uow, policy, now, zones)


def _eligibility(uow, programme: Programme, policy: ReminderPolicy, now) -> Iterator[Message]:
    if not programme.upcoming_cohorts(now):
        return  # nothing left to choose: no point asking
    for n in _living(uow.nominations.list(programme.key, statuses=AWAITING)):
        subject, info = f"nomination:{n.id}", {"programme": programme.key, "nomination": n.id}
        first = n.created_at + timedelta(days=policy.eligibility_after_days)
        yield Message(n.nominee_id, Reason.ELIGIBILITY, subject, "1", first, info)
        later = n.created_at + timedelta(days=policy.eligibility_lead_after_days)
        for lead in slack_ids(uow.ics.get(n.ics_key).leads, uow):
            yield Message(
                lead,
                Reason.ELIGIBILITY_LEAD,
                subject,
                "1",
                later,
                {**info, "nominee": n.nominee_id},
            )


def _review(uow, programme: Programme, policy: ReminderPolicy, now) -> Iterator[Message]:
    waiting = [
        n
        for n in uow.nominations.list(programme.key, statuses=frozenset({Status.PENDING_REVIEW}))
        if add_working_days(
            n.eligibility_confirmed_at or n.created_at,
            policy.review_after_working_days,
            programme.timezone,
            policy,
        )
        <= now
    ]
    if waiting:
        day = now.astimezone(programme.tz).date().isoformat()  # at most one digest a day
        info = {
            "programme": programme.key,
            "nominations": [n.id for n in waiting],
            "days": policy.review_after_working_days,
        }
        for coordinator in slack_ids(programme.coordinators, uow):
            yield Message(
                coordinator, Reason.REVIEW_DIGEST, f"programme:{programme.key}", day, now, info
            )


def _cohorts(uow, programme: Programme, policy: ReminderPolicy, now) -> Iterator[Message]:
    held = uow.nominations.list(
        programme.key, statuses=frozenset({Status.CONFIRMED, Status.ATTENDED})
    )
    for cohort in programme.cohorts:
        start = programme.local_to_utc(cohort.first_start)
        end = programme.local_to_utc(cohort.last_end)
        people = _living([n for n in held if n.cohort_key == cohort.key])
        info = {"programme": programme.key, "cohort": cohort.key}
        if now < start:
            sends = [  # "d days before" on the calendar, whatever the clocks do meanwhile
                (
                    last_working_start(
                        programme.local_to_utc(cohort.first_start - timedelta(days=d)),
                        programme.timezone,
                        policy,
                    ),
                    d,
                )
                for d in sorted(policy.cohort_before_days, reverse=True)
            ]
            current = [(at, d) for at, d in sends if at <= now]
            for n in people if current else []:
                at, days = current[-1]
                yield Message(
                    n.nominee_id, Reason.COHORT_SOON, f"nomination:{n.id}", f"{days}d", at, info
                )
            continue
        if now >= end and any(n.status is Status.CONFIRMED for n in people):
            for coordinator in slack_ids(programme.coordinators, uow):
                yield Message(
                    coordinator,
                    Reason.RECORD_ATTENDANCE,
                    f"cohort:{programme.key}/{cohort.key}",
                    "1",
                    end,
                    info,
                )
        for ics_key in sorted({n.ics_key for n in people if n.status is Status.ATTENDED}):
            for lead in slack_ids(uow.ics.get(ics_key).leads, uow):
                yield Message(
                    lead,
                    Reason.IMPLEMENTATION,
                    f"implementation:{programme.key}:{ics_key}",
                    "1",
                    end,
                    {**info, "ics": ics_key},
                )


def _cascading(uow, programme: Programme, policy: ReminderPolicy, now) -> Iterator[Message]:
    attended = _living(uow.nominations.list(programme.key, statuses=frozenset({Status.ATTENDED})))
    answers = uow.cascade_answers.latest([n.id for n in attended])
    delivered = last_deliveries(uow) if attended else {}
    sent = uow.outbox.count_sent_by_subject(
        Reason.CASCADE_CHECK, [f"nomination:{n.id}" for n in attended]
    )
    every = timedelta(days=policy.cascade_every_days)
    for n in attended:
        cohort = programme.cohort(n.cohort_key or "")
        said_yes = answers.get(n.id, (False,))[0]
        if is_cascading(said_yes, delivered.get(n.nominee_id), cohort.last_end.date()):
            continue  # "Yes", or a delivery logged since the training: the chase is over
        end = programme.local_to_utc(cohort.last_end)
        asks = int((now - end) / every)
        info = {"programme": programme.key, "nomination": n.id, "ask": asks}
        if asks >= 1:
            yield Message(
                n.nominee_id,
                Reason.CASCADE_CHECK,
                f"nomination:{n.id}",
                f"ask-{asks}",
                end + every * asks,
                info,
            )
        asked = sent.get(f"nomination:{n.id}", 0)
        # Escalate only once the asks really went out, not when they merely fell due
        # (say, after attendance was recorded late).
        if asks > policy.cascade_asks and asked >= policy.cascade_asks:
            for coordinator in slack_ids(programme.coordinators, uow):
                yield Message(
                    coordinator,
                    Reason.CASCADE_LATE,
                    f"nomination:{n.id}",
                    "1",
                    end + every * (policy.cascade_asks + 1),
                    {**info, "nominee": n.nominee_id, "asked": asked},
                )


def _living(nominations: list[Nomination]) -> list[Nomination]:
    """Leave out people whose personal data was erased: nobody is left to chase."""
    return [n for n in nominations if not is_erased(n.nominee_id)]
