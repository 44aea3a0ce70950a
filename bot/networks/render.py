"""What debrief and cohort-channel messages say (and do), written when they are sent."""

from __future__ import annotations

from datetime import datetime

from bot.networks.channel_blocks import join_ask, not_created_message, ready_message
from bot.networks.debrief_blocks import debrief_asked_message, debrief_taken_message
from bot.outbox.sends import CreateChannel, Invite, Post, Send
from bot.outbox.sources import Sources, Writer
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from domain.networks.reasons import NetworkReason
from handlers.networks.cohort_channels import channel_of
from handlers.networks.debriefs import debrief_of


def _asked(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Asked while nobody has taken it on (taken meanwhile: nothing to say)."""
    debrief = debrief_of(message.payload["debrief"], r.uow_factory(read_only=True))
    if debrief.taken_by is not None:
        return None
    text, blocks = debrief_asked_message(debrief)
    return Post(message.recipient, text, blocks)


def _taken(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    debrief = debrief_of(message.payload["debrief"], r.uow_factory(read_only=True))
    return Post(message.recipient, debrief_taken_message(debrief))


def _channel(message: Message, r: Sources):
    p = message.payload
    return channel_of(p["programme"], p["cohort"], r.uow_factory(read_only=True))


def _create(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Created unless the request went meanwhile (or the channel is there already)."""
    channel, _ = _channel(message, r)
    if channel is None or channel.channel_id is not None:
        return None
    return CreateChannel(channel.name, channel.private)


def _ready(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    channel, programme = _channel(message, r)
    if channel is None:
        return None
    return Post(message.recipient, ready_message(channel, programme, message.payload["asked"]))


def _not_created(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    p = message.payload
    return Post(message.recipient, not_created_message(p["name"], p["error"]))


def _ask(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    channel, programme = _channel(message, r)
    if channel is None or channel.channel_id is None:
        return None
    text, blocks = join_ask(channel, programme)
    return Post(message.recipient, text, blocks)


def _invite(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    channel, _ = _channel(message, r)
    if channel is None or channel.channel_id is None:
        return None
    return Invite(channel.channel_id, message.recipient)


WRITERS: dict[Reason, Writer] = {
    NetworkReason.DEBRIEF_ASKED: _asked,
    NetworkReason.DEBRIEF_TAKEN: _taken,
    NetworkReason.CHANNEL_CREATE: _create,
    NetworkReason.CHANNEL_READY: _ready,
    NetworkReason.CHANNEL_NOT_CREATED: _not_created,
    NetworkReason.CHANNEL_ASK: _ask,
    NetworkReason.CHANNEL_INVITE: _invite,
}
