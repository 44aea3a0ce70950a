"""Chasing annual and ongoing requirements, and the actions agreed in supervision."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.outbox import Message, Reason
from domain.reminders import ReminderPolicy
from domain.requirements import Standing
from handlers.compliance import people_with_requirements
from handlers.people import slack_ids, today_for, zone_of
from handlers.ports import UnitOfWork
from handlers.supervision import record_for


def requirement_chases(uow: UnitOfWork, policy: ReminderPolicy, now: datetime) -> Iterator[Message]:
    """30 and 7 days before due, on the day, weekly while overdue; then escalate."""
    coordinators = sorted(
        {c for p in uow.programmes.list() for c in slack_ids(p.coordinators, uow)}
    )
    for person in people_with_requirements(uow):
        tz = zone_of(person.user_id, uow)
        today = today_for(person.user_id, uow, now)
        record = record_for(person, uow, today)
        for status in record.standing:
            yield from _requirement_stage(
                uow, person.user_id, status, record, policy, today, tz, coordinators
            )


def _requirement_stage(
    uow, user_id, status, record, policy, today: date, tz: str, coordinators: list[str]
) -> Iterator[Message]:
    key = status.requirement.key
    info = {"requirement": key, "due": status.due.isoformat(), "standing": status.standing}
    if not status.anchored:  # nothing logged and no start known: one nudge to begin
        yield Message(
            user_id, Reason.REQUIREMENT, f"requirement:{key}", "start", _nine(today, tz), info
        )
        return
    stages = [
        (status.due - timedelta(days=d), f"before-{d}")
        for d in sorted(policy.requirement_before_days, reverse=True)
    ]
    stages.append((status.due, "due"))
    weeks = (today - status.due).days // policy.requirement_overdue_every_days
    if status.standing is Standing.OVERDUE and weeks >= 1:
        stages.append(
            (
                status.due + timedelta(days=weeks * policy.requirement_overdue_every_days),
                f"overdue-{weeks}",
            )
        )
    current = [(day, name) for day, name in stages if day <= today]
    if current:
        day, name = current[-1]
        yield Message(
            user_id,
            Reason.REQUIREMENT,
            f"requirement:{key}",
            f"{status.due.isoformat()}:{name}",
            _nine(day, tz),
            info,
        )
    late = status.due + timedelta(days=policy.requirement_escalate_after_days)
    reminded = uow.outbox.count_sent(
        Reason.REQUIREMENT, f"requirement:{key}", status.due.isoformat()
    )
    if today >= late and reminded:  # only after the person themselves was reminded
        latest = next((e for e in record.entries if e.log_type == "line-manager"), None)
        manager = latest.with_user if latest else None  # the current one, if they are in Slack
        for person in [manager] if manager else coordinators:
            yield Message(
                person,
                Reason.REQUIREMENT_LATE,
                f"requirement:{key}:{user_id}",
                status.due.isoformat(),
                _nine(late, tz),
                {**info, "person": user_id},
            )


def action_chases(uow: UnitOfWork, now: datetime) -> Iterator[Message]:
    """An agreed action from a supervision log, on its due date."""
    for entry in uow.entries.actions_due(now.date() + timedelta(days=1)):
        tz = zone_of(entry.author_id, uow)
        if not entry.action_due or entry.action_due < entry.created_at.date() - timedelta(days=7):
            continue  # an action logged long after its due date is not chased
        yield Message(
            entry.author_id,
            Reason.ACTION_DUE,
            f"entry:{entry.id}",
            entry.action_due.isoformat(),
            _nine(entry.action_due, tz),
            {"entry": entry.id, "action": entry.action},
        )


def _nine(day: date, tz: str) -> datetime:
    return datetime.combine(day, datetime.min.time().replace(hour=9), tzinfo=ZoneInfo(tz))
