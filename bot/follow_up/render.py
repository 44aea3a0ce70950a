"""What the academy is told of attendees' answers about cascading, written when it is sent."""

from __future__ import annotations

from datetime import datetime

from bot.follow_up.blocks import answer_told_message
from bot.outbox.sends import Post, Send
from bot.outbox.sources import Sources, Writer
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from handlers.follow_up.follow_up_list import answer_facts


def _answered(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """The answer and the words as they are now (typed since the answer, too)."""
    facts = answer_facts(message.payload["answer"], r.uow_factory(read_only=True))
    if facts is None:
        return None  # the person's data was erased meanwhile
    text, blocks = answer_told_message(facts, bool(message.payload.get("words")))
    return Post(message.recipient, text, blocks)


WRITERS: dict[Reason, Writer] = {FollowUpReason.FOLLOW_UP_ANSWERED: _answered}
