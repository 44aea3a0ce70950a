"""Roles that come from accreditation: a pathway's last sign-off grants its role."""

from __future__ import annotations

from datetime import date

from domain.accreditation import Status
from domain.catalogue import Catalogue
from domain.people import Actor
from handlers.ports import UnitOfWork


def accredited_roles(
    uow: UnitOfWork, catalogue: Catalogue, person: str | None = None
) -> dict[str, dict[str, date]]:
    """Person -> role -> the day they were accredited (lapsed or not: its requirements still
    apply, so logging the evidence re-instates it)."""
    granted = {p.key: p.grants_role for p in catalogue.pathways}
    found: dict[str, dict[str, date]] = {}
    for a in uow.accreditations.accreditations(person):
        if a.pathway in granted:
            found.setdefault(a.person, {})[granted[a.pathway]] = a.accredited_on
    return found


def signing_roles(actor: Actor, uow: UnitOfWork, catalogue: Catalogue) -> set[str]:
    """The roles someone may sign off with now: a lapsed accreditation's role does not count
    (unless they hold it another way)."""
    from handlers.supervision import roles_of  # one module asks the other: no cycle at import

    held = set(roles_of(actor, uow, catalogue))
    configured = {r.key for r in catalogue.roles if actor.is_one_of(r.members)}
    granted = {p.key: p.grants_role for p in catalogue.pathways}
    lapsed = {
        granted[a.pathway]
        for a in uow.accreditations.accreditations(actor.user_id)
        if a.status is Status.LAPSED and a.pathway in granted
    }
    return held - (lapsed - configured)
