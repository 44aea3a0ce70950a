"""The coordinator's view of facilitators' requirements: dates and standing, never notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.catalogue import Catalogue
from domain.errors import NotAllowed
from domain.leave import away_until
from domain.nomination import Status
from domain.people import Actor, is_erased
from domain.requirements import RequirementStatus
from handlers.people import today_for
from handlers.ports import UnitOfWork
from handlers.roles import accredited_roles
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


Roles = dict[str, dict[str, date | None]]  # person -> role -> the day it began, if known


def roles_by_person(uow: UnitOfWork, catalogue: Catalogue) -> Roles:
    """Roles from the configuration (ids, or addresses of people Cascade has met), and from
    attending a programme that grants one (since the cohort's last day)."""
    roles: Roles = {}
    for role in catalogue.roles:
        addresses = [m for m in role.members if "@" in m]
        ids = [m for m in role.members if "@" not in m and m[:1] in ("U", "W")]
        for person in [*ids, *uow.people.by_emails(addresses).values()]:
            roles.setdefault(person, {})[role.key] = None
    for programme in uow.programmes.list():
        if not programme.grants_role:
            continue
        attended = frozenset({Status.ATTENDED})
        for n in uow.nominations.list(programme.key, statuses=attended):
            cohort = programme.cohort(n.cohort_key or "")
            since = programme.local_to_utc(cohort.last_end).date()
            held = roles.setdefault(n.nominee_id, {})
            known = held.get(programme.grants_role)
            held[programme.grants_role] = min(since, known) if known else since
    for person, granted in accredited_roles(uow, catalogue).items():
        for role, since in granted.items():
            roles.setdefault(person, {}).setdefault(role, since)
    return roles
