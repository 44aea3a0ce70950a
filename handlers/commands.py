"""Commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from domain.people import Actor

#: A Slack user id as Slack writes them (U… or W…); nothing else reaches the domain as a person.
UserId = Annotated[str, Field(pattern=r"^[UW][A-Z0-9]{1,20}$")]


class Command(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: Actor


class Nominate(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    ics_key: str = Field(min_length=1, max_length=40)
    nominee_id: UserId
    note: str = Field(default="", max_length=2000)


class ConfirmEligibility(Command):
    nomination_id: int
    criteria: frozenset[str]
    confirmations: frozenset[str]
    first_choice: str | None
    second_choice: str | None = None
    either: bool = False


class ConfirmPlace(Command):
    nomination_id: int
    cohort_key: str | None = None  # None: the nominee's first choice


class MovePlace(Command):
    nomination_id: int
    cohort_key: str = Field(min_length=1, max_length=40)


class AskToMove(Command):
    nomination_id: int
    cohort_key: str = Field(min_length=1, max_length=40)


class Waitlist(Command):
    nomination_id: int


class AnswerOffer(Command):
    nomination_id: int
    accept: bool


class ReorderWaitlist(Command):
    nomination_id: int
    position: int = Field(ge=1, le=1000)  # 1: first to be offered a place
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class ShareOffer(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    channel: str = Field(pattern=r"^[CG][A-Z0-9]{1,20}$")  # a public or private channel


class ExpressInterest(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    ics_key: str = Field(min_length=1, max_length=40)
    note: str = Field(default="", max_length=500)


class Decline(Command):
    nomination_id: int
    reason: str = Field(min_length=1, max_length=2000)


class Withdraw(Command):
    nomination_id: int
    reason: str = Field(default="", max_length=2000)


class RecordAttendance(Command):
    nomination_id: int
    attended: bool


class LogEntry(Command):
    """Log (or, with ``entry_id``, edit) a supervision session or a delivery."""

    log_type: str
    occurred_on: date
    with_user: UserId | None = None
    with_name: str = Field(default="", max_length=200)
    duration_minutes: int | None = None
    participants: int | None = None
    notes: str = Field(default="", max_length=3000)
    action: str = Field(default="", max_length=1000)
    action_due: date | None = None
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op
    entry_id: int | None = None


class DeleteEntry(Command):
    entry_id: int


class AnswerCascade(Command):
    """An attendee answers "have you started cascading?"."""

    nomination_id: int
    started: bool
    reason: str = Field(default="", max_length=1000)


class Snooze(Command):
    reminder_id: int


class ExportCoordinated(Command):
    request_id: str = Field(default="", max_length=100)
    format: Literal["csv", "xlsx"] = "csv"


class ExportNominations(Command):
    programme_key: str = Field(max_length=40)
    request_id: str = Field(default="", max_length=100)  # Slack's trigger: a retry sends once
    format: Literal["csv", "xlsx"] = "csv"


class ExportEntries(Command):
    request_id: str = Field(default="", max_length=100)
