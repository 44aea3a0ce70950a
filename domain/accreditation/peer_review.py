"""The Assessment / Peer Review Form: field for field as the framework has it, with two
sign-offs (the assessor's on submitting, the trainer's on acknowledging)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.kernel.dates import HAPPENED, date_refusal
from domain.kernel.errors import DomainError, NotAllowed


class Event(StrEnum):
    TUTOR_TRAINING = "Tutor Training Event"
    ASSESSOR_TRAINING = "Assessor Training Event"


class Capacity(StrEnum):
    """The capacity in which the trainer is being assessed."""

    LEAD_TRAINER = "Lead Trainer"
    CO_LEAD_TRAINER = "Co-Lead Trainer"
    ASSESSOR_TRAINER = "Assessor Trainer"
    ASSESSOR_CO_TRAINER = "Assessor Co-Trainer"


class ReviewKind(StrEnum):
    EXTERNAL = "External Review/Assessment"
    PEER = "Peer Review"


#: The four criteria, each scored 1 to 4.
CRITERIA: dict[str, str] = {
    "support": "Support for Individuals",
    "time_keeping": "Time Keeping",
    "ethos": "Adherence to Ethos and Value of Lay-Led Self-Management",
    "role_modelling": "Correct Role-modelling",
}
#: What each score means: the form defines its two ends; 2 and 3 lie between them.
SCORES: dict[int, str] = {
    1: "1 – does not meet the criteria at all",
    2: "2",
    3: "3",
    4: "4 – totally meets criteria",
}
TEXT_MAX = 3000


class InvalidReview(DomainError):
    """Some fields of the form are not acceptable: ``problems`` has each, by field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()), field=next(iter(problems), None))
        self.problems = problems


@dataclass
class PeerReview:
    """One completed form. ``trainer`` is the person observed, ``assessor`` who observed."""

    trainer: str
    assessor: str
    event: Event | None
    event_date: date | None
    venue: str
    capacity: Capacity | None
    other_trainers: str
    sessions_observed: str
    review_kind: ReviewKind | None
    scores: dict[str, int]
    assessor_comments: str
    assessor_signed_at: datetime
    trainer_comments: str = ""
    trainer_signed_at: datetime | None = None
    manager: str | None = None  # the trainer's manager, sent a copy when asked for
    pathway: str | None = None  # the step this review is the evidence for, if any
    step: str | None = None
    signs_off: bool = False  # the assessor signs the step off with it
    id: int | None = None

    @property
    def acknowledged(self) -> bool:
        return self.trainer_signed_at is not None

    def ensure_trainer(self, user_id: str) -> None:
        if user_id != self.trainer:
            raise NotAllowed("Only the trainer observed can add their comments and sign this.")
        if self.acknowledged:
            raise NotAllowed("You have signed this form already.")


def check_review(review: PeerReview, today: date) -> None:
    """Every rule of a complete form; all problems at once, each beside its field."""
    problems: dict[str, str] = {}
    if review.event is None:
        problems["event"] = "Which kind of event was it?"
    if review.event_date is None:
        problems["event_date"] = "When was the event?"
    elif refusal := date_refusal(review.event_date, today, HAPPENED):
        problems["event_date"] = refusal
    if not review.venue.strip():
        problems["venue"] = "Where was the event?"
    if review.trainer == review.assessor:
        problems["trainer"] = "You cannot review yourself: someone else observes you."
    if review.capacity is None:
        problems["capacity"] = "In which capacity is the trainer being assessed?"
    if not review.sessions_observed.strip():
        problems["sessions_observed"] = "Which sessions did you observe?"
    if review.review_kind is None:
        problems["review_kind"] = "Is this an external review or a peer review?"
    for key, name in CRITERIA.items():
        if review.scores.get(key) not in SCORES:
            problems[f"score:{key}"] = f"Score “{name}” from 1 to 4."
    if not review.assessor_comments.strip():
        problems["assessor_comments"] = "Add your comments and observations of the event."
    for key in ("venue", "other_trainers", "sessions_observed", "assessor_comments"):
        if len(getattr(review, key)) > TEXT_MAX:
            problems[key] = f"This is too long: at most {TEXT_MAX} characters."
    if review.manager and review.manager in (review.trainer, review.assessor):
        problems["manager"] = "Choose the trainer's manager (not the trainer or yourself)."
    if problems:
        raise InvalidReview(problems)
