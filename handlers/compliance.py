"""The coordinator's view of facilitators' requirements: dates and standing, never notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import NotAllowed
from domain.nomination import Status
from domain.people import Actor
from domain.requirements import RequirementStatus
from handlers.ports import UnitOfWork
from handlers.supervision import YEAR, record_for, today_for


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
        people = {m for r in uow.catalogue.get().roles for m in r.members if m[:1] in "UW"}
        for programme in programmes:
            if programme.grants_role:
                people |= {
                    n.nominee_id
                    for n in uow.nominations.list(
                        programme.key, statuses=frozenset({Status.ATTENDED})
                    )
                }
        result = []
        for user_id in sorted(people):
            person = uow.people.get(user_id)
            record = record_for(
                person.actor if person else Actor(user_id=user_id),
                uow,
                today_for(user_id, uow, now),
            )
            year = sum(1 for e in record.entries if e.occurred_on > record.today - YEAR)
            result.append(Facilitator(user_id, record.standing, year))
        return sorted(result, key=lambda f: (-f.overdue, f.user_id))
