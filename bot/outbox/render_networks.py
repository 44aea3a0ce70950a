"""What debrief messages say, written when they are sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bot.blocks.debrief import debrief_asked_message, debrief_taken_message
from bot.outbox.sends import Post, Send
from domain.outbox import Message, Reason
from domain.people import Actor
from handlers.debriefs import debrief_of

if TYPE_CHECKING:
    from bot.outbox.render import Renderer

Writer = Callable[[Message, Actor, "Renderer", datetime], Send | None]


def _asked(message: Message, actor: Actor, r: Renderer, now: datetime) -> Send | None:
    """Asked while nobody has taken it on (taken meanwhile: nothing to say)."""
    debrief = debrief_of(message.payload["debrief"], r.uow_factory(read_only=True))
    if debrief.taken_by is not None:
        return None
    text, blocks = debrief_asked_message(debrief)
    return Post(message.recipient, text, blocks)


def _taken(message: Message, actor: Actor, r: Renderer, now: datetime) -> Send:
    debrief = debrief_of(message.payload["debrief"], r.uow_factory(read_only=True))
    return Post(message.recipient, debrief_taken_message(debrief))


WRITERS: dict[Reason, Writer] = {
    Reason.DEBRIEF_ASKED: _asked,
    Reason.DEBRIEF_TAKEN: _taken,
}
