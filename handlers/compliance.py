"""The coordinator's view of facilitators' requirements: dates and standing, never notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import NotAllowed
from domain.nomination import Status
from domain.people import Actor, is_erased
from domain.requirements import RequirementStatus
from handlers.people import slack_ids, today_for
from handlers.ports import UnitOfWork
from handlers.supervision import YEAR, record_for


@dataclass(frozen=True)
class Facilitator:
    user_id: str
    standing: list[RequirementStatus]
    logged_this_year: int

    @property
    def overdue(self) -> int:
        return sum(1 for s in self.standing if not s.met)


def compliance(actor: Actor, uow: UnitOfWork, now: datetime) -> list[Facilitator]:
    """Everyone with requirements (by role), most overdue first, for a coordinator."""
    with uow:
        programmes = uow.programmes.list()
        if not any(p.is_coordinator(actor) for p in programmes):
            raise NotAllowed("Only coordinators can see facilitators' requirements.")
        result = []
        for person in people_with_requirements(uow):
            record = record_for(person, uow, today_for(person.user_id, uow, now))
            year = sum(1 for e in record.entries if e.occurred_on > record.today - YEAR)
            result.append(Facilitator(person.user_id, record.standing, year))
        return sorted(result, key=lambda f: (-f.overdue, f.user_id))


def people_with_requirements(uow: UnitOfWork) -> list[Actor]:
    """Configured role members (by Slack id) and everyone who attended a role-granting programme."""
    ids = {i for r in uow.catalogue.get().roles for i in slack_ids(r.members, uow)}
    for programme in uow.programmes.list():
        if programme.grants_role:
            ids |= {
                n.nominee_id
                for n in uow.nominations.list(programme.key, statuses=frozenset({Status.ATTENDED}))
            }
    people = []
    for user_id in sorted(i for i in ids if not is_erased(i)):
        person = uow.people.get(user_id)
        people.append(person.actor if person else Actor(user_id=user_id))
    return people
