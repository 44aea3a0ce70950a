"""What we know about people: cached from Slack so roles by e-mail and time zones work."""

from __future__ import annotations

from datetime import datetime

from domain.people import Person
from handlers.ports import UnitOfWork


def remember_person(person: Person, uow: UnitOfWork, now: datetime) -> None:
    """Store what Slack said about someone (name, e-mail, time zone)."""
    with uow:
        if uow.people.get(person.user_id) != person:
            uow.people.save(person, now)
            uow.commit()


def known_person(user_id: str, uow: UnitOfWork) -> Person | None:
    with uow:
        return uow.people.get(user_id)
