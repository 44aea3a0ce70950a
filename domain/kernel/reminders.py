"""Reminders: when chases are due, and the working hours they are sent in. Pure rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.kernel.working_days import DEFAULT_REGION, Region, is_working_day


class ReminderPolicy(BaseModel):
    """All times and counts, configurable under [reminders]; these are the defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    eligibility_after_days: int = Field(default=3, ge=1)
    eligibility_lead_after_days: int = Field(default=7, ge=1)
    review_after_working_days: int = Field(default=3, ge=1)
    cohort_before_days: tuple[int, ...] = (7, 1)
    cascade_every_days: int = Field(default=14, ge=1)
    cascade_asks: int = Field(default=4, ge=1)
    requirement_before_days: tuple[int, ...] = (30, 7)
    requirement_overdue_every_days: int = Field(default=7, ge=1)
    requirement_escalate_after_days: int = Field(default=14, ge=1)
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    working_start: time = time(9, 0)
    working_end: time = time(17, 0)
    snooze_days: int = Field(default=7, ge=1)
    holidays: Region = DEFAULT_REGION  # whose bank holidays are not working days
    leave_extends_due: bool = True  # due dates move by the days a person is on leave

    @model_validator(mode="after")
    def _sensible_hours(self) -> ReminderPolicy:
        if not self.working_days or not set(self.working_days) <= set(range(7)):
            raise ValueError("working_days must list days from 0 (Monday) to 6 (Sunday)")
        if self.working_start >= self.working_end:
            raise ValueError("working_start must be before working_end")
        return self


def working_day(day: date, policy: ReminderPolicy) -> bool:
    """One of the policy's working days, and not a bank holiday."""
    return is_working_day(day, policy.working_days, policy.holidays)


def in_working_hours(moment: datetime, tz: str, policy: ReminderPolicy) -> bool:
    local = moment.astimezone(ZoneInfo(tz))
    return (
        working_day(local.date(), policy)
        and policy.working_start <= local.time() < policy.working_end
    )


def next_working_time(moment: datetime, tz: str, policy: ReminderPolicy) -> datetime:
    """``moment`` if it is in working hours, else the next start of a working day."""
    if in_working_hours(moment, tz, policy):
        return moment
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    day = local.date()
    if local.time() >= policy.working_start:
        day += timedelta(days=1)
    while not working_day(day, policy):
        day += timedelta(days=1)
    return datetime.combine(day, policy.working_start, tzinfo=zone).astimezone(moment.tzinfo)


def add_working_days(start: datetime, days: int, tz: str, policy: ReminderPolicy) -> datetime:
    """``start`` plus ``days`` working days (weekends and bank holidays skipped), in the
    zone ``tz``."""
    local = start.astimezone(ZoneInfo(tz))
    added = 0
    while added < days:
        local += timedelta(days=1)
        if working_day(local.date(), policy):
            added += 1
    return local.astimezone(start.tzinfo)


def last_working_start(moment: datetime, tz: str, policy: ReminderPolicy) -> datetime:
    """The start of the latest working day at or before ``moment`` (for "before" reminders,
    so a Sunday course's "tomorrow" reminder goes out on Friday, not after the weekend)."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    day = local.date() if local.time() >= policy.working_start else local.date() - timedelta(1)
    while not working_day(day, policy):
        day -= timedelta(days=1)
    return datetime.combine(day, policy.working_start, tzinfo=zone).astimezone(moment.tzinfo)
