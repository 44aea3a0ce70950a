"""Reminders: what is chased, when it is due, working hours, retries. Pure rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Reason(StrEnum):
    ELIGIBILITY = "eligibility"  # nominee has not confirmed eligibility
    ELIGIBILITY_LEAD = "eligibility-lead"  # ...and their ICS lead is told
    REVIEW_DIGEST = "review-digest"  # coordinators: nominations waiting for review
    COHORT_SOON = "cohort-soon"  # confirmed participant: training starts soon
    RECORD_ATTENDANCE = "record-attendance"  # coordinators: a cohort has finished
    CASCADE_CHECK = "cascade-check"  # attendee: have you started cascading?
    CASCADE_LATE = "cascade-late"  # coordinators: still not cascading after the asks
    IMPLEMENTATION = "implementation"  # ICS lead: local implementation session
    REQUIREMENT = "requirement"  # a requirement is due soon, due, or overdue
    REQUIREMENT_LATE = "requirement-late"  # line manager / coordinator: long overdue
    ACTION_DUE = "action-due"  # an agreed action from a supervision log is due

    @property
    def snoozable(self) -> bool:
        """ "Remind me next week" is offered for reminders that are not mandatory steps."""
        return self in (Reason.REQUIREMENT, Reason.ACTION_DUE, Reason.CASCADE_CHECK)


class State(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


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

    @model_validator(mode="after")
    def _sensible_hours(self) -> ReminderPolicy:
        if not self.working_days or not set(self.working_days) <= set(range(7)):
            raise ValueError("working_days must list days from 0 (Monday) to 6 (Sunday)")
        if self.working_start >= self.working_end:
            raise ValueError("working_start must be before working_end")
        return self


@dataclass
class Reminder:
    """One message to one person, unique by (person, reason, subject, period)."""

    person_id: str
    reason: Reason
    subject: str  # e.g. "nomination:12", "requirement:lt-review", "entry:5"
    period: str  # distinguishes repeats, e.g. "1", "ask-2", "2027-01-01:before-7"
    due_at: datetime
    payload: dict = field(default_factory=dict)
    state: State = State.PENDING
    attempts: int = 0
    id: int | None = None
    lease_until: datetime | None = None
    last_error: str = ""
    sent_ts: str | None = None


PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "user_not_found",
        "users_not_found",
        "channel_not_found",
        "is_archived",
        "user_disabled",
        "not_authed",
        "invalid_auth",
        "cannot_dm_bot",
    }
)
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failures; None when it is time to give up."""
    if attempts > len(RETRY_DELAYS):
        return None
    return now + RETRY_DELAYS[attempts - 1]


def in_working_hours(moment: datetime, tz: str, policy: ReminderPolicy) -> bool:
    local = moment.astimezone(ZoneInfo(tz))
    return (
        local.weekday() in policy.working_days
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
    while day.weekday() not in policy.working_days:
        day += timedelta(days=1)
    return datetime.combine(day, policy.working_start, tzinfo=zone).astimezone(moment.tzinfo)


def add_working_days(start: datetime, days: int, tz: str, policy: ReminderPolicy) -> datetime:
    """``start`` plus ``days`` working days (weekends skipped), in the zone ``tz``."""
    local = start.astimezone(ZoneInfo(tz))
    added = 0
    while added < days:
        local += timedelta(days=1)
        if local.weekday() in policy.working_days:
            added += 1
    return local.astimezone(start.tzinfo)


def last_working_start(moment: datetime, tz: str, policy: ReminderPolicy) -> datetime:
    """The start of the latest working day at or before ``moment`` (for "before" reminders,
    so a Sunday course's "tomorrow" reminder goes out on Friday, not after the weekend)."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    day = local.date() if local.time() >= policy.working_start else local.date() - timedelta(1)
    while day.weekday() not in policy.working_days:
        day -= timedelta(days=1)
    return datetime.combine(day, policy.working_start, tzinfo=zone).astimezone(moment.tzinfo)
