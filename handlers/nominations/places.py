"""A place freed or added goes to the first waitlisted person it fits, kept for them until the
programme's deadline to answer."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.events import Event
from domain.kernel.people import SYSTEM
from domain.kernel.programme import Programme
from domain.nominations import events as e
from domain.nominations.capacity import free_places
from domain.nominations.nomination import Nomination, Status
from domain.nominations.waitlist import next_offer
from handlers.nominations.ports import UnitOfWork


def offer_freed_place(
    uow: UnitOfWork, programme: Programme, now: datetime, freed_by: str
) -> Nomination | None:
    """Offer a freed place to the first waitlisted person it fits (kept for them until the
    programme's deadline to answer); None when nobody on the waitlist fits a free place."""
    held = uow.nominations.count_holding_place(programme.key)
    free = free_places(programme, sum(held.values()), held)
    waiting = uow.nominations.list(programme.key, statuses=frozenset({Status.WAITLISTED}))
    offer = next_offer(waiting, free, programme.upcoming_cohorts(now))
    if offer is None:
        return None
    nomination, cohort_key = offer
    uow.programmes.lock_cohort(programme.key, cohort_key)
    locked = uow.nominations.lock(nomination.id or 0)
    source = f"freed by {freed_by}" if freed_by else "added to the programme"
    why = f"offered a place in {cohort_key} {source}"
    deadline = programme.offer_deadline(now, uow.catalogue.get().reminders.holidays)
    locked.offer(cohort_key, deadline, now, why)
    uow.nominations.save(locked)
    return locked


def offered(promoted: Nomination | None, programme: Programme, freed_by: Nomination) -> list[Event]:
    """The outcome of offering a freed place, if it was offered to someone."""
    if promoted is None:
        return []
    return [e.PlaceOffered(promoted, programme, SYSTEM.user_id, freed_by.nominee_id)]


def offer_added_places(uow: UnitOfWork, programme: Programme, now: datetime) -> list[Event]:
    """Places added to a programme (more in total or in a cohort) go to the waitlist the way
    freed ones do: each offered to the first person it fits, until none fits."""
    outcomes: list[Event] = []
    while (promoted := offer_freed_place(uow, programme, now, "")) is not None:
        outcomes.append(e.PlaceOffered(promoted, programme, SYSTEM.user_id, ""))
    return outcomes
