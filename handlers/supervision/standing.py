"""Where people stand today against the requirements of every role they hold: one person
from their own entries, or everyone at once from a handful of set-based reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.kernel.people import DEFAULT_TZ, Actor, is_erased
from domain.leave.leave import Leave, by_person
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from domain.supervision.requirements import RequirementStatus, standing_for, status_from
from handlers.kernel.roles import roles_by_person, roles_of
from handlers.supervision.credits import credited_entries
from handlers.supervision.ports import UnitOfWork
from handlers.supervision.requirement_chase import latest_evidence


def standing_now(
    actor: Actor,
    uow: UnitOfWork,
    catalogue: Catalogue,
    today: date,
    entries: Sequence[Entry] | None = None,
) -> list[RequirementStatus]:
    """Each requirement of the person's roles (however held), counting what others logged
    that counts for them and moving due dates by their leave (``entries``: their own, if
    read already)."""
    own = list(uow.entries.list(actor.user_id) if entries is None else entries)
    counted = own + credited_entries(uow, actor.user_id, catalogue)
    away = uow.leave.list(actor.user_id) if catalogue.reminders.leave_extends_due else ()
    roles = roles_of(actor, uow, catalogue)
    return standing_for(catalogue.requirements, roles, counted, today, away)


@dataclass(frozen=True)
class Standing:
    """One role holder: their today (where they are), roles, leave and requirements."""

    person: str
    today: date
    roles: dict[str, date | None]  # role -> the day it began, if known
    leave: Sequence[Leave]
    standing: list[RequirementStatus]


def everyone_standing(uow: UnitOfWork, catalogue: Catalogue, now: datetime) -> Iterator[Standing]:
    """Every role holder's standing (as reminder planning reads it): the reads are the same
    for four people or forty thousand, and the work per person is arithmetic in memory."""
    roles = roles_by_person(uow, catalogue)
    latest = latest_evidence(uow, catalogue.requirements, catalogue)
    away = by_person(uow.leave.list())
    moves_due = catalogue.reminders.leave_extends_due
    zones, days = uow.people.zones(), dict[str, date]()
    for person, held in roles.items():
        if is_erased(person):
            continue
        tz = zones.get(person, DEFAULT_TZ)
        today = days.get(tz) or days.setdefault(tz, now.astimezone(ZoneInfo(tz)).date())
        leave = away.get(person, ())
        counted = leave if moves_due else ()
        standing = [
            status_from(r, latest[r.key].get(person), held[r.role], today, counted)
            for r in catalogue.requirements
            if r.role in held
        ]
        yield Standing(person, today, held, leave, standing)
