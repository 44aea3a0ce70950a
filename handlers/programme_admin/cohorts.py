"""Coordinators add, edit and cancel cohorts from App Home; the people concerned hear of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.kernel.errors import ConfigConflict, DomainError, InvalidTransition, NoPlacesLeft
from domain.kernel.people import Actor
from domain.kernel.programme import MOST_SESSIONS, Cohort, Programme
from domain.kernel.roles import require_coordinator
from domain.nominations.capacity import check_cohort_room
from domain.nominations.events import NominationEvent, PlaceMoved
from domain.nominations.nomination import USES_PLACE, Nomination, Status
from domain.programme_admin import events as e
from handlers.kernel.announce import announce
from handlers.kernel.changes import audit, refuse_breaking, unique_key, valid
from handlers.kernel.reactions import PlacesAdded, react
from handlers.programme_admin.commands import CancelCohort, SaveCohort
from handlers.programme_admin.configuration import live_conflicts, tell_rescheduled
from handlers.programme_admin.ports import UnitOfWork
from handlers.programme_admin.programmes import coordinated, ensure_future


@dataclass(frozen=True)
class CancelForm:
    programme: Programme
    cohort: Cohort
    participants: int  # people holding (or offered) a place in it
    free: dict[str, int | None]  # other upcoming cohorts: free places (None: no cap)


def cancel_form(
    actor: Actor, programme_key: str, cohort_key: str, uow: UnitOfWork, now: datetime
) -> CancelForm:
    """Before asking what happens to a cohort's participants: who they are, where room is."""
    with uow:
        programme = uow.programmes.get(programme_key)
        require_coordinator(actor, programme)
        cohort = programme.cohort(cohort_key)
        held = uow.nominations.count_holding_place(programme.key)
        upcoming = set(programme.upcoming_cohorts(now)) - {cohort.key}
        free = {
            other.key: None if other.places is None else other.places - held.get(other.key, 0)
            for other in programme.cohorts
            if other.key in upcoming
        }
        return CancelForm(programme, cohort, held.get(cohort.key, 0), free)


def cohort_form(
    actor: Actor, programme_key: str, cohort_key: str, uow: UnitOfWork
) -> tuple[Programme, Cohort]:
    """Before the cohort form: the cohort, for the programme's coordinators, when the form
    holds all its sessions (it drops none it cannot show)."""
    programme = coordinated(actor, programme_key, uow)
    cohort = programme.cohort(cohort_key)
    if len(cohort.sessions) > MOST_SESSIONS:
        raise DomainError(
            f"{cohort.name} has {len(cohort.sessions)} sessions, more than the form holds "
            f"({MOST_SESSIONS}): please change its sessions in the programme file."
        )
    return programme, cohort


def save_cohort(cmd: SaveCohort, uow: UnitOfWork, now: datetime) -> tuple[Programme, Cohort]:
    """Add a cohort or edit one; a change of sessions or joining details reaches everyone
    with a place in it (with a calendar file that replaces the old events)."""
    with uow:
        old = uow.programmes.lock(cmd.programme_key)
        require_coordinator(cmd.actor, old)
        before = None
        if cmd.cohort_key is not None:
            before = old.cohort(cmd.cohort_key)  # NotFound when there is no such cohort
            if before.cancelled:
                raise InvalidTransition(f"{before.name} was cancelled; add a new cohort instead.")
        known = before.sessions if before else ()
        ensure_future([s for s in cmd.details.sessions if s not in known], old, now)
        key = before.key if before else unique_key(cmd.details.name, {co.key for co in old.cohorts})
        cohort = valid(Cohort, {"key": key, **cmd.details.model_dump()})
        if before is None:
            cohorts = [*old.cohorts, cohort]
        else:
            cohorts = [cohort if co.key == key else co for co in old.cohorts]
        new = valid(Programme, {**old.model_dump(), "cohorts": cohorts})
        refuse_breaking(live_conflicts(uow, old, new))
        uow.programmes.save(new)
        action = "edited cohort" if before else "added cohort"
        audit(uow, cmd.actor, f"programme:{new.key}", f"{action} {key}", before, cohort, now)
        tell_rescheduled(uow, old, new, now)
        offers = react(uow, now, PlacesAdded(new))
        announce(uow, now, *offers, e.ProgrammeChanged(cmd.actor.user_id, new.coordinators))
        uow.commit()
        return new, cohort


def cancel_cohort(cmd: CancelCohort, uow: UnitOfWork, now: datetime) -> tuple[Cohort, int]:
    """Cancel a cohort that has not started; each participant is moved to another cohort
    (if it has room for them all), put back on the waitlist, or released, and told.
    Returns the cohort and how many people were told."""
    with uow:
        programme = uow.programmes.lock(cmd.programme_key)
        require_coordinator(cmd.actor, programme)
        cohort = programme.cohort(cmd.cohort_key)
        if cohort.key not in programme.upcoming_cohorts(now):
            raise InvalidTransition(f"{cohort.name} has started or is already cancelled.")
        places = [n for n in _places_in(uow, programme, cohort) if n.status in USES_PLACE]
        target = _move_target(cmd, uow, programme, len(places), now)
        cancelled = cohort.model_copy(update={"cancelled": True})
        new = programme.model_copy(
            update={
                "cohorts": tuple(
                    cancelled if co.key == cohort.key else co for co in programme.cohorts
                )
            }
        )
        uow.programmes.save(new)
        uow.programmes.rescheduled(new.key, cohort.key)  # its events' SEQUENCE goes up
        why = cmd.reason.strip() or f"{cohort.name} was cancelled"
        outcomes = [_resettle(uow, n, new, target, cmd, why, now) for n in places]
        audit(
            uow,
            cmd.actor,
            f"programme:{new.key}",
            f"cancelled cohort {cohort.key}",
            cohort,
            cancelled,
            now,
        )
        offers = react(uow, now, PlacesAdded(new))
        announce(
            uow, now, *outcomes, *offers, e.ProgrammeChanged(cmd.actor.user_id, new.coordinators)
        )
        uow.commit()
        return cancelled, len(places)


def _places_in(uow: UnitOfWork, programme: Programme, cohort: Cohort) -> list[Nomination]:
    holding = uow.nominations.list(programme.key, statuses=USES_PLACE)
    return [uow.nominations.lock(n.id or 0) for n in holding if n.cohort_key == cohort.key]


def _move_target(
    cmd: CancelCohort, uow: UnitOfWork, programme: Programme, people: int, now: datetime
) -> Cohort | None:
    if cmd.then != "move":
        return None
    target = programme.cohort(cmd.move_to or "")
    if target.key == cmd.cohort_key or target.key not in programme.upcoming_cohorts(now):
        raise ConfigConflict(
            f"Choose a cohort still to come, other than {programme.cohort(cmd.cohort_key).name}.",
            problems={"then": "Choose another cohort still to come."},
        )
    uow.programmes.lock_cohort(programme.key, target.key)
    held = uow.nominations.count_holding_place(programme.key).get(target.key, 0)
    try:
        if people:
            check_cohort_room(target, held + people - 1)
    except NoPlacesLeft:
        room = (target.places or 0) - held
        why = (
            f"{target.name} has {max(room, 0)} free place(s) for the {people} participant(s): "
            "raise its places first, or put them on the waitlist or release them"
        )
        raise ConfigConflict(f"Nothing was cancelled: {why}.", problems={"then": why}) from None
    return target


def _resettle(
    uow: UnitOfWork,
    n: Nomination,
    programme: Programme,
    target: Cohort | None,
    cmd: CancelCohort,
    why: str,
    now: datetime,
) -> NominationEvent:
    """One participant of the cancelled cohort: moved (an offer goes back to waiting), or
    waitlisted, or released."""
    actor = cmd.actor.user_id
    if target is not None and n.status is Status.CONFIRMED:
        was = n.move_to(target.key, actor, now)
        uow.nominations.save(n)
        return PlaceMoved(n, programme, actor, was)
    to_waitlist = cmd.then != "release" or n.status is Status.OFFERED
    was = n.cohort_cancelled(to_waitlist, actor, now, why)
    uow.nominations.save(n)
    return e.CohortCancelled(n, programme, actor, was, cmd.reason.strip())
