"""What debrief requests and cohort channels cause Cascade to say (part of the one table in
handlers/kernel/announce.py). Rows carry ids; the words are written when they are sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.kernel.outbox import Message, Reason
from domain.networks.cohort_channel import (
    CohortChannel,
    CohortChannelAsked,
    CohortChannelCreated,
    CohortChannelJoined,
    CohortChannelNotCreated,
)
from domain.networks.debrief import DebriefRequested, DebriefTaken
from domain.networks.reasons import NetworkReason
from handlers.kernel.announce import home


def _debrief_requested(o: DebriefRequested, now: datetime) -> list[Message]:
    """Each supervisor is asked once (with none named, each coordinator)."""
    d = o.debrief
    payload = {"debrief": d.id}
    asked = o.supervisors or o.coordinators
    return [
        Message(s, NetworkReason.DEBRIEF_ASKED, f"debrief:{d.id}", "1", now, payload) for s in asked
    ]


def _debrief_taken(o: DebriefTaken, now: datetime) -> list[Message]:
    d = o.debrief
    payload = {"debrief": d.id}
    return [Message(d.requester, NetworkReason.DEBRIEF_TAKEN, f"debrief:{d.id}", "1", now, payload)]


def _channel(c: CohortChannel, to: str, reason: Reason, now: datetime, **more: Any) -> Message:
    """Each request is its own period: asked again after a refusal, it is created again."""
    payload = {"programme": c.programme_key, "cohort": c.cohort_key, **more}
    return Message(to, reason, c.subject, f"{c.name}:{c.asked_at:%Y%m%dT%H%M%S.%f}", now, payload)


def _channel_asked(o: CohortChannelAsked, now: datetime) -> list[Message]:
    """The dispatcher creates it (in the name of the coordinator who asked)."""
    return [_channel(o.channel, o.channel.asked_by, NetworkReason.CHANNEL_CREATE, now)]


def _channel_created(o: CohortChannelCreated, now: datetime) -> list[Message]:
    """Each participant is asked whether to join; the coordinator hears it is there."""
    c = o.channel
    asks = [_channel(c, p, NetworkReason.CHANNEL_ASK, now) for p in o.participants]
    ready = _channel(c, c.asked_by, NetworkReason.CHANNEL_READY, now, asked=len(o.participants))
    return [*asks, ready, *(home(p, now) for p in (*o.participants, c.asked_by))]


def _channel_not_created(o: CohortChannelNotCreated, now: datetime) -> list[Message]:
    c = o.channel  # the request is gone: the message carries what it needs
    told = _channel(
        c, c.asked_by, NetworkReason.CHANNEL_NOT_CREATED, now, name=c.name, error=o.error
    )
    return [told, home(c.asked_by, now)]


def _channel_joined(o: CohortChannelJoined, now: datetime) -> list[Message]:
    """Invited (a double click within the minute: once)."""
    c = o.channel
    payload = {"programme": c.programme_key, "cohort": c.cohort_key}
    invite = Message(
        o.user_id, NetworkReason.CHANNEL_INVITE, c.subject, f"{now:%Y%m%dT%H%M}", now, payload
    )
    return [invite, home(o.user_id, now)]


NETWORK_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    DebriefRequested: _debrief_requested,
    DebriefTaken: _debrief_taken,
    CohortChannelAsked: _channel_asked,
    CohortChannelCreated: _channel_created,
    CohortChannelNotCreated: _channel_not_created,
    CohortChannelJoined: _channel_joined,
}
