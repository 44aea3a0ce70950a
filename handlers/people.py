"""What we know about people: cached from Slack so roles by e-mail and time zones work."""

from __future__ import annotations

from datetime import datetime

from domain.errors import ConcurrentChange
from domain.people import Person
from handlers.ports import UnitOfWork


def remember_person(person: Person, uow: UnitOfWork, now: datetime) -> None:
    """Store what Slack said about someone (name, e-mail, time zone)."""
    try:
        with uow:
            if uow.people.get(person.user_id) != person:
                uow.people.save(person, now)
                uow.commit()
    except ConcurrentChange:
        pass  # two first requests at once: the other one stored the same person


def known_person(user_id: str, uow: UnitOfWork) -> Person | None:
    with uow:
        return uow.people.get(user_id)


def slack_ids(people: tuple[str, ...] | list[str], uow: UnitOfWork) -> list[str]:
    """Slack user ids for configured people: ids as they are, e-mail addresses of people
    Cascade has met (Slack told us their address)."""
    found = []
    for person in people:
        if person[:1] in ("U", "W") and "@" not in person:
            found.append(person)
        elif (known := uow.people.by_email(person)) is not None:
            found.append(known.user_id)
    return found
