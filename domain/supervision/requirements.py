"""Annual and ongoing requirements, and where a person stands against them on a given day."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.leave.leave import Leave, extended, stretched_back
from domain.supervision.entries import Entry
from domain.supervision.hours import completed_on, hours_text, minutes_between, minutes_by_day

DUE_SOON_DAYS = 30


class Role(BaseModel):
    """A role with requirements; members are Slack ids or e-mails (others join by events)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    name: str
    members: tuple[str, ...] = ()


class Requirement(BaseModel):
    """At least one entry of ``log_types`` in every ``every_months`` for people in ``role``;
    with ``hours``, entries of those types adding up to that many hours
    (domain/supervision/hours.py)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    role: str
    name: str
    log_types: tuple[str, ...] = Field(min_length=1)
    every_months: int = Field(ge=1, le=60)
    hours: int | None = Field(default=None, ge=1, le=2000)


class Standing(StrEnum):
    MET = "met"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class RequirementStatus:
    requirement: Requirement
    last: date | None
    due: date
    standing: Standing
    anchored: bool = True  # False: nothing logged and no start known, so "due" is just today
    minutes: int | None = None  # hours-based: the minutes logged in the window ending today

    @property
    def met(self) -> bool:
        return self.standing is not Standing.OVERDUE

    @property
    def progress(self) -> str:
        """ "18 of 30 hours" for an hours-based requirement; empty for one counted in entries."""
        if self.minutes is None or not self.requirement.hours:
            return ""
        return f"{hours_text(self.minutes)} of {self.requirement.hours} hours"


@lru_cache(maxsize=8192)  # planning asks for the same few hundred dates a hundred thousand times
def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def status_of(
    requirement: Requirement,
    entries: Iterable[Entry],
    since: date | None,
    today: date,
    away: Sequence[Leave] = (),
) -> RequirementStatus:
    """Due one period after the last matching entry (hours-based: after the entry that
    completed the hours), or after the role began (else now); moved by the days ``away``."""
    matching = [e for e in entries if e.log_type in requirement.log_types]
    if not requirement.hours:
        last = max((e.occurred_on for e in matching), default=None)
        return status_from(requirement, last, since, today, away)
    days = minutes_by_day(matching)
    first = stretched_back(add_months(today, -requirement.every_months), today, away)
    completed = completed_on(days, requirement.hours * 60)
    status = status_from(requirement, completed, since, today, away)
    return replace(status, minutes=minutes_between(days, first, today))


def status_from(
    requirement: Requirement,
    last: date | None,
    since: date | None,
    today: date,
    away: Sequence[Leave] = (),
) -> RequirementStatus:
    """The same, from the date of the latest matching entry (as the planner reads it)."""
    return standing_of(
        requirement, last, since, due_after(requirement, last, since, away, today), today
    )


def standing_of(
    requirement: Requirement, last: date | None, since: date | None, due: date | None, today: date
) -> RequirementStatus:
    """The same, once the due date is known (``due_after``: None when nothing is known yet)."""
    due = due or today
    if due < today:
        standing = Standing.OVERDUE
    elif (due - today).days <= DUE_SOON_DAYS:
        standing = Standing.DUE_SOON
    else:
        standing = Standing.MET
    return RequirementStatus(requirement, last, due, standing, anchored=bool(last or since))


def due_after(
    requirement: Requirement,
    last: date | None,
    since: date | None,
    away: Sequence[Leave] = (),
    today: date | None = None,
) -> date | None:
    """Next due: one period after the last matching entry, or after the role began (None:
    neither is known), moved by the days away since then."""
    start = last or since
    if not start:
        return None
    due = add_months(start, requirement.every_months)
    return extended(due, start, away, today) if away else due


def standing_for(
    requirements: Iterable[Requirement],
    roles: dict[str, date | None],
    entries: list[Entry],
    today: date,
    away: Sequence[Leave] = (),
) -> list[RequirementStatus]:
    """Each requirement of the person's roles (role key -> the day the role began, if known);
    ``away``: the person's leave, when it moves due dates."""
    return [
        status_of(r, entries, roles[r.role], today, away) for r in requirements if r.role in roles
    ]
