"""What circle messages say, written when they are sent (from the circle as it is then)."""

from __future__ import annotations

from datetime import datetime

from bot.circles.blocks import credited_message
from bot.circles.calendar_blocks import (
    calendar_caption,
    cancelled_message,
    cancelled_post,
    circle_post,
    reminder,
)
from bot.circles.cover_blocks import cover_asked_message, cover_taken_message
from bot.circles.ics import circle_calendar
from bot.outbox.sends import Post, Send, Update, Upload
from bot.outbox.sources import Sources, Writer
from domain.circles.reasons import CircleReason
from domain.kernel.errors import NotFound
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from handlers.circles.calendar import circle_facts
from handlers.circles.cancel import posted_at
from handlers.circles.cover import cover_facts
from handlers.supervision.circle_deliveries import circle_logged


def _credited(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Told while they are still named in it (deleted or changed meanwhile: nothing)."""
    try:
        entry, delivery, catalogue = circle_logged(message.payload["entry"], _read(r))
    except NotFound:
        return None
    if message.recipient not in delivery.co_facilitators:
        return None
    return Post(message.recipient, credited_message(entry, delivery, catalogue))


def _post(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Posted with Sign up; once cancelled, the post (if there is one) says so instead."""
    facts = circle_facts(message.payload["circle"], _read(r))
    if facts.circle.cancelled_at is not None:
        ts = posted_at(facts.circle.id or 0, message.recipient, _read(r))
        return None if ts is None else Update(message.recipient, ts, *cancelled_post(facts))
    if not facts.circle.is_upcoming(now):
        return None  # it has started: nothing to sign up to
    text, blocks = circle_post(facts)
    return Post(message.recipient, text, blocks)


def _circle_cancelled(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    facts = circle_facts(message.payload["circle"], _read(r))
    if facts.circle.cancelled_at is None:
        return None
    text = cancelled_message(facts, message.recipient, message.payload.get("by", ""))
    return Post(message.recipient, text)


def _calendar(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    facts = circle_facts(message.payload["circle"], _read(r))
    cancelled = bool(message.payload.get("cancelled"))
    return Upload(
        message.recipient,
        f"circle-{facts.circle.id}.ics",
        circle_calendar(facts, now, cancelled),
        calendar_caption(facts, cancelled),
    )


def _soon(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Sent while they still have a place at a circle still to come."""
    facts = circle_facts(message.payload["circle"], _read(r))
    if message.recipient not in facts.taken or not facts.circle.is_upcoming(now):
        return None
    text, blocks = reminder(facts)
    return Post(message.recipient, text, blocks)


def _cover_asked(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Asked while nobody has taken it on and the circle is still to come."""
    request, facts = cover_facts(message.payload["cover"], _read(r))
    if request.taken_by is not None or not facts.circle.is_upcoming(now):
        return None
    text, blocks = cover_asked_message(request, facts)
    return Post(message.recipient, text, blocks)


def _cover_taken(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    request, facts = cover_facts(message.payload["cover"], _read(r))
    if request.taken_by is None:
        return None
    return Post(message.recipient, cover_taken_message(request, facts))


def _read(renderer: Sources):
    return renderer.uow_factory(read_only=True)


WRITERS: dict[Reason, Writer] = {
    CircleReason.CIRCLE_CREDITED: _credited,
    CircleReason.CIRCLE_POST: _post,
    CircleReason.CIRCLE_CALENDAR: _calendar,
    CircleReason.CIRCLE_SOON: _soon,
    CircleReason.COVER_ASKED: _cover_asked,
    CircleReason.COVER_TAKEN: _cover_taken,
    CircleReason.CIRCLE_CANCELLED: _circle_cancelled,
}
