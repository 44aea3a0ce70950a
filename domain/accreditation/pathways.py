"""Accreditation pathways: ordered steps, who may sign each off, and staying accredited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.kernel.dates import SIGNED_OFF, date_refusal
from domain.kernel.errors import DomainError, NotAllowed, NotFound
from domain.supervision.requirements import RequirementStatus, Standing

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
# A requirement overdue this long lapses the role: a pathway's own setting, else this.
DEFAULT_LAPSE_AFTER_DAYS = 60


class Evidence(StrEnum):
    ATTENDANCE = "attendance"  # the date and place it happened, signed off
    PEER_REVIEW = "peer-review"  # the Assessment / Peer Review Form, by the signer


class Step(BaseModel):
    """One step of a pathway, signed off by someone holding one of ``signed_off_by``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Key
    name: Annotated[str, Field(min_length=1, max_length=100)]
    signed_off_by: tuple[Key, ...] = Field(min_length=1)  # role keys
    evidence: Evidence = Evidence.ATTENDANCE
    asks: str = "Request sign-off"  # what the person's button says, e.g. "Request observation"


class Pathway(BaseModel):
    """Steps in order; the last one's sign-off accredits, granting ``grants_role``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Key
    name: Annotated[str, Field(min_length=1, max_length=100)]
    grants_role: Key
    open_to: tuple[Key, ...] = ()  # roles that may start it (none: anyone)
    steps: tuple[Step, ...] = Field(min_length=1)
    lapse_after_days: int = Field(default=DEFAULT_LAPSE_AFTER_DAYS, ge=0, le=730)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise NotFound(f"{self.name} has no step called {key!r}.")

    def next_step(self, done: Iterable[str]) -> Step | None:
        signed = set(done)
        return next((s for s in self.steps if s.key not in signed), None)


@dataclass(frozen=True)
class SignOff:
    """A step signed off: when and where it happened, and who signed it."""

    person: str
    pathway: str
    step: str
    occurred_on: date
    place: str
    signed_by: str
    signed_at: datetime
    review_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class StepRequest:
    """A person asked for a step (e.g. "Request observation"); open until it is signed off."""

    person: str
    pathway: str
    step: str
    asked_at: datetime
    id: int | None = None


class InvalidSignOff(DomainError):
    """A field of a sign-off is not acceptable; ``field`` names it."""


def check_sign_off(
    pathway: Pathway,
    step: Step,
    sign_off: SignOff,
    signer_roles: Iterable[str],
    done: Iterable[str],
    today: date,
    role_names: dict[str, str],
) -> None:
    """Every rule of a sign-off: never your own, only by the step's roles, in order."""
    if sign_off.signed_by == sign_off.person:
        raise NotAllowed("You cannot sign off your own step: someone else has to.")
    if step.key in set(done):
        raise NotAllowed(f"“{step.name}” is signed off already.")
    expected = pathway.next_step(done)
    if expected is not None and expected.key != step.key:
        raise NotAllowed(f"“{expected.name}” has to be signed off first.")
    if not set(step.signed_off_by) & set(signer_roles):
        who = " or ".join(role_names.get(r, r) for r in step.signed_off_by)
        raise NotAllowed(f"Only {with_article(who)} can sign off “{step.name}”.")
    if refusal := date_refusal(sign_off.occurred_on, today, SIGNED_OFF):
        raise InvalidSignOff(refusal, field="date")
    if not sign_off.place.strip():
        raise InvalidSignOff("Where did it take place?", field="place")


@dataclass(frozen=True)
class Progress:
    """Where one person is on one pathway."""

    pathway: Pathway
    sign_offs: tuple[SignOff, ...]
    asked: StepRequest | None = None  # the open request for the next step, if any

    @property
    def done(self) -> set[str]:
        return {s.step for s in self.sign_offs}

    @property
    def next(self) -> Step | None:
        return self.pathway.next_step(self.done)

    def of(self, step: str) -> SignOff | None:
        return next((s for s in self.sign_offs if s.step == step), None)


class Status(StrEnum):
    ACTIVE = "active"
    AT_RISK = "at risk"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class Accreditation:
    """A person accredited on a pathway, with the confirmation form's facts and the
    certificate's verification reference."""

    person: str
    pathway: str
    accredited_on: date
    confirmed_by: str
    reference: str
    issued_on: date
    status: Status = Status.ACTIVE
    status_since: date | None = None
    id: int | None = None


def status_from(standing: Iterable[RequirementStatus], today: date, lapse_after: int) -> Status:
    """Lapsed when a requirement is overdue by more than ``lapse_after`` days; at risk when one
    is due soon or overdue; else active."""
    worst = Status.ACTIVE
    for s in standing:
        if s.standing is Standing.OVERDUE and (today - s.due).days > lapse_after:
            return Status.LAPSED
        if s.standing is not Standing.MET:
            worst = Status.AT_RISK
    return worst


def normalise_reference(text: str) -> str:
    """A reference as people type it back: any case, spaces or dashes anywhere."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def display_reference(reference: str) -> str:
    """CASABCDE12345 -> CAS-ABCDE-12345: easier to read out and type."""
    return f"{reference[:3]}-{reference[3:8]}-{reference[8:]}"


def with_article(name: str) -> str:
    """ "an Assessor Trainer", "a Trainer of Lead Trainers"."""
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
