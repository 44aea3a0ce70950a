"""Staying accredited: active, at risk or lapsed, from the requirements of the role it grants."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from domain import events as e
from domain.accreditation import Accreditation, Status, status_from
from domain.catalogue import Catalogue
from domain.errors import NotFound
from domain.requirements import RequirementStatus, standing_for
from handlers.announce import announce
from handlers.credits import credited_entries
from handlers.people import all_coordinators, today_for
from handlers.ports import UnitOfWork


def standing_of(
    a: Accreditation, uow: UnitOfWork, catalogue: Catalogue, today: date
) -> list[RequirementStatus]:
    """The requirements of the role the accreditation grants, counted from its date."""
    try:
        role = catalogue.pathway(a.pathway).grants_role
    except NotFound:
        return []  # the pathway left the configuration: nothing to keep up
    entries = [*uow.entries.list(a.person), *credited_entries(uow, a.person, catalogue)]
    away = uow.leave.list(a.person) if catalogue.reminders.leave_extends_due else ()
    return standing_for(catalogue.requirements, {role: a.accredited_on}, entries, today, away)


def status_of(a: Accreditation, uow: UnitOfWork, catalogue: Catalogue, today: date) -> Status:
    try:
        lapse_after = catalogue.pathway(a.pathway).lapse_after_days
    except NotFound:
        return a.status
    return status_from(standing_of(a, uow, catalogue, today), today, lapse_after)


def restand(uow: UnitOfWork, person: str, now: datetime) -> list[e.AccreditationStatusChanged]:
    """Bring the person's accreditations up to date (in the caller's transaction); a lapse,
    or a re-instatement, is an outcome to tell."""
    catalogue = uow.catalogue.get()
    today = today_for(person, uow, now)
    changed = []
    for a in uow.accreditations.accreditations(person):
        status = status_of(a, uow, catalogue, today)
        if status is a.status or a.id is None:
            continue
        uow.accreditations.set_status(a.id, status, today)
        if Status.LAPSED in (status, a.status):
            now_is = replace(a, status=status, status_since=today)
            changed.append(e.AccreditationStatusChanged(now_is, all_coordinators(uow)))
    return changed


def review_accreditations(uow_factory: Callable[..., UnitOfWork], now: datetime) -> int:
    """The periodic job: every accreditation's status as of today; returns how many changed."""
    with uow_factory() as uow:
        people = sorted({a.person for a in uow.accreditations.accreditations()})
        changed = [c for person in people for c in restand(uow, person, now)]
        announce(uow, now, *changed)
        uow.commit()
        return len(changed)
