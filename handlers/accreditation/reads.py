"""What accreditation messages say, read when they are sent (never stale)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.accreditation.mentoring import Pair
from domain.accreditation.pathways import Accreditation, Pathway, SignOff, Step
from domain.kernel.errors import NotFound
from domain.kernel.people import Actor
from domain.programme_admin.catalogue import Catalogue
from handlers.accreditation.peer_reviews import Shown, shown
from handlers.accreditation.ports import UnitOfWork as _Own
from handlers.kernel.people import today_for
from handlers.supervision.ports import UnitOfWork as _Supervision
from handlers.supervision.standing import standing_now


class UnitOfWork(_Own, _Supervision, Protocol):
    """A certificate's and a role's reads: the accreditation, and the holder's standing."""


@dataclass(frozen=True)
class Certified:
    accreditation: Accreditation
    pathway: Pathway
    sign_offs: tuple[SignOff, ...]
    confirmed_role: str
    overdue: tuple[str, ...] = ()  # requirement names overdue today


def accreditation_facts(accreditation_id: int, uow: UnitOfWork, now: datetime) -> Certified:
    with uow:
        found = [a for a in uow.accreditations.accreditations() if a.id == accreditation_id]
        if not found:
            raise NotFound("That accreditation no longer exists.")
        a, catalogue = found[0], uow.catalogue.get()
        pathway = catalogue.pathway(a.pathway)
        signed = tuple(uow.accreditations.sign_offs(a.person, a.pathway))
        last = pathway.steps[-1]
        role = catalogue.role_name(last.signed_off_by[0])
        overdue = _overdue(a.person, pathway.grants_role, uow, catalogue, now)
        return Certified(a, pathway, signed, role, overdue)


@dataclass(frozen=True)
class Held:
    """A role held other than by a pathway, for the message about its status."""

    person: str
    role_name: str
    overdue: tuple[str, ...] = ()  # requirement names overdue today


def role_facts(person: str, role: str, uow: UnitOfWork, now: datetime) -> Held:
    with uow:
        catalogue = uow.catalogue.get()
        return Held(person, catalogue.role_name(role), _overdue(person, role, uow, catalogue, now))


def _overdue(
    person: str, role: str, uow: UnitOfWork, catalogue: Catalogue, now: datetime
) -> tuple[str, ...]:
    """The names of the role's requirements the person is overdue with today."""
    known = uow.people.get(person)
    actor = known.actor if known else Actor(user_id=person)
    standing = standing_now(actor, uow, catalogue, today_for(person, uow, now))
    return tuple(s.requirement.name for s in standing if s.requirement.role == role and not s.met)


def step_facts(
    person: str, pathway_key: str, step_key: str, uow: UnitOfWork
) -> tuple[Pathway, Step, SignOff | None, bool]:
    """The step, its sign-off if any, and whether it is still asked for."""
    with uow:
        pathway = uow.catalogue.get().pathway(pathway_key)
        step = pathway.step(step_key)
        signed = next(
            (s for s in uow.accreditations.sign_offs(person, pathway_key) if s.step == step_key),
            None,
        )
        asked = any(
            (r.pathway, r.step) == (pathway_key, step_key)
            for r in uow.accreditations.requests(person)
        )
        return pathway, step, signed, asked


def review_shown(review_id: int, uow: UnitOfWork) -> Shown:
    with uow:
        return shown(uow.peer_reviews.get(review_id), uow)


def pair_of(pair_id: int, uow: UnitOfWork) -> tuple[Pair, int]:
    """The pair, and the days after which a quiet pair is nudged."""
    with uow:
        return uow.pairs.get(pair_id), uow.catalogue.get().mentoring.nudge_after_days
