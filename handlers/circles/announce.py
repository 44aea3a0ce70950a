"""What circle outcomes cause Cascade to say (part of the one table in handlers/kernel/announce.py).
Rows carry ids; the words are written when they are sent."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from domain.circles.calendar import CircleCancelled, CirclePublished, SignedUp, SignUpCancelled
from domain.circles.cover import CoverAsked, CoverTaken
from domain.circles.reasons import CircleReason
from domain.circles.topics import CircleDeliveryLogged
from domain.kernel.outbox import Message
from handlers.kernel.announce import home


def _homes(people: Iterable[str], now: datetime) -> list[Message]:
    return [home(p, now) for p in sorted(set(people))]


def _delivery_logged(o: CircleDeliveryLogged, now: datetime) -> list[Message]:
    """Each co-facilitator named for the first time hears that the circle counts for them."""
    subject, payload = f"entry:{o.entry.id}", {"entry": o.entry.id}
    told = [
        Message(p, CircleReason.CIRCLE_CREDITED, subject, "1", now, payload) for p in o.credited
    ]
    return [*told, *_homes(o.concerned, now)]


def _published(o: CirclePublished, now: datetime) -> list[Message]:
    """Posted, with Sign up, to each circles channel the programmes name."""
    c = o.circle
    subject, payload = f"circle:{c.id}", {"circle": c.id}
    posts = [Message(ch, CircleReason.CIRCLE_POST, subject, "1", now, payload) for ch in o.channels]
    return [*posts, *_homes(c.facilitators, now)]


def _calendar(circle_id: int | None, person: str, cancelled: bool, now: datetime) -> Message:
    period = f"{'cancelled' if cancelled else 'signed-up'}:{now:%Y%m%dT%H%M%S.%f}"
    payload = {"circle": circle_id, "cancelled": cancelled}
    return Message(
        person, CircleReason.CIRCLE_CALENDAR, f"circle:{circle_id}", period, now, payload
    )


def _signed_up(o: SignedUp, now: datetime) -> list[Message]:
    """The calendar file, to the person; their Home and the facilitators' show the place."""
    c = o.circle
    return [_calendar(c.id, o.person, False, now), *_homes([o.person, *c.facilitators], now)]


def _cancelled(o: SignUpCancelled, now: datetime) -> list[Message]:
    """A calendar file that takes the circle out of the person's calendar."""
    c = o.circle
    return [_calendar(c.id, o.person, True, now), *_homes([o.person, *c.facilitators], now)]


def _circle_cancelled(o: CircleCancelled, now: datetime) -> list[Message]:
    """Its facilitators and everyone with a place are told (not whoever cancelled it); those
    with a place get the file that takes it out of their calendar; each post of it in a
    circles channel says it is cancelled; Homes drop it."""
    c = o.circle
    subject, payload = f"circle:{c.id}", {"circle": c.id, "by": o.by}
    told = sorted({*o.people, *c.facilitators} - {o.by})
    notices = [Message(p, CircleReason.CIRCLE_CANCELLED, subject, "1", now, payload) for p in told]
    files = [_calendar(c.id, p, True, now) for p in o.people]
    posts = [
        Message(ch, CircleReason.CIRCLE_POST, subject, "cancelled", now, {"circle": c.id})
        for ch in o.channels
    ]
    return [*notices, *files, *posts, *_homes([*o.people, *c.facilitators, o.by], now)]


def _cover_asked(o: CoverAsked, now: datetime) -> list[Message]:
    r = o.request
    subject, payload = f"cover:{r.id}", {"cover": r.id}
    asks = [Message(p, CircleReason.COVER_ASKED, subject, "1", now, payload) for p in o.asked]
    return [*asks, *_homes([r.asked_by], now)]


def _cover_taken(o: CoverTaken, now: datetime) -> list[Message]:
    """The lead facilitator and whoever asked hear who covers; everyone's Home changes."""
    r, c = o.request, o.circle
    subject, payload = f"cover:{r.id}", {"cover": r.id}
    told = [
        Message(p, CircleReason.COVER_TAKEN, subject, p, now, payload)
        for p in sorted({c.facilitator, r.asked_by})
    ]
    return [*told, *_homes([*c.facilitators, r.asked_by], now)]


CIRCLE_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    CircleDeliveryLogged: _delivery_logged,
    CirclePublished: _published,
    SignedUp: _signed_up,
    SignUpCancelled: _cancelled,
    CircleCancelled: _circle_cancelled,
    CoverAsked: _cover_asked,
    CoverTaken: _cover_taken,
}
