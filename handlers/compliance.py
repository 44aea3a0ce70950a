"""The coordinator's view of facilitators' requirements: dates and standing, never notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.errors import NotAllowed
from domain.leave import away_until
from domain.nomination import Status
from domain.people import Actor, is_erased
from domain.requirements import RequirementStatus
from handlers.people import today_for
from handlers.ports import UnitOfWork
from handlers.roles import Roles, roles_by_person
from handlers.supervision import YEAR, record_for


@dataclass(frozen=True)
class Facilitator:
    user_id: str
    standing: list[RequirementStatus]
    logged_this_year: int
    away_until: date | None = None  # on leave until then (never why)
    roles: tuple[str, ...] = ()  # the keys of the roles they hold
    ics_key: str | None = None  # the ICS that nominated them (where they trained, first)

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
    """Everyone who holds a role, with their standing, most overdue first (in ``uow``)."""
    result = []
    roles = roles_by_person(uow, uow.catalogue.get())
    for person in people_with_requirements(uow, roles):
        record = record_for(person, uow, today_for(person.user_id, uow, now))
        year = sum(1 for e in record.entries if e.occurred_on > record.today - YEAR)
        away = away_until(uow.leave.list(person.user_id), record.today)
        held = tuple(sorted(roles.get(person.user_id, {})))
        ics = ics_of(person.user_id, uow)
        result.append(Facilitator(person.user_id, record.standing, year, away, held, ics))
    return sorted(result, key=lambda f: (-f.overdue, f.user_id))


def ics_of(person: str, uow: UnitOfWork) -> str | None:
    """The ICS that nominated the person: where they trained, else placed, else any."""
    mine = uow.nominations.list(nominee_id=person)
    for wanted in ((Status.ATTENDED,), (Status.CONFIRMED,), tuple(Status)):
        found = [n.ics_key for n in mine if n.status in wanted]
        if found:
            return found[0]
    return None


def people_with_requirements(uow: UnitOfWork, roles: Roles) -> list[Actor]:
    """Everyone who holds a role: configured members, and those who attended a programme
    that grants one."""
    people = []
    for user_id in sorted(i for i in roles if not is_erased(i)):
        person = uow.people.get(user_id)
        people.append(person.actor if person else Actor(user_id=user_id))
    return people
