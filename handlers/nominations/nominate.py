"""Nomination use cases: nominate, confirm eligibility, and the coordinator's decisions.

Capacity changes lock rows in one fixed order: programme, then ICS, then cohort, then nomination.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain import events as e
from domain.capacity import check_cohort_room, check_ics_quota, check_place, free_places
from domain.errors import (
    AlreadyNominated,
    DomainError,
    InvalidTransition,
    NoPlacesLeft,
    NotAllowed,
    NotFound,
)
from domain.nomination import Nomination, StateChanged, Status
from domain.people import SYSTEM, Actor
from domain.programme import Cohort, Ics, Programme
from domain.roles import (
    require_can_nominate,
    require_can_withdraw,
    require_coordinator,
)
from domain.waitlist import next_offer
from handlers.kernel.announce import announce
from handlers.kernel.commands import Command
from handlers.nominations.commands import (
    AskToMove,
    ConfirmPlace,
    Decline,
    MovePlace,
    Nominate,
    RecordAttendance,
    Waitlist,
    Withdraw,
)
from handlers.nominations.ports import UnitOfWork


@dataclass(frozen=True)
class Outcome:
    """A nomination after a use case, with what a message about it needs."""

    nomination: Nomination
    programme: Programme
    ics: Ics
    used: int = 0  # nominations the ICS has used, after a nomination
    promoted: Nomination | None = None  # a waitlisted person who got a freed place


@dataclass(frozen=True)
class Checked:
    """A nomination the rules allow, as the database stood when it was checked."""

    programme: Programme
    ics: Ics
    used: int  # the ICS's nominations before this one


@dataclass(frozen=True)
class Nominating:
    """A nomination to check as its request is stored (before the form's ack): the ICS and
    its leads as read a moment ago."""

    command: Nominate
    ics: Ics


def check_nominations(
    arriving: Sequence[Nominating], uow: UnitOfWork, now: datetime, besides: Sequence[str] = ()
) -> list[Checked | DomainError]:
    """Would the rules take these nominations, arriving together, now? Each is checked
    against the programme as it is now (a coordinator may have just closed it), the ICS's
    active nominations, the nominate requests still waiting to be carried out and those
    before it here; ``besides``: the keys of the requests being stored (Slack's retry of one
    is not counted against itself). Run in the transaction that stores the requests: the
    nomination itself is made after the ack, under the locks, where the rules are final."""
    results: list[Checked | DomainError | None] = [None] * len(arriving)
    by_programme: dict[str, list[int]] = {}
    for i, a in enumerate(arriving):
        by_programme.setdefault(a.command.programme_key, []).append(i)
    for programme_key, indices in by_programme.items():
        try:
            standing = uow.nominations.standing(
                programme_key,
                sorted({arriving[i].ics.key for i in indices}),
                sorted({arriving[i].command.nominee_id for i in indices}),
                besides=besides,
            )
        except NotFound as gone:
            for i in indices:
                results[i] = gone
            continue
        programme, used, taken = standing.programme, dict(standing.used), set(standing.taken)
        for i in indices:
            try:
                results[i] = _arriving(arriving[i], programme, used, taken, uow, now)
            except DomainError as refused:
                results[i] = refused
    return [r for r in results if r is not None]


def _arriving(
    a: Nominating,
    programme: Programme,
    used: dict[str, int],
    taken: set[str],
    uow: UnitOfWork,
    now: datetime,
) -> Checked:
    cmd, ics = a.command, a.ics
    if ics.key != cmd.ics_key:
        raise ValueError("the ICS checked against is the command's own")
    require_can_nominate(cmd.actor, programme, ics)
    programme.ensure_open(now)
    if cmd.nominee_id in taken:
        existing = uow.nominations.active_for(programme.key, cmd.nominee_id)
        where = f" ({existing.describe(capitalise=False)})" if existing else " (a moment ago)"
        raise AlreadyNominated(
            f"<@{cmd.nominee_id}> already has a nomination for {programme.name}{where}.",
            field="nominee",
        )
    check_ics_quota(programme, ics, used.get(ics.key, 0))
    checked = Checked(programme, ics, used.get(ics.key, 0))
    used[ics.key] = checked.used + 1
    taken.add(cmd.nominee_id)
    return checked


def _checked(
    cmd: Nominate,
    uow: UnitOfWork,
    now: datetime,
    programme_of: Callable[[str], Programme],
    ics_of: Callable[[str], Ics],
) -> Checked:
    programme, ics = programme_of(cmd.programme_key), ics_of(cmd.ics_key)
    require_can_nominate(cmd.actor, programme, ics)
    programme.ensure_open(now)
    used, taken = uow.nominations.nominating(programme.key, ics.key, cmd.nominee_id)
    if taken and (existing := uow.nominations.active_for(programme.key, cmd.nominee_id)):
        raise AlreadyNominated(
            f"<@{cmd.nominee_id}> already has a nomination for {programme.name} "
            f"({existing.describe(capitalise=False)}).",
            field="nominee",
        )
    check_ics_quota(programme, ics, used)
    return Checked(programme, ics, used)


def nominate(cmd: Nominate, uow: UnitOfWork, now: datetime) -> Outcome:
    """An ICS lead (or a coordinator) nominates someone, within the ICS's quota."""
    with uow:
        checked = _checked(cmd, uow, now, uow.programmes.lock, uow.ics.lock)
        programme, ics, used = checked.programme, checked.ics, checked.used
        nomination = Nomination(
            programme_key=programme.key,
            ics_key=ics.key,
            nominee_id=cmd.nominee_id,
            nominated_by=cmd.actor.user_id,
            note=cmd.note.strip(),
            organisation=cmd.organisation.strip(),
            sponsor=cmd.sponsor or cmd.actor.user_id,
            created_at=now,
            updated_at=now,
        )
        nomination.events.append(
            StateChanged(None, cmd.actor.user_id, now, None, Status.NOMINATED, "nominated")
        )
        uow.nominations.add(nomination)
        announce(uow, now, e.Nominated(nomination, programme, cmd.actor.user_id))
        uow.commit()
        return Outcome(nomination, programme, ics, used=used + 1)


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
        outcomes: list[e.Event] = [e.PlaceConfirmed(nomination, programme, cmd.actor.user_id)]
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


def offered(
    promoted: Nomination | None, programme: Programme, freed_by: Nomination
) -> list[e.PlaceOffered]:
    """The outcome of offering a freed place, if it was offered to someone."""
    if promoted is None:
        return []
    return [e.PlaceOffered(promoted, programme, SYSTEM.user_id, freed_by.nominee_id)]


def offer_added_places(
    uow: UnitOfWork, programme: Programme, now: datetime
) -> list[e.PlaceOffered]:
    """Places added to a programme (more in total or in a cohort) go to the waitlist the way
    freed ones do: each offered to the first person it fits, until none fits."""
    outcomes: list[e.PlaceOffered] = []
    while (promoted := offer_freed_place(uow, programme, now, "")) is not None:
        outcomes.append(e.PlaceOffered(promoted, programme, SYSTEM.user_id, ""))
    return outcomes
