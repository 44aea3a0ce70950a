"""Supervision and delivery records: what a facilitator logs, and the rules for a good entry."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.kernel.dates import DUE, HAPPENED, date_refusal
from domain.kernel.errors import DomainError, NotAllowed

EDIT_WINDOW = timedelta(days=30)


class Kind(StrEnum):
    SUPERVISION = "supervision"
    DELIVERY = "delivery"


class LogType(BaseModel):
    """A kind of entry: a supervision session or a delivery, from the configuration."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    name: Annotated[str, Field(min_length=1, max_length=75)]
    kind: Kind
    needs_person: bool = False  # a 1:1 or mentoring session is always with someone
    # The type this entry counts as for the person it was with (a mentoring session the
    # mentor logs counts as "mentoring received" for the mentee), if it counts for both.
    credits_other_as: str | None = None
    # A Leadership Support Circle: logged with its topic, ICS and co-facilitators (each of
    # whom is credited with it), by "Log a circle" rather than the general log form.
    circle: bool = False


class InvalidEntry(DomainError):
    """A field of a log entry is not acceptable; ``field`` names it."""


@dataclass
class Entry:
    """One logged session or delivery. ``notes`` are private to the author."""

    author_id: str
    log_type: str
    kind: Kind
    occurred_on: date
    created_at: datetime
    with_user: str | None = None
    with_name: str = ""
    duration_minutes: int | None = None
    participants: int | None = None
    notes: str = ""
    action: str = ""
    action_due: date | None = None
    id: int | None = None
    updated_at: datetime | None = None
    client_token: str | None = None
    group_session_id: int | None = None  # logged by recording who attended a group session

    def ensure_editable_by(self, user_id: str, now: datetime) -> None:
        if user_id != self.author_id:
            raise NotAllowed("You can only change your own entries.")
        if self.group_session_id is not None:
            raise NotAllowed(
                "This entry comes from a group session's attendance, recorded by its "
                "organiser: ask them to change it if it is wrong."
            )
        if now - self.created_at > EDIT_WINDOW:
            raise NotAllowed("Entries can be changed or deleted for 30 days after logging them.")

    def editable(self, now: datetime) -> bool:
        return self.group_session_id is None and now - self.created_at <= EDIT_WINDOW


def keep_relevant(entry: Entry, log_type: LogType) -> Entry:
    """Drop what does not belong to the type (the form offers both numbers)."""
    if log_type.kind is Kind.SUPERVISION:
        return replace(entry, participants=None)
    return replace(entry, duration_minutes=None)


def check_entry(entry: Entry, log_type: LogType, today: date) -> None:
    """Every rule of a good entry; raises for the first field that breaks one."""
    if refusal := date_refusal(entry.occurred_on, today, HAPPENED):
        raise InvalidEntry(refusal, field="date")
    if entry.action_due and (refusal := date_refusal(entry.action_due, today, DUE)):
        raise InvalidEntry(refusal, field="action_due")
    if entry.with_user and entry.with_name:
        raise InvalidEntry("Choose a Slack user or type a name, not both.", field="with_name")
    if log_type.needs_person and not (entry.with_user or entry.with_name):
        raise InvalidEntry(f"Who was the {log_type.name.lower()} with?", field="with_user")
    if log_type.kind is Kind.SUPERVISION:
        if entry.duration_minutes is None or not 5 <= entry.duration_minutes <= 480:
            raise InvalidEntry("Duration must be between 5 and 480 minutes.", field="duration")
    elif entry.participants is None or not 1 <= entry.participants <= 1000:
        raise InvalidEntry("Enter the number of participants (1 to 1000).", field="participants")
    if entry.action_due and not entry.action:
        raise InvalidEntry("Describe the agreed action, or clear its due date.", field="action")
    if entry.action_due and entry.action_due < entry.occurred_on:
        raise InvalidEntry("The action's due date is before the session.", field="action_due")
