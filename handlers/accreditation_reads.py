"""What accreditation messages say, read when they are sent (never stale)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.accreditation import Accreditation, Pathway, SignOff, Step
from domain.errors import NotFound
from domain.mentoring import Pair
from handlers.accreditation_status import standing_of
from handlers.peer_reviews import Shown, shown
from handlers.people import today_for
from handlers.ports import UnitOfWork


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
        today = today_for(a.person, uow, now)
        overdue = tuple(
            s.requirement.name for s in standing_of(a, uow, catalogue, today) if not s.met
        )
        return Certified(a, pathway, signed, role, overdue)


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
