"""The hard limits: nominations per ICS, places per programme and per cohort.

Counts come from the database inside the same locked transaction; these functions only decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.kernel.errors import NoPlacesLeft, QuotaExceeded
from domain.kernel.programme import Cohort, Ics, Programme


@dataclass(frozen=True)
class Standing:
    """A programme's nominations, as a nomination arriving now is checked against them:
    those active and those acknowledged but not yet made (requests waiting in the inbox)."""

    programme: Programme
    used: Mapping[str, int] = field(default_factory=dict)  # per ICS asked about (0: absent)
    taken: frozenset[str] = frozenset()  # of the nominees asked about, those already nominated


def check_ics_quota(programme: Programme, ics: Ics, active: int) -> None:
    """Refuse a new nomination when ``ics`` has used all of its nominations."""
    if active >= programme.per_ics_limit:
        raise QuotaExceeded(
            f"{ics.name} has used {active} of {programme.per_ics_limit} nominations "
            f"for {programme.name}.",
            field="ics",
        )


def check_place(programme: Programme, cohort: Cohort, taken: int, cohort_taken: int) -> None:
    """Refuse a confirmation when the programme or the cohort is full."""
    if taken >= programme.total_places:
        raise NoPlacesLeft(
            f"{programme.name} is full: {taken} of {programme.total_places} places are confirmed.",
        )
    check_cohort_room(cohort, cohort_taken)


def check_cohort_room(cohort: Cohort, cohort_taken: int) -> None:
    """Refuse a place in a cohort that has none left (a move: the programme's total stays)."""
    if cohort.places is not None and cohort_taken >= cohort.places:
        raise NoPlacesLeft(
            f"{cohort.name} is full: {cohort_taken} of {cohort.places} places are confirmed.",
        )


def free_places(programme: Programme, taken: int, by_cohort: Mapping[str, int]) -> dict[str, int]:
    """Free places per cohort, never more than the programme has left overall."""
    left = max(programme.total_places - taken, 0)
    free: dict[str, int] = {}
    for cohort in programme.cohorts:
        cap = left if cohort.places is None else cohort.places - by_cohort.get(cohort.key, 0)
        free[cohort.key] = max(min(cap, left), 0)
    return free
