"""Waitlist offers with consent: a freed place is kept for the first waitlisted person it fits
until they accept or decline it, or the deadline passes and it goes to the next; coordinators
may reorder the waitlist, with a reason.

Locks as every capacity change: programme, then cohort, then nomination.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.kernel.errors import InvalidTransition, NotAllowed
from domain.kernel.events import Event
from domain.kernel.people import SYSTEM, Actor
from domain.kernel.roles import require_coordinator
from domain.nominations import events as e
from domain.nominations.nomination import Nomination, Status
from domain.nominations.waitlist import in_order
from handlers.kernel.announce import announce
from handlers.nominations.commands import AnswerOffer, ReorderWaitlist
from handlers.nominations.nominate import Outcome
from handlers.nominations.places import offer_freed_place, offered
from handlers.nominations.ports import UnitOfWork


def answer_offer(cmd: AnswerOffer, uow: UnitOfWork, now: datetime) -> Outcome:
    """The person offered a place accepts it (it is theirs) or declines it (they leave the
    waitlist, and the place is offered to the next person it fits)."""
    with uow:
        key = uow.nominations.get(cmd.nomination_id).programme_key
        programme = uow.programmes.lock(key)
        nomination = uow.nominations.lock(cmd.nomination_id)
        if cmd.actor.user_id != nomination.nominee_id:
            raise NotAllowed("Only the person offered the place can answer the offer.")
        if nomination.status is Status.CONFIRMED:
            cohort = programme.cohort(nomination.cohort_key or "")
            raise InvalidTransition(f"Your place is already confirmed, in {cohort.name}.")
        if not nomination.can("answer_offer"):
            state = nomination.describe(capitalise=False)
            raise InvalidTransition(f"This offer is no longer open: your nomination is {state}.")
        promoted = None
        if cmd.accept:
            nomination.accept_offer(now)
            uow.nominations.save(nomination)
            outcomes: list[Event] = [e.PlaceConfirmed(nomination, programme, cmd.actor.user_id)]
        else:
            nomination.decline_offer(now)
            uow.nominations.save(nomination)
            promoted = offer_freed_place(uow, programme, now, nomination.nominee_id)
            outcomes = [e.Withdrawn(nomination, programme, cmd.actor.user_id)]
            outcomes += offered(promoted, programme, nomination)
        announce(uow, now, *outcomes)
        ics = uow.ics.get(nomination.ics_key)  # read before the commit: one transaction
        uow.commit()
        return Outcome(nomination, programme, ics, promoted=promoted)


def expire_offers(uow: UnitOfWork, now: datetime) -> list[Outcome]:
    """Every offer unanswered by its deadline goes back to the waitlist (and is not made to
    that person again), and its place is offered to the next person it fits. Safe to run on
    several instances at once: each offer is looked at again under its programme's lock."""
    with uow:
        open_offers = uow.nominations.list(statuses=frozenset({Status.OFFERED}))
        due = [
            n for n in open_offers if n.offer_expires_at is not None and n.offer_expires_at <= now
        ]
        passed = []
        for programme_key in sorted({n.programme_key for n in due}):
            programme = uow.programmes.lock(programme_key)
            for stale in (n for n in due if n.programme_key == programme_key):
                nomination = uow.nominations.lock(stale.id or 0)
                if nomination.status is not Status.OFFERED or nomination.offer_expires_at != (
                    stale.offer_expires_at
                ):
                    continue  # answered, or passed on by another instance, meanwhile
                nomination.lapse_offer(now)
                uow.nominations.save(nomination)
                promoted = offer_freed_place(uow, programme, now, nomination.nominee_id)
                lapsed = e.OfferLapsed(nomination, programme, SYSTEM.user_id)
                announce(uow, now, lapsed, *offered(promoted, programme, nomination))
                ics = uow.ics.get(nomination.ics_key)
                passed.append(Outcome(nomination, programme, ics, promoted=promoted))
        uow.commit()
        return passed


def reorder_waitlist(cmd: ReorderWaitlist, uow: UnitOfWork, now: datetime) -> Outcome:
    """A coordinator puts a waitlisted nomination at ``position`` (1: offered a place first);
    the reason is kept in the audit log."""
    with uow:
        key = uow.nominations.get(cmd.nomination_id).programme_key
        programme = uow.programmes.lock(key)
        require_coordinator(cmd.actor, programme)
        moved = uow.nominations.lock(cmd.nomination_id)
        moved.ensure_can("reorder")
        others = [n for n in _waiting(uow, key) if n.id != moved.id]
        position = min(cmd.position, len(others) + 1)
        order = [*others[: position - 1], moved, *others[position - 1 :]]
        for rank, nomination in enumerate(order, start=1):
            if nomination is not moved:
                nomination = uow.nominations.lock(nomination.id or 0)
            nomination.rank_on_waitlist(rank)
            if nomination is moved:
                nomination.record_change(
                    cmd.actor.user_id,
                    now,
                    f"moved to position {rank} on the waitlist: {cmd.reason}",
                )
            uow.nominations.save(nomination)
        announce(uow, now, e.WaitlistReordered(moved, programme, cmd.actor.user_id))
        ics = uow.ics.get(moved.ics_key)
        uow.commit()
        return Outcome(moved, programme, ics)


def reorder_form(actor: Actor, nomination_id: int, uow: UnitOfWork) -> tuple[Nomination, int, int]:
    """Before opening the reorder form: the nomination, its position and the waitlist's
    length (refused to non-coordinators, and for a nomination no longer waitlisted)."""
    with uow:
        nomination = uow.nominations.get(nomination_id)
        require_coordinator(actor, uow.programmes.get(nomination.programme_key))
        nomination.ensure_can("reorder")
        order = [n.id for n in _waiting(uow, nomination.programme_key)]
        return nomination, order.index(nomination.id) + 1, len(order)


def waitlist_order(uow: UnitOfWork, programme_key: str) -> Sequence[Nomination]:
    """The waitlist in the order its places are offered."""
    with uow:
        return _waiting(uow, programme_key)


def _waiting(uow: UnitOfWork, programme_key: str) -> list[Nomination]:
    return in_order(uow.nominations.list(programme_key, statuses=frozenset({Status.WAITLISTED})))
