"""The accreditation commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from handlers.kernel.commands import Command, Key, Name, UserId


class RequestStep(Command):
    """The person asks for the next step of a pathway ("Request observation")."""

    pathway: str = Field(min_length=1, max_length=40)


class SignOffStep(Command):
    """Someone holding the step's role signs off a step of ``person``'s pathway."""

    person: UserId
    pathway: str = Field(min_length=1, max_length=40)
    step: str = Field(min_length=1, max_length=40)
    occurred_on: date
    place: str = Field(default="", max_length=200)


class SubmitPeerReview(Command):
    """The assessor's Assessment / Peer Review Form (their sign-off is submitting it)."""

    trainer: UserId
    event: str | None = None
    event_date: date | None = None
    venue: str = Field(default="", max_length=3000)
    capacity: str | None = None
    other_trainers: str = Field(default="", max_length=3000)
    sessions_observed: str = Field(default="", max_length=3000)
    review_kind: str | None = None
    scores: dict[str, int] = Field(default_factory=dict)
    assessor_comments: str = Field(default="", max_length=3000)
    manager: UserId | None = None
    send_to_manager: bool = False
    pathway: str | None = Field(default=None, max_length=40)
    step: str | None = Field(default=None, max_length=40)
    signs_off: bool = False
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op


class AcknowledgeReview(Command):
    """The observed trainer adds their comments and signs the form."""

    review_id: int
    comments: str = Field(default="", max_length=3000)


class PairMentor(Command):
    """A coordinator pairs a mentor with a mentee."""

    mentor: UserId
    mentee: UserId
    line_manager: UserId | None = None
    override_reason: str = Field(default="", max_length=500)


class EndPair(Command):
    pair_id: int


class StepDraft(BaseModel):
    """One filled-in row of the pathway form."""

    model_config = ConfigDict(frozen=True)

    name: Annotated[Name, StringConstraints(max_length=100)]
    signed_off_by: tuple[Key, ...] = Field(min_length=1, max_length=20)
    evidence: Literal["attendance", "peer-review"] = "attendance"
    asks: str = Field(default="", max_length=60, pattern=r"^[^<>]*$")


class SavePathway(Command):
    """Add a pathway (``pathway_key`` None) or change one. ``steps`` are the form's rows in
    order: a row keeps the step in that place, None is a row left empty (that step goes)."""

    pathway_key: Key | None = None
    name: Annotated[Name, StringConstraints(max_length=100)]
    grants_role: Key
    open_to: tuple[Key, ...] = Field(default=(), max_length=20)
    lapse_after_days: int = Field(default=60, ge=0, le=730)
    steps: tuple[StepDraft | None, ...] = Field(max_length=10)


class SaveRoleHolders(Command):
    """Who holds each role (by Slack id); roles left out keep their holders."""

    holders: dict[Key, tuple[UserId, ...]] = Field(max_length=50)


class ShowAccreditation(Command):
    """Your pathways: where you are on each, who signs the next step (`/accreditation`)."""


class VerifyCertificate(Command):
    """Is there a certificate with this reference, and whose is it?"""

    reference: str


class RequestNextStep(Command):
    """Ask for the next step of the pathway named, or of the only one you are on."""

    pathway: str = Field(default="", max_length=40)


class AskReviewForm(Command):
    """Open the peer review form about ``trainer`` (for a pathway's step, if named)."""

    trainer: str
    pathway: str | None = None


class AskSignOffForm(Command):
    """Open the sign-off form for ``person``'s next step: may you sign it?"""

    person: str
    pathway: str


class AskReviewSignature(Command):
    """Open the form to sign a peer review: for the trainer observed, while it is unsigned."""

    review_id: int


class ShowReview(Command):
    """A peer review, read-only, for those who may read it."""

    review_id: int


class AskPathwayForm(Command):
    """Open a pathway's form (an empty one without a key), for coordinators."""

    pathway_key: str = Field(default="", max_length=40)


class AskRoleHolders(Command):
    """Open the form naming who holds each role, for coordinators."""


class AskPairForm(Command):
    """Open the form pairing a mentor with a mentee, for coordinators."""
