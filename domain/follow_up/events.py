"""What attendees answered about cascading, and the calls made to them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.nominations.events import NominationEvent


class CascadeAnswered(NominationEvent):
    pass


@dataclass(frozen=True)
class FollowUpAnswered(NominationEvent):
    """An attendee answered about cascading, or added their words: the academy hears it."""

    answer_id: int = 0
    academy: tuple[str, ...] = ()  # the coordinators (or, failing them, the review channel)
    telling: str = "now"  # a domain.follow_up.follow_through.Telling


@dataclass(frozen=True)
class FollowUpCalled(NominationEvent):
    """A coordinator ticked off a follow-up call; every coordinator's Home shows it."""

    academy: tuple[str, ...] = ()
