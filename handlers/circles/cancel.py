"""Cancelling a circle: its facilitators or a coordinator take it off the calendar before it
starts; everyone with a place is told, and its post in the circles channels says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.circles.calendar import Circle, CircleCancelled
from domain.circles.reasons import CircleReason
from handlers.circles.commands import CancelCircle
from handlers.circles.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import is_coordinator


def cancel_circle(cmd: CancelCircle, uow: UnitOfWork, now: datetime) -> Circle:
    """Cancelled once, however often (and by however many at once) it is clicked."""
    with uow:
        circle = uow.circles.lock(cmd.circle_id)
        person = cmd.actor.user_id
        circle.ensure_cancellable_by(person, is_coordinator(cmd.actor, uow), now)
        if circle.cancelled_at is not None or not uow.circles.cancel(cmd.circle_id, now):
            return uow.circles.get(cmd.circle_id)  # cancelled already: nothing more to say
        circle = replace(circle, cancelled_at=now)
        people = tuple(uow.circles.signups([cmd.circle_id])[cmd.circle_id])
        channels = tuple(
            sorted(uow.outbox.where_posted(CircleReason.CIRCLE_POST, _subject(circle)))
        )
        uow.audit.note(person, _subject(circle), "cancelled", now)
        announce(uow, now, CircleCancelled(circle, people, channels, person))
        uow.commit()
        return circle


def posted_at(circle_id: int, channel: str, uow: UnitOfWork) -> str | None:
    """The ts of the circle's post in ``channel``; None when Cascade never posted it there."""
    with uow:
        return uow.outbox.where_posted(CircleReason.CIRCLE_POST, f"circle:{circle_id}").get(channel)


def _subject(circle: Circle) -> str:
    return f"circle:{circle.id}"
