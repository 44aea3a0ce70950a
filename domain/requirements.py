"""Annual and ongoing requirements, and where a person stands against them on a given day."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.supervision import Entry

DUE_SOON_DAYS = 30


class Role(BaseModel):
    """A role with requirements; members are Slack ids or e-mails (others join by events)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    name: str
    members: tuple[str, ...] = ()


class Requirement(BaseModel):
    """At least one entry of ``log_types`` in every ``every_months`` for people in ``role``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    role: str
    name: str
    log_types: tuple[str, ...] = Field(min_length=1)
    every_months: int = Field(ge=1, le=60)


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

    @property
    def met(self) -> bool:
        return self.standing is not Standing.OVERDUE


@lru_cache(maxsize=8192)  # planning asks for the same few hundred dates a hundred thousand times
def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def status_of(
    requirement: Requirement, entries: Iterable[Entry], since: date | None, today: date
) -> RequirementStatus:
    """Due one period after the last matching entry, or after the role began (else now)."""
    dates = [e.occurred_on for e in entries if e.log_type in requirement.log_types]
    return status_from(requirement, max(dates, default=None), since, today)


def status_from(
    requirement: Requirement, last: date | None, since: date | None, today: date
) -> RequirementStatus:
    """The same, from the date of the latest matching entry (as the planner reads it)."""
    due = due_after(requirement, last, since) or today
    if due < today:
        standing = Standing.OVERDUE
    elif (due - today).days <= DUE_SOON_DAYS:
        standing = Standing.DUE_SOON
    else:
        standing = Standing.MET
    return RequirementStatus(requirement, last, due, standing, anchored=bool(last or since))


def due_after(requirement: Requirement, last: date | None, since: date | None) -> date | None:
    """Next due: one period after the last matching entry, or after the role began (None:
    neither is known)."""
    start = last or since
    return add_months(start, requirement.every_months) if start else None


def standing_for(
    requirements: Iterable[Requirement],
    roles: dict[str, date | None],
    entries: list[Entry],
    today: date,
) -> list[RequirementStatus]:
    """Each requirement of the person's roles (role key -> the day the role began, if known)."""
    return [status_of(r, entries, roles[r.role], today) for r in requirements if r.role in roles]
