"""What we know about people: cached from Slack so roles by e-mail and time zones work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.kernel.errors import ConcurrentChange
from domain.kernel.people import DEFAULT_TZ, Actor, Person, is_erased
from domain.nominations.nomination import Nomination
from handlers.kernel.ports import UnitOfWork


def remember_people(people: list[Person], uow: UnitOfWork, now: datetime) -> None:
    """Store what Slack said about people (name, e-mail, time zone), in one transaction."""
    try:
        with uow:
            changed = [p for p in people if uow.people.get(p.user_id) != p]
            for person in changed:
                uow.people.save(person, now)
            if changed:
                uow.commit()
    except ConcurrentChange:
        pass  # another instance stored the same people at the same moment


def known_person(user_id: str, uow: UnitOfWork) -> Person | None:
    with uow:
        return uow.people.get(user_id)


def slack_ids(people: tuple[str, ...] | list[str], uow: UnitOfWork) -> list[str]:
    """Slack user ids for configured people: ids as they are, e-mail addresses of people
    Cascade has met (Slack told us their address)."""
    found: list[str] = []
    for person in people:
        if person[:1] in ("U", "W") and "@" not in person:
            user_id: str | None = person
        else:
            user_id = known.user_id if (known := uow.people.by_email(person)) else None
        if user_id is not None and user_id not in found:  # named by id and by address alike
            found.append(user_id)
    return found


def unknown_addresses(addresses: list[str], uow: UnitOfWork) -> list[str]:
    """Those of ``addresses`` that no person Cascade has met has (Slack has not told us)."""
    with uow:
        known = uow.people.by_emails(addresses)
    return [a for a in addresses if a.strip().lower() not in known]


def zone_of(user_id: str, uow: UnitOfWork) -> str:
    """A person's time zone (IANA name): Slack's, once Cascade has learnt it."""
    person = uow.people.get(user_id)
    return person.zone if person else DEFAULT_TZ


def today_for(user_id: str, uow: UnitOfWork, now: datetime) -> date:
    """The date where the person is."""
    return now.astimezone(ZoneInfo(zone_of(user_id, uow))).date()


def is_coordinator(actor: Actor, uow: UnitOfWork) -> bool:
    """Whether the person coordinates any programme (by Slack id or e-mail address)."""
    return any(p.is_coordinator(actor) for p in uow.programmes.list())


def all_coordinators(uow: UnitOfWork) -> tuple[str, ...]:
    """The Slack ids of every programme's coordinators (accreditation is the academy's)."""
    return tuple(sorted({i for p in uow.programmes.list() for i in slack_ids(p.coordinators, uow)}))


def living(nominations: Iterable[Nomination]) -> list[Nomination]:
    """Leave out people whose personal data was erased: nobody is left to chase."""
    return [n for n in nominations if not is_erased(n.nominee_id)]
