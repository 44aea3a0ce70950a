"""Cover for a circle: a co-facilitator who cannot make it asks; the ICS's other trained
facilitators are asked, and the first to take it on co-facilitates instead."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.circles.calendar import Circle
from domain.circles.cover import (
    CoverAsked,
    CoverRequest,
    CoverTaken,
    ensure_can_ask,
    ensure_can_cover,
)
from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor, is_erased
from domain.nominations.nomination import Status
from handlers.circles.calendar import CircleFacts, circle_facts, may_run_circles
from handlers.circles.commands import AskForCover, CoverCircle
from handlers.circles.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.roles import roles_by_person


def ask_for_cover(cmd: AskForCover, uow: UnitOfWork, now: datetime) -> CoverAsked:
    """Ask the ICS's other trained facilitators (once: asking again changes nothing)."""
    with uow:
        circle = uow.circles.lock(cmd.circle_id)
        person = cmd.actor.user_id
        ensure_can_ask(circle, person, now)
        waiting = [r for r in uow.circles.covers(cmd.circle_id) if r.taken_by is None]
        mine = [r for r in waiting if r.asked_by == person]
        if mine:
            return CoverAsked(circle, mine[0], ())
        asked = _trained_in_ics(uow, circle)
        if not asked:
            raise NotAllowed(
                "There is no other trained facilitator in this circle's ICS to ask. Please "
                f"tell <@{circle.facilitator}> you cannot make it."
            )
        request = uow.circles.ask_cover(CoverRequest(cmd.circle_id, person, now))
        uow.audit.note(person, f"circle:{circle.id}", "asked for cover", now)
        event = CoverAsked(circle, request, asked)
        announce(uow, now, event)
        uow.commit()
        return event


def take_cover(cmd: CoverCircle, uow: UnitOfWork, now: datetime) -> CoverTaken:
    """The first to say "I can cover" co-facilitates in place of the one who asked."""
    with uow:
        request = uow.circles.cover(cmd.request_id)
        circle = uow.circles.lock(request.circle_id)
        person = cmd.actor.user_id
        if request.taken_by == person:
            return CoverTaken(circle, request)
        if request.taken_by is not None:
            raise NotAllowed(f"<@{request.taken_by}> is covering this circle already: thank you.")
        ensure_can_cover(circle, request, person, now)
        if not may_run_circles(cmd.actor, uow, uow.catalogue.get()):
            raise NotAllowed("Only trained circle facilitators can cover a circle.")
        if not uow.circles.take_cover(request.id or 0, person, now):
            taker = uow.circles.cover(request.id or 0).taken_by
            raise NotAllowed(f"<@{taker}> is covering this circle already: thank you.")
        co = tuple(person if p == request.asked_by else p for p in circle.co_facilitators)
        uow.circles.set_co_facilitators(circle.id or 0, co)
        uow.circles.cancel_sign_up(circle.id or 0, person)  # facilitating now, not a place
        uow.audit.note(person, f"circle:{circle.id}", f"covers for {request.asked_by}", now)
        taken = CoverTaken(
            replace(circle, co_facilitators=co), replace(request, taken_by=person, taken_at=now)
        )
        announce(uow, now, taken)
        uow.commit()
        return taken


def _trained_in_ics(uow: UnitOfWork, circle: Circle) -> tuple[str, ...]:
    """Trained facilitators (who may run circles) from the circle's ICS, but for those
    facilitating it already; any ICS when the circle names none."""
    catalogue = uow.catalogue.get()
    people = roles_by_person(uow, catalogue)
    if circle.ics_key is not None:
        placed = frozenset({Status.ATTENDED})  # trained there
        local = {
            n.nominee_id for n in uow.nominations.list(ics_key=circle.ics_key, statuses=placed)
        }
        people = {p: r for p, r in people.items() if p in local}
    return tuple(
        sorted(
            p
            for p in people
            if p not in circle.facilitators
            and not is_erased(p)
            and may_run_circles(Actor(user_id=p), uow, catalogue)
        )
    )


def cover_facts(request_id: int, uow: UnitOfWork) -> tuple[CoverRequest, CircleFacts]:
    """A request for cover and its circle as they are now (for the messages about them)."""
    with uow:
        request = uow.circles.cover(request_id)
    return request, circle_facts(request.circle_id, uow)
