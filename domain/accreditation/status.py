"""Staying accredited, however the role was obtained: named in the programme file, named on
Home, by attending a programme or by a pathway. One rule for every holder of a role with
requirements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.accreditation.pathways import DEFAULT_LAPSE_AFTER_DAYS, Pathway, Status, status_from
from domain.supervision.requirements import RequirementStatus


@dataclass(frozen=True)
class RoleStatus:
    """A holder's status in a role with requirements, held other than by a pathway's
    accreditation (whose own record carries its status)."""

    person: str
    role: str
    status: Status
    since: date


def lapse_after(pathways: Iterable[Pathway], role: str) -> int:
    """Days a requirement of ``role`` may be overdue before it lapses: what the pathway that
    grants the role says (the shortest, if several do), else the default."""
    days = [p.lapse_after_days for p in pathways if p.grants_role == role]
    return min(days, default=DEFAULT_LAPSE_AFTER_DAYS)


def role_statuses(
    standing: Iterable[RequirementStatus], pathways: Iterable[Pathway], today: date
) -> dict[str, Status]:
    """Each held role's status from where its requirements stand today."""
    by_role: dict[str, list[RequirementStatus]] = {}
    for s in standing:
        by_role.setdefault(s.requirement.role, []).append(s)
    known = tuple(pathways)
    return {
        role: status_from(these, today, lapse_after(known, role)) for role, these in by_role.items()
    }


def is_told(was: Status, now: Status) -> bool:
    """A lapse, and its end, are told; moving between active and at risk is not."""
    return was is not now and Status.LAPSED in (was, now)
