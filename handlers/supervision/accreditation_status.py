"""Staying accredited: active, at risk or lapsed, for everyone holding a role with
requirements, however they hold it (named in the file or on Home, by attending a programme, by
a pathway). One rule (domain/accreditation/status.py); a pathway's accreditation keeps its
status on its own record, every other holder's is a role status."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime

from domain.accreditation import events as e
from domain.accreditation.pathways import Accreditation, Status
from domain.accreditation.status import RoleStatus, is_told, role_statuses
from domain.kernel.people import Actor
from domain.programme_admin.catalogue import Catalogue
from handlers.kernel.announce import announce
from handlers.kernel.people import all_coordinators, today_for
from handlers.kernel.reactions import CreditChanged, Reaction
from handlers.supervision.ports import UnitOfWork
from handlers.supervision.standing import everyone_standing, standing_now

Found = tuple[str, date, dict[str, Status]]  # person, their today, each held role's status
Event = e.AccreditationStatusChanged | e.RoleStatusChanged


def restand(uow: UnitOfWork, person: str, now: datetime) -> list[Event]:
    """Bring the person's statuses up to date (in the caller's transaction); a lapse, or a
    re-instatement, is an outcome to tell."""
    catalogue = uow.catalogue.get()
    today = today_for(person, uow, now)
    known = uow.people.get(person)
    standing = standing_now(known.actor if known else Actor(user_id=person), uow, catalogue, today)
    found = [(person, today, role_statuses(standing, catalogue.pathways, today))]
    accreditations = uow.accreditations.accreditations(person)
    return _settle(uow, catalogue, found, accreditations, uow.accreditations.role_statuses(person))


def review_accreditations(uow_factory: Callable[..., UnitOfWork], now: datetime) -> int:
    """The periodic job: everyone's status as of today, from a handful of set-based reads
    (as reminder planning reads them); returns how many lapsed or were re-instated."""
    with uow_factory() as uow:
        catalogue = uow.catalogue.get()
        found = list(_everyone(uow, catalogue, now))
        accreditations = uow.accreditations.accreditations()
        stored = uow.accreditations.role_statuses()
        changed = _settle(uow, catalogue, found, accreditations, stored)
        announce(uow, now, *changed)
        uow.commit()
        return len(changed)


def _everyone(uow: UnitOfWork, catalogue: Catalogue, now: datetime) -> Iterator[Found]:
    """Each role holder's statuses: the work per person is arithmetic in memory."""
    for held in everyone_standing(uow, catalogue, now):
        yield held.person, held.today, role_statuses(held.standing, catalogue.pathways, held.today)


def _settle(
    uow: UnitOfWork,
    catalogue: Catalogue,
    found: Sequence[Found],
    accreditations: Sequence[Accreditation],
    stored: Sequence[RoleStatus],
) -> list[Event]:
    """Store the statuses that changed: on the accreditation that grants the role, else as
    the person's role status; a lapse and its end are told to them and the coordinators."""
    granted = {p.key: p.grants_role for p in catalogue.pathways}
    theirs: dict[str, list[Accreditation]] = {}
    for a in accreditations:
        if a.pathway in granted:
            theirs.setdefault(a.person, []).append(a)
    coordinators = all_coordinators(uow)
    changed: list[Event] = []
    held: list[RoleStatus] = []
    for person, today, statuses in found:
        for a in theirs.get(person, []):
            status = statuses.pop(granted[a.pathway], Status.ACTIVE)  # no requirements: active
            changed += _accreditation(uow, a, status, today, coordinators)
        held += [RoleStatus(person, role, s, today) for role, s in statuses.items()]
    told = _role_statuses(uow, held, stored)
    return changed + [e.RoleStatusChanged(r, coordinators) for r in told]


def _accreditation(
    uow: UnitOfWork, a: Accreditation, status: Status, today: date, coordinators: tuple[str, ...]
) -> list[Event]:
    if status is a.status or a.id is None:
        return []
    uow.accreditations.set_status(a.id, status, today)
    if not is_told(a.status, status):
        return []
    now_is = replace(a, status=status, status_since=today)
    return [e.AccreditationStatusChanged(now_is, coordinators)]


def _role_statuses(
    uow: UnitOfWork, held: list[RoleStatus], stored: Sequence[RoleStatus]
) -> list[RoleStatus]:
    """Store a new holder's status, and a known one's when it changed; forget roles no longer
    held. Returns the lapses and re-instatements (a new holder was active until now)."""
    was = {(r.person, r.role): r.status for r in stored}
    moved = [r for r in held if was.get((r.person, r.role)) is not r.status]
    uow.accreditations.save_role_statuses(moved)
    keys = {(r.person, r.role) for r in held}
    uow.accreditations.drop_role_statuses([key for key in was if key not in keys])
    return [r for r in moved if is_told(was.get((r.person, r.role), Status.ACTIVE), r.status)]


def _credit_changed(uow: UnitOfWork, change: CreditChanged, now: datetime) -> list[Event]:
    return restand(uow, change.person, now)


# This feature's part of the kernel's reactions (see handlers/kernel/reactions.py).
SUPERVISION_REACTIONS: dict[type, Reaction] = {CreditChanged: _credit_changed}
