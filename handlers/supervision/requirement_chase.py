"""Chasing annual and ongoing requirements, and the actions agreed in supervision.

Planned for everyone at once from a handful of set-based reads (who holds which role since when,
each person's latest evidence per requirement, time zones, what was already sent): the work per
person is arithmetic in memory, so 100,000 people plan in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from domain.kernel.outbox import Message
from domain.kernel.people import DEFAULT_TZ, is_erased
from domain.kernel.reminders import ReminderPolicy
from domain.leave.leave import by_person
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.reasons import SupervisionReason
from domain.supervision.requirements import (
    Requirement,
    RequirementStatus,
    Standing,
    due_after,
    standing_of,
)
from handlers.kernel.people import all_coordinators
from handlers.kernel.roles import roles_by_person
from handlers.supervision.circle_credits import add_co_facilitated
from handlers.supervision.hours_evidence import hours_completed
from handlers.supervision.ports import UnitOfWork


@dataclass(frozen=True)
class _Known:
    """What planning reads once, for everyone."""

    zones: dict[str, str]
    latest: dict[str, dict[str, date]]  # requirement -> person -> latest evidence
    reminded: dict[tuple[str, str], set[str]]  # (person, subject) -> periods sent
    managers: Callable[[], dict[str, str]]  # person -> latest line manager; read if needed
    coordinators: list[str]


def requirement_chases(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]],
) -> Iterator[Message]:
    """30 and 7 days before due, on the day, weekly while overdue; then escalate.

    ``zones`` (everyone's time zone) and ``reminded`` (the requirement reminders already sent)
    are read once for the whole planning run."""
    catalogue = uow.catalogue.get()
    if not catalogue.requirements:
        return
    roles = roles_by_person(uow, catalogue)
    earliest = max(policy.requirement_before_days, default=0)  # the first reminder's lead
    known = _Known(
        zones=zones,
        latest=latest_evidence(uow, catalogue.requirements, catalogue),
        reminded=reminded,
        managers=cache(lambda: uow.entries.latest_with("line-manager")),
        coordinators=list(all_coordinators(uow)),
    )
    # Due dates move by the days each person was away (if the programme says so).
    away = by_person(uow.leave.list()) if policy.leave_extends_due else {}
    days: dict[str, date] = {}  # each time zone's today
    for person, held in roles.items():
        if is_erased(person):
            continue
        tz = known.zones.get(person, DEFAULT_TZ)
        today = days.get(tz) or days.setdefault(tz, now.astimezone(ZoneInfo(tz)).date())
        for requirement in catalogue.requirements:
            if requirement.role in held:
                last = known.latest[requirement.key].get(person)
                leave = away.get(person, ())
                due = due_after(requirement, last, held[requirement.role], leave, today)
                if due and (due - today).days > earliest:
                    continue  # well ahead of time: nothing to say yet (most people, most days)
                status = standing_of(requirement, last, held[requirement.role], due, today)
                yield from _stage(person, status, known, policy, today, tz)


def latest_evidence(
    uow: UnitOfWork, requirements: Iterable[Requirement], catalogue: Catalogue
) -> dict[str, dict[str, date]]:
    """Each requirement's latest evidence per person: the latest of any of its log types,
    including sessions the other person logged that count for both (mentoring)."""
    by_type = uow.entries.latest_by_type({t for r in requirements for t in r.log_types})
    for log_type in catalogue.log_types:
        counted_as = log_type.credits_other_as
        if counted_as and counted_as in by_type:
            theirs = uow.entries.latest_between([log_type.key])
            dates = by_type[counted_as] = dict(by_type[counted_as])
            for (_, person), day in theirs.items():
                dates[person] = max(day, dates.get(person, day))
    add_co_facilitated(uow, by_type, catalogue)  # circles count for each co-facilitator
    latest = {}
    for requirement in requirements:
        first, *others = [by_type[t] for t in requirement.log_types]
        merged = dict(first)
        for dates in others:
            for person, day in dates.items():
                if day > merged.get(person, day.min):
                    merged[person] = day
        latest[requirement.key] = merged
    latest.update(hours_completed(uow, requirements, catalogue))  # hours-based: their own day
    return latest


def _stage(
    person: str,
    status: RequirementStatus,
    known: _Known,
    policy: ReminderPolicy,
    today: date,
    tz: str,
) -> list[Message]:
    """The reminder due now (if any) and, long overdue, the escalation."""
    key = status.requirement.key
    subject = _subject(key)
    info = _info(key, status.due, status.standing)
    if not status.anchored:  # nothing logged and no start known: one nudge to begin
        return [
            Message(person, SupervisionReason.REQUIREMENT, subject, "start", _nine(today, tz), info)
        ]
    # The stages in the order they come (days before, the day, each week overdue): the
    # current one is the last that has come.
    due, current = status.due, None
    for before, name in _befores(tuple(policy.requirement_before_days)):
        if due - before <= today:
            current = (due - before, name)
    if due <= today:
        current = (due, "due")
    weeks = (today - due).days // policy.requirement_overdue_every_days
    if status.standing is Standing.OVERDUE and weeks >= 1:
        every = policy.requirement_overdue_every_days
        current = (due + timedelta(days=weeks * every), f"overdue-{weeks}")
    said = []
    if current:
        day, name = current
        said.append(Message(person, SupervisionReason.REQUIREMENT, subject, _period(due, name),
                            _nine(day, tz), info))  # fmt: skip
    late = due + timedelta(days=policy.requirement_escalate_after_days)
    if today < late:
        return said
    sent = known.reminded.get((person, subject), ())
    if any(p.startswith(due.isoformat()) for p in sent):  # after they themselves were reminded
        manager = known.managers().get(person)  # the current one, if they are in Slack
        for told in [manager] if manager else known.coordinators:
            said.append(
                Message(
                    told,
                    SupervisionReason.REQUIREMENT_LATE,
                    f"requirement:{key}:{person}",
                    status.due.isoformat(),
                    _nine(late, tz),
                    {**info, "person": person},
                )
            )
    return said


def action_chases(uow: UnitOfWork, now: datetime, zones: dict[str, str]) -> Iterator[Message]:
    """An agreed action from a supervision log, on its due date."""
    for entry in uow.entries.actions_due(now.date() + timedelta(days=1)):
        if not entry.action_due or entry.action_due < entry.created_at.date() - timedelta(days=7):
            continue  # an action logged long after its due date is not chased
        yield Message(
            entry.author_id,
            SupervisionReason.ACTION_DUE,
            f"entry:{entry.id}",
            entry.action_due.isoformat(),
            _nine(entry.action_due, zones.get(entry.author_id, DEFAULT_TZ)),
            {"entry": entry.id, "action": entry.action},
        )


@lru_cache(maxsize=65536)  # a few hundred due dates a year, shared by everyone due then
def _info(key: str, due: date, standing: Standing) -> dict[str, str]:
    """A reminder's payload: one dict for all who are due the same day (it is never changed:
    what is added for an escalation is a copy)."""
    return {"requirement": key, "due": due.isoformat(), "standing": standing}


@cache
def _befores(days: tuple[int, ...]) -> tuple[tuple[timedelta, str], ...]:
    """The reminders before a due date, earliest first: (how long before, the stage)."""
    return tuple((timedelta(days=d), f"before-{d}") for d in sorted(days, reverse=True))


@cache
def _subject(key: str) -> str:
    return f"requirement:{key}"


@lru_cache(maxsize=65536)
def _period(due: date, stage: str) -> str:
    return f"{due.isoformat()}:{stage}"


@lru_cache(maxsize=8192)  # a handful of days and zones, asked for once per reminder
def _nine(day: date, tz: str) -> datetime:
    return datetime.combine(day, datetime.min.time().replace(hour=9), tzinfo=ZoneInfo(tz))


def agreed_action_chases(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]],
) -> Iterator[Message]:
    """``action_chases``, as the reminder planner calls every feature's chases."""
    return action_chases(uow, now, zones)
