"""Leave: time away (annual leave, sickness, parental leave…) when nobody chases a person, and
by which their due dates move. Dates are the person's own, both days included.

The reason is private to the person: never shown to anyone else, coordinators included (they
may see "on leave until …").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.kernel.dates import LEAVE, date_refusal
from domain.kernel.errors import DomainError

LONGEST = timedelta(days=366)  # one stretch of leave at most (a year, leap day included)


class InvalidLeave(DomainError):
    """A field of the leave form is not acceptable; ``field`` names it."""


@dataclass(frozen=True)
class Leave:
    person: str
    start: date
    end: date
    created_at: datetime
    reason: str = ""  # private to the person
    id: int | None = None
    client_token: str | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class LeaveRecorded:
    """Someone recorded leave (their Home shows it)."""

    leave: Leave


@dataclass(frozen=True)
class LeaveEnded:
    """Someone ended their leave early, or cancelled leave not yet begun."""

    leave: Leave
    cancelled: bool


def check_leave(leave: Leave, others: Iterable[Leave], today: date) -> None:
    """Every rule of good leave; raises for the first field that breaks one."""
    if leave.end < leave.start:
        raise InvalidLeave("The last day of leave is before the first.", field="end")
    if leave.end - leave.start >= LONGEST:
        raise InvalidLeave("Leave can be at most one year at a time.", field="end")
    if refusal := date_refusal(leave.start, today, LEAVE):
        raise InvalidLeave(refusal, field="start")
    for other in others:
        if other.id != leave.id and other.start <= leave.end and leave.start <= other.end:
            raise InvalidLeave(
                f"You already have leave from {other.start:%a %-d %b %Y} to "
                f"{other.end:%a %-d %b %Y}: change the dates, or end that leave first.",
                field="start",
            )


def ended_early(leave: Leave, today: date) -> Leave | None:
    """Back at work today: the leave now ends yesterday (None: it had not begun before
    today, so it is cancelled)."""
    if leave.start >= today:
        return None
    return replace(leave, end=min(leave.end, today - timedelta(days=1)))


def days_away(leave: Iterable[Leave], start: date, end: date) -> int:
    """Days of leave from ``start`` up to (not including) ``end``."""
    total = 0
    for stretch in leave:
        first, last = max(stretch.start, start), min(stretch.end, end - timedelta(days=1))
        total += max((last - first).days + 1, 0)
    return total


def extended(due: date, start: date, leave: Iterable[Leave], today: date | None = None) -> date:
    """A due date counted from ``start``, moved by the days away since: the clock stops while
    a person is away (leave before the due date, and leave taken while overdue)."""
    leave = list(leave)
    moved = due
    while True:
        until = max(moved, today) if today else moved
        later = due + timedelta(days=days_away(leave, start, until))
        if later == moved:
            return moved
        moved = later


def stretched_back(start: date, end: date, leave: Iterable[Leave]) -> date:
    """A window ending on ``end`` that began on ``start``, begun earlier by the days away in it
    (so time away does not empty a rolling window)."""
    leave = list(leave)
    moved = start
    while True:
        earlier = start - timedelta(days=days_away(leave, moved, end + timedelta(days=1)))
        if earlier == moved:
            return moved
        moved = earlier


def away_until(leave: Iterable[Leave], first: date, last: date | None = None) -> date | None:
    """The last day of leave (adjacent stretches joined) if the person is away on any day from
    ``first`` to ``last``; None if they are at work throughout."""
    last = last or first
    until = None
    for stretch in sorted(leave, key=lambda s: s.start):
        if until is None:
            if stretch.start <= last and stretch.end >= first:
                until = stretch.end
        elif stretch.start <= until + timedelta(days=1):
            until = max(until, stretch.end)
        else:
            break
    return until


def by_person(leave: Iterable[Leave]) -> dict[str, list[Leave]]:
    found: dict[str, list[Leave]] = {}
    for stretch in leave:
        found.setdefault(stretch.person, []).append(stretch)
    return found
