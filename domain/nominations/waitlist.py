"""The waitlist: first come (by eligibility confirmation, or as a coordinator reordered it),
first offered a place that fits; someone who let an offer lapse is not offered one again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from domain.nominations.nomination import Nomination, Status


def in_order(waitlisted: Iterable[Nomination]) -> list[Nomination]:
    """The waitlist as a coordinator last ordered it; anyone placed on it since, after them,
    first come first."""
    never = datetime.max
    return sorted(
        (n for n in waitlisted if n.status is Status.WAITLISTED),
        key=lambda n: (
            n.waitlist_rank is None,
            n.waitlist_rank or 0,
            (n.eligibility_confirmed_at or never).replace(tzinfo=None),
            n.id or 0,
        ),
    )


def next_offer(
    waitlisted: Iterable[Nomination], free: Mapping[str, int], cohort_order: tuple[str, ...]
) -> tuple[Nomination, str] | None:
    """The first waitlisted nomination whose preference fits a cohort with a free place."""
    open_cohorts = tuple(c for c in cohort_order if free.get(c, 0) > 0)
    for nomination in in_order(waitlisted):
        if nomination.preference is None or nomination.offer_lapsed:
            continue
        for cohort in nomination.preference.in_order(cohort_order):
            if cohort in open_cohorts:
                return nomination, cohort
    return None
