"""Outcomes: what a use case did, in the past tense; each causes messages (handlers/announce)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accreditation import Accreditation, SignOff
from domain.accreditation_status import RoleStatus
from domain.group_sessions import Answer, GroupSession
from domain.mentoring import Pair
from domain.nomination import Nomination
from domain.peer_review import PeerReview
from domain.programme import Ics, Programme, Session


@dataclass(frozen=True)
class NominationEvent:
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


class CascadeAnswered(NominationEvent):
    pass


@dataclass(frozen=True)
class FollowUpAnswered(NominationEvent):
    """An attendee answered about cascading, or added their words: the academy hears it."""

    answer_id: int = 0
    academy: tuple[str, ...] = ()  # the coordinators (or, failing them, the review channel)
    telling: str = "now"  # a domain.follow_through.Telling


@dataclass(frozen=True)
class FollowUpCalled(NominationEvent):
    """A coordinator ticked off a follow-up call; every coordinator's Home shows it."""

    academy: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryLogged:
    """A supervision session or delivery was logged, edited or deleted."""

    author: str


@dataclass(frozen=True)
class NominationsExportRequested:
    """A coordinator asked for a programme's nominations as a file."""

    programme: Programme
    actor: str
    request: str = ""  # the same request asked twice (a Slack retry) sends one file
    format: str = "csv"  # or "xlsx"


@dataclass(frozen=True)
class EntriesExportRequested:
    """A facilitator asked for all their own entries as a file."""

    actor: str
    request: str = ""


@dataclass(frozen=True)
class OfferShared:
    """A coordinator posted the offer to a channel, with "I'm interested"."""

    programme: Programme
    channel: str
    actor: str
    request: str = ""  # the same request asked twice (a Slack retry) posts once


@dataclass(frozen=True)
class InterestExpressed:
    """Someone would like a place: their ICS's leads are asked to nominate them."""

    programme: Programme
    ics: Ics
    actor: str  # the interested person
    note: str = ""
    leads: tuple[str, ...] = ()  # the Slack ids of the ICS's leads (the file may name addresses)


@dataclass(frozen=True)
class HomeOpened:
    """Someone opened Cascade's Home tab."""

    actor: str


@dataclass(frozen=True)
class CohortRescheduled:
    """A cohort's sessions or joining details changed; ``participants`` hold places in it."""

    programme: Programme
    cohort_key: str
    revision: int  # how many times it has changed: a new period for each change's messages
    participants: tuple[Nomination, ...]
    # Sessions it no longer has: those numbered after the ones it keeps (events by number).
    dropped: tuple[Session, ...] = ()


@dataclass(frozen=True)
class CohortCancelled(NominationEvent):
    """This nomination's cohort was cancelled: it is back on the waitlist or released."""

    cohort_key: str = ""
    why: str = ""  # the coordinator's words, if any


@dataclass(frozen=True)
class ProgrammeChanged:
    """A coordinator changed a programme or an ICS: the dashboards of ``people`` change."""

    actor: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class RequestAnswered:
    """What a request acknowledged earlier came to, for the person who made it: why it was
    not carried out (``refusal``), or, for a click in a private reply, where the nomination
    stands now. ``channel``: where they clicked (a reply only they see there); else a DM."""

    request_id: int
    actor: str
    nomination_id: int
    channel: str | None = None
    refusal: str = ""
    can_waitlist: bool = False  # refused for want of a place: offer the waitlist instead


@dataclass(frozen=True)
class StepRequested:
    """``person`` asked for the next step of a pathway: ``signers`` hold the role to sign it."""

    person: str
    pathway: str
    step: str
    signers: tuple[str, ...]


@dataclass(frozen=True)
class StepSignedOff:
    sign_off: SignOff


@dataclass(frozen=True)
class Accredited:
    """The last step was signed off: the certificate goes to the person and coordinators."""

    accreditation: Accreditation
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class AccreditationStatusChanged:
    """An accreditation lapsed, or was re-instated by the evidence logged."""

    accreditation: Accreditation
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class RoleStatusChanged:
    """Someone holding a role other than by a pathway lapsed in it, or was re-instated."""

    status: RoleStatus
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class PeerReviewSubmitted:
    review: PeerReview


@dataclass(frozen=True)
class PeerReviewSigned:
    """The trainer added their comments and signed: the assessor hears of it."""

    review: PeerReview


@dataclass(frozen=True)
class ReviewSentToManager:
    review: PeerReview
    manager: str


@dataclass(frozen=True)
class MentorPaired:
    pair: Pair


@dataclass(frozen=True)
class PairEnded:
    pair: Pair
    actor: str


@dataclass(frozen=True)
class GroupSessionScheduled:
    """A group session was scheduled: ``invitees`` are asked to it."""

    session: GroupSession
    invitees: tuple[str, ...]


@dataclass(frozen=True)
class GroupSessionAnswered:
    session: GroupSession
    person: str
    answer: Answer


@dataclass(frozen=True)
class GroupSessionCancelled:
    """Everyone invited (and the organiser, if someone else cancelled it) is told."""

    session: GroupSession
    invitees: tuple[str, ...]
    actor: str


@dataclass(frozen=True)
class GroupAttendanceRecorded:
    """Who attended changed: ``added`` are credited with it now, ``removed`` no longer are."""

    session: GroupSession
    added: tuple[str, ...]
    removed: tuple[str, ...]
    actor: str


@dataclass(frozen=True)
class AccreditationExportRequested:
    actor: str
    request: str = ""
    format: str = "csv"


Event = (
    RequestAnswered
    | NominationEvent
    | EntryLogged
    | HomeOpened
    | NominationsExportRequested
    | EntriesExportRequested
    | CohortRescheduled
    | StepRequested
    | StepSignedOff
    | Accredited
    | AccreditationStatusChanged
    | RoleStatusChanged
    | PeerReviewSubmitted
    | PeerReviewSigned
    | ReviewSentToManager
    | MentorPaired
    | PairEnded
    | AccreditationExportRequested
    | GroupSessionScheduled
    | GroupSessionAnswered
    | GroupSessionCancelled
    | GroupAttendanceRecorded
)
