"""Commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from domain.people import Actor


class Command(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: Actor


class Nominate(Command):
    programme_key: str
    ics_key: str
    nominee_id: str
    note: str = Field(default="", max_length=2000)


class MarkInvited(BaseModel):
    model_config = ConfigDict(frozen=True)

    nomination_id: int


class ConfirmEligibility(Command):
    nomination_id: int
    criteria: frozenset[str]
    confirmations: frozenset[str]
    first_choice: str | None
    second_choice: str | None = None
    either: bool = False


class AllocatePlace(Command):
    nomination_id: int
    cohort_key: str | None = None  # None: the nominee's first choice


class Waitlist(Command):
    nomination_id: int


class Decline(Command):
    nomination_id: int
    reason: str = Field(min_length=1, max_length=2000)


class Withdraw(Command):
    nomination_id: int
    reason: str = Field(default="", max_length=2000)


class RecordAttendance(Command):
    nomination_id: int
    attended: bool
