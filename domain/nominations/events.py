"""What happened to nominations, and to the offer of places."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kernel.events import Event
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import Nomination


@dataclass(frozen=True)
class NominationEvent(Event):
    """Something happened to a nomination; ``actor`` is who did it (a user id, or Cascade)."""

    nomination: Nomination
    programme: Programme
    actor: str

    @property
    def nomination_id(self) -> int:
        return self.nomination.id or 0


class Nominated(NominationEvent):
    pass


class EligibilityConfirmed(NominationEvent):
    pass


class PlaceConfirmed(NominationEvent):
    pass


@dataclass(frozen=True)
class PlaceMoved(NominationEvent):
    moved_from: str = ""  # the cohort the place was in


@dataclass(frozen=True)
class MoveAsked(NominationEvent):
    wanted: str = ""  # the cohort the participant asks to move to


class Waitlisted(NominationEvent):
    pass


class Declined(NominationEvent):
    pass


class Withdrawn(NominationEvent):
    pass


@dataclass(frozen=True)
class PlaceOffered(NominationEvent):
    """A place freed by ``freed_by`` is offered to this waitlisted nomination (until the
    nomination's ``offer_expires_at``)."""

    freed_by: str = ""


class OfferLapsed(NominationEvent):
    """An offered place was not answered in time: back on the waitlist."""


class WaitlistReordered(NominationEvent):
    """A coordinator gave this nomination another place on the waitlist."""


class AttendanceRecorded(NominationEvent):
    pass


@dataclass(frozen=True)
class OfferShared(Event):
    """A coordinator posted the offer to a channel, with "I'm interested"."""

    programme: Programme
    channel: str
    actor: str
    request: str = ""  # the same request asked twice (a Slack retry) posts once


@dataclass(frozen=True)
class InterestExpressed(Event):
    """Someone would like a place: their ICS's leads are asked to nominate them."""

    programme: Programme
    ics: Ics
    actor: str  # the interested person
    note: str = ""
    leads: tuple[str, ...] = ()  # the Slack ids of the ICS's leads (the file may name addresses)
