"""The coordinators' decisions on a nomination (confirm a place, move it, waitlist, decline,
record attendance), the lead's or nominee's withdrawal, and a freed place offered on.

Capacity changes lock rows in one fixed order: programme, then ICS, then cohort, then nomination.
"""

from __future__ import annotations

from datetime import datetime

from domain.kernel.errors import InvalidTransition, NoPlacesLeft, NotAllowed
from domain.kernel.events import Event
from domain.kernel.people import Actor
from domain.kernel.programme import Cohort, Programme
from domain.kernel.roles import require_coordinator
from domain.nominations import events as e
from domain.nominations.capacity import check_cohort_room, check_place
from domain.nominations.nomination import Nomination, Status
from domain.nominations.roles import require_can_withdraw
from handlers.kernel.announce import announce
from handlers.kernel.commands import Command
from handlers.nominations.commands import (
    AskToMove,
    ConfirmPlace,
    Decline,
    MovePlace,
    RecordAttendance,
    Waitlist,
    Withdraw,
)
from handlers.nominations.nominate import Outcome
from handlers.nominations.places import offer_freed_place, offered
from handlers.nominations.ports import UnitOfWork


def confirm_place(cmd: ConfirmPlace, uow: UnitOfWork, now: datetime) -> Outcome:
    """A coordinator confirms a place in a cohort, if the programme and cohort have one free."""
    with uow:
        programme, nomination = _lock_for_decision(uow, cmd.nomination_id, cmd)
        nomination.ensure_can("confirm_place")
        if cmd.cohort_key is None and nomination.preference is None:
            raise InvalidTransition("This nomination has no preferred cohort yet.")
        preferred = nomination.preference.first if nomination.preference else ""
        cohort = programme.cohort(cmd.cohort_key or preferred)
        if cohort.key not in programme.upcoming_cohorts(now):
            raise InvalidTransition(
                f"{cohort.name} has already started, so nobody can join it now."
            )
        uow.programmes.lock_cohort(programme.key, cohort.key)
        held = uow.nominations.count_holding_place(programme.key)
        kept = nomination.cohort_key if nomination.status is Status.OFFERED else None
        if kept:  # the place kept for this person's answer is theirs to confirm
            held[kept] -= 1
        try:
            check_place(programme, cohort, sum(held.values()), held.get(cohort.key, 0))
        except NoPlacesLeft as full:
            raise NoPlacesLeft(
                full.message,
                nomination_id=nomination.id or 0,
                can_waitlist=nomination.can("waitlist"),
            ) from None
        nomination.confirm_place(cohort.key, cmd.actor.user_id, now)
        uow.nominations.save(nomination)
        outcomes: list[Event] = [e.PlaceConfirmed(nomination, programme, cmd.actor.user_id)]
        promoted = None
        if kept and kept != cohort.key:  # the place kept, in another cohort, is free again
            promoted = offer_freed_place(uow, programme, now, nomination.nominee_id)
        outcomes += offered(promoted, programme, nomination)
        announce(uow, now, *outcomes)
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics, promoted=promoted)


def move_place(cmd: MovePlace, uow: UnitOfWork, now: datetime) -> Outcome:
    """A coordinator moves a confirmed place to another cohort, if that cohort has room: the
    place is kept, never released to the waitlist on the way."""
    with uow:
        programme, nomination = _lock_for_decision(uow, cmd.nomination_id, cmd)
        cohort = _cohort_to_move_to(programme, nomination, cmd.cohort_key, now)
        uow.programmes.lock_cohort(programme.key, cohort.key)
        held = uow.nominations.count_holding_place(programme.key)
        try:
            check_cohort_room(cohort, held.get(cohort.key, 0))
        except NoPlacesLeft as full:
            raise NoPlacesLeft(
                f"{full.message} The place stays where it is.", nomination_id=nomination.id or 0
            ) from None
        was = nomination.move_to(cohort.key, cmd.actor.user_id, now)
        uow.nominations.save(nomination)
        announce(uow, now, e.PlaceMoved(nomination, programme, cmd.actor.user_id, was))
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics)


def ask_to_move(cmd: AskToMove, uow: UnitOfWork, now: datetime) -> Outcome:
    """A participant asks the coordinators to move their place to another cohort (they
    decide, with the card's Move button); one ask per cohort a day reaches them."""
    with uow:
        nomination = uow.nominations.get(cmd.nomination_id)
        programme = uow.programmes.get(nomination.programme_key)
        if cmd.actor.user_id != nomination.nominee_id:
            raise NotAllowed("Only the participant can ask to move their own place.")
        cohort = _cohort_to_move_to(programme, nomination, cmd.cohort_key, now)
        if cohort.key == nomination.cohort_key:
            raise InvalidTransition(f"Your place is already in {cohort.name}.")
        announce(uow, now, e.MoveAsked(nomination, programme, cmd.actor.user_id, cohort.key))
        uow.commit()
        return Outcome(nomination, programme, uow.ics.get(nomination.ics_key))


def waitlist(cmd: Waitlist, uow: UnitOfWork, now: datetime) -> Outcome:
    """A coordinator puts a nomination on the waitlist."""
    with uow:
        programme, nomination = _lock_for_decision(uow, cmd.nomination_id, cmd)
        nomination.waitlist(cmd.actor.user_id, now)
        uow.nominations.save(nomination)
        announce(uow, now, e.Waitlisted(nomination, programme, cmd.actor.user_id))
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics)


def decline(cmd: Decline, uow: UnitOfWork, now: datetime) -> Outcome:
    """A coordinator declines a nomination, with a reason the nominee and lead will see."""
    with uow:
        programme, nomination = _lock_for_decision(uow, cmd.nomination_id, cmd)
        was_offered = nomination.status is Status.OFFERED
        nomination.decline(cmd.actor.user_id, now, cmd.reason.strip())
        uow.nominations.save(nomination)
        promoted = (
            offer_freed_place(uow, programme, now, nomination.nominee_id) if was_offered else None
        )
        outcomes = [e.Declined(nomination, programme, cmd.actor.user_id)]
        announce(uow, now, *outcomes, *offered(promoted, programme, nomination))
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics, promoted=promoted)


def withdraw(cmd: Withdraw, uow: UnitOfWork, now: datetime) -> Outcome:
    """Nominee, lead or coordinator withdraws; the first fitting waitlister gets a freed place."""
    with uow:
        key = uow.nominations.get(cmd.nomination_id).programme_key
        programme = uow.programmes.lock(key)
        nomination = uow.nominations.lock(cmd.nomination_id)
        ics = uow.ics.get(nomination.ics_key)
        require_can_withdraw(cmd.actor, nomination, programme, ics)
        freed = nomination.withdraw(cmd.actor.user_id, now, cmd.reason.strip())
        uow.nominations.save(nomination)
        promoted = offer_freed_place(uow, programme, now, nomination.nominee_id) if freed else None
        withdrawn = e.Withdrawn(nomination, programme, cmd.actor.user_id)
        announce(uow, now, withdrawn, *offered(promoted, programme, nomination))
        uow.commit()
        return Outcome(nomination, programme, ics, promoted=promoted)


def record_attendance(cmd: RecordAttendance, uow: UnitOfWork, now: datetime) -> Outcome:
    """After the cohort, a coordinator records whether the participant attended."""
    with uow:
        programme, nomination = _lock_for_decision(uow, cmd.nomination_id, cmd)
        nomination.ensure_can("record_attendance")
        cohort = programme.cohort(nomination.cohort_key or "")
        if now < programme.local_to_utc(cohort.first_start):
            raise InvalidTransition(f"{cohort.name} has not started yet.")
        sessions = range(1, len(cohort.sessions) + 1)
        if cmd.missed_session is not None and cmd.missed_session not in sessions:
            raise InvalidTransition(f"{cohort.name} has no part {cmd.missed_session}.")
        marks = {i: cmd.attended and i != cmd.missed_session for i in sessions}
        came = sum(marks.values())
        why = f"attended {came} of {len(marks)} sessions" if 0 < came < len(marks) else ""
        nomination.record_attendance(came == len(marks), cmd.actor.user_id, now, why)
        uow.nominations.save(nomination)
        uow.attendance.record(nomination.id or 0, marks, cmd.actor.user_id, now)
        announce(uow, now, e.AttendanceRecorded(nomination, programme, cmd.actor.user_id))
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics)


def check_decision(actor: Actor, nomination_id: int, action: str, uow: UnitOfWork) -> Outcome:
    """Before opening a form for a decision: is this person allowed, is it still open?"""
    with uow:
        nomination = uow.nominations.get(nomination_id)
        programme = uow.programmes.get(nomination.programme_key)
        require_coordinator(actor, programme)
        nomination.ensure_can(action)
        return Outcome(nomination, programme, uow.ics.get(nomination.ics_key))


def _cohort_to_move_to(
    programme: Programme, nomination: Nomination, cohort_key: str, now: datetime
) -> Cohort:
    """The cohort a confirmed place may move to: one not yet started."""
    nomination.ensure_can("move")
    cohort = programme.cohort(cohort_key)
    if cohort.key not in programme.upcoming_cohorts(now):
        raise InvalidTransition(f"{cohort.name} has already started, so nobody can join it.")
    return cohort


def _lock_for_decision(
    uow: UnitOfWork, nomination_id: int, cmd: Command
) -> tuple[Programme, Nomination]:
    key = uow.nominations.get(nomination_id).programme_key
    programme = uow.programmes.lock(key)
    require_coordinator(cmd.actor, programme)
    return programme, uow.nominations.lock(nomination_id)
