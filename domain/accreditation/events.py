"""What happened to pathways, accreditations, peer reviews and mentoring."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accreditation.mentoring import Pair
from domain.accreditation.pathways import Accreditation, SignOff
from domain.accreditation.peer_review import PeerReview
from domain.accreditation.status import RoleStatus
from domain.kernel.events import Event


@dataclass(frozen=True)
class StepRequested(Event):
    """``person`` asked for the next step of a pathway: ``signers`` hold the role to sign it."""

    person: str
    pathway: str
    step: str
    signers: tuple[str, ...]


@dataclass(frozen=True)
class StepSignedOff(Event):
    sign_off: SignOff


@dataclass(frozen=True)
class Accredited(Event):
    """The last step was signed off: the certificate goes to the person and coordinators."""

    accreditation: Accreditation
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class AccreditationStatusChanged(Event):
    """An accreditation lapsed, or was re-instated by the evidence logged."""

    accreditation: Accreditation
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class RoleStatusChanged(Event):
    """Someone holding a role other than by a pathway lapsed in it, or was re-instated."""

    status: RoleStatus
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class PeerReviewSubmitted(Event):
    review: PeerReview


@dataclass(frozen=True)
class PeerReviewSigned(Event):
    """The trainer added their comments and signed: the assessor hears of it."""

    review: PeerReview


@dataclass(frozen=True)
class ReviewSentToManager(Event):
    review: PeerReview
    manager: str


@dataclass(frozen=True)
class MentorPaired(Event):
    pair: Pair


@dataclass(frozen=True)
class PairEnded(Event):
    pair: Pair
    actor: str
