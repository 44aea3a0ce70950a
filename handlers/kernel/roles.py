"""Who holds which role: named in the programme file (or on Home), by attending a programme
that grants one, or by a pathway's last sign-off."""

from __future__ import annotations

from datetime import date

from domain.accreditation.pathways import Status
from domain.kernel.people import Actor, is_erased
from domain.nominations.nomination import Status as NominationStatus
from domain.programme_admin.catalogue import Catalogue
from handlers.kernel.ports import UnitOfWork


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
    held = set(roles_of(actor, uow, catalogue))
    configured = {r.key for r in catalogue.roles if actor.is_one_of(r.members)}
    granted = {p.key: p.grants_role for p in catalogue.pathways}
    lapsed = {
        granted[a.pathway]
        for a in uow.accreditations.accreditations(actor.user_id)
        if a.status is Status.LAPSED and a.pathway in granted
    }
    return held - (lapsed - configured)


def roles_of(actor: Actor, uow: UnitOfWork, catalogue: Catalogue) -> dict[str, date | None]:
    """Roles from the configuration, from attending a programme that grants one, and from
    accreditation (role -> the day it began, if known)."""
    roles: dict[str, date | None] = {
        role.key: None for role in catalogue.roles if actor.is_one_of(role.members)
    }
    attended = frozenset({NominationStatus.ATTENDED})
    for programme in uow.programmes.list():
        if not programme.grants_role:
            continue
        for nomination in uow.nominations.list(
            programme.key, nominee_id=actor.user_id, statuses=attended
        ):
            cohort = programme.cohort(nomination.cohort_key or "")
            since = programme.local_to_utc(cohort.last_end).date()
            known = roles.get(programme.grants_role)
            roles[programme.grants_role] = min(since, known) if known else since
    for role, since in (
        accredited_roles(uow, catalogue, actor.user_id).get(actor.user_id, {}).items()
    ):
        roles.setdefault(role, since)
    return roles


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
        attended = frozenset({NominationStatus.ATTENDED})
        for n in uow.nominations.list(programme.key, statuses=attended):
            cohort = programme.cohort(n.cohort_key or "")
            since = programme.local_to_utc(cohort.last_end).date()
            held = roles.setdefault(n.nominee_id, {})
            known = held.get(programme.grants_role)
            held[programme.grants_role] = min(since, known) if known else since
    for person, granted in accredited_roles(uow, catalogue).items():
        for role_key, since in granted.items():
            roles.setdefault(person, {}).setdefault(role_key, since)
    return roles


def holders(uow: UnitOfWork, catalogue: Catalogue, roles: tuple[str, ...], but: str) -> list[str]:
    """Everyone holding one of ``roles`` (from the configuration, programmes or
    accreditations), except ``but``."""
    found = roles_by_person(uow, catalogue)
    return sorted(
        p for p, held in found.items() if set(held) & set(roles) and p != but and not is_erased(p)
    )
