"""The coordinator's view of facilitators' requirements: dates and standing, never notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.leave.leave import away_until
from domain.nominations.nomination import Status
from domain.supervision.requirements import RequirementStatus
from handlers.supervision.entries import YEAR
from handlers.supervision.ports import UnitOfWork
from handlers.supervision.standing import everyone_standing


@dataclass(frozen=True)
class Facilitator:
    user_id: str
    standing: list[RequirementStatus]
    logged_this_year: int
    away_until: date | None = None  # on leave until then (never why)
    roles: tuple[str, ...] = ()  # the keys of the roles they hold
    ics_key: str | None = None  # the ICS that nominated them (where they trained, first)
    left: bool = False  # their Slack account was deactivated: nothing is sent to them

    @property
    def overdue(self) -> int:
        return sum(1 for s in self.standing if not s.met)


def compliance(actor: Actor, uow: UnitOfWork, now: datetime) -> list[Facilitator]:
    """Everyone with requirements (by role), most overdue first, for a coordinator."""
    with uow:
        require_any_coordinator(actor, uow)
        return facilitators(uow, now)


def require_any_coordinator(actor: Actor, uow: UnitOfWork) -> None:
    if not any(p.is_coordinator(actor) for p in uow.programmes.list()):
        raise NotAllowed("Only coordinators can see facilitators' requirements.")


def facilitators(uow: UnitOfWork, now: datetime) -> list[Facilitator]:
    """Everyone who holds a role, with their standing, most overdue first (in ``uow``): a
    handful of reads, whether there are four facilitators or four thousand."""
    catalogue = uow.catalogue.get()
    logged = uow.entries.counts_since((now - YEAR).date())
    ics = _ics_by_person(uow)
    standing = list(everyone_standing(uow, catalogue, now))
    gone = uow.people.left(held.person for held in standing)
    result = [
        Facilitator(
            held.person,
            held.standing,
            logged.get(held.person, 0),
            away_until(held.leave, held.today),
            tuple(sorted(held.roles)),
            ics.get(held.person),
            held.person in gone,
        )
        for held in standing
    ]
    return sorted(result, key=lambda f: (-f.overdue, f.user_id))


def _ics_by_person(uow: UnitOfWork) -> dict[str, str]:
    """The ICS that nominated each person: where they trained, else were placed, else any."""
    rank = {Status.ATTENDED: 0, Status.CONFIRMED: 1}
    best: dict[str, tuple[int, str]] = {}
    for programme in uow.programmes.list():
        for n in uow.nominations.list(programme.key):
            mine = (rank.get(n.status, 2), n.ics_key)
            if n.nominee_id not in best or mine[0] < best[n.nominee_id][0]:
                best[n.nominee_id] = mine
    return {person: ics for person, (_, ics) in best.items()}
