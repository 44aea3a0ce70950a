"""The nominations commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from handlers.kernel.commands import Command, UserId


class Nominate(Command):
    programme_key: str = Field(min_length=1, max_length=40)
    ics_key: str = Field(min_length=1, max_length=40)
    nominee_id: UserId
    note: str = Field(default="", max_length=2000)
    organisation: str = Field(default="", max_length=200)  # the nominee's employer
    sponsor: UserId | None = None  # who agreed it; None: whoever nominates


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
    missed_session: int | None = Field(default=None, ge=1, le=10)  # attended all but this one


class AskDecision(Command):
    """A coordinator opens a decision's form: may they make it, is it still to be made?"""

    nomination_id: int
    action: str = Field(pattern=r"^(decline)$")


class AskToNominate(Command):
    """Someone opens the nomination form: which programmes are open, which ICSs are theirs?"""

    nominee_id: UserId | None = None  # `/nominate @name`: the form names them already


class AskEligibility(Command):
    """The nominee opens their eligibility form: theirs, still awaited, a cohort left?"""

    nomination_id: int


class AskWaitlistPosition(Command):
    """A coordinator opens the form to move someone on the waitlist (still waitlisted?)."""

    nomination_id: int


class AskInterest(Command):
    """Someone presses "I'm interested" on an offer: is it still open, and to which ICSs?"""

    programme_key: str = Field(max_length=40)


class AskStatus(Command):
    """`/nominate status`: where the nominations this person coordinates, leads or has stand."""


class AskHelp(Command):
    """`/nominate help`: how to nominate, and whom to ask about each open programme."""
