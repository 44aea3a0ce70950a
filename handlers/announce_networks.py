"""What debrief requests cause Cascade to say (part of the one table in handlers/announce.py).
Rows carry ids; the words are written when they are sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.debrief import DebriefRequested, DebriefTaken
from domain.outbox import Message, Reason


def _debrief_requested(o: DebriefRequested, now: datetime) -> list[Message]:
    """Each supervisor is asked once (with none named, each coordinator)."""
    d = o.debrief
    payload = {"debrief": d.id}
    asked = o.supervisors or o.coordinators
    return [Message(s, Reason.DEBRIEF_ASKED, f"debrief:{d.id}", "1", now, payload) for s in asked]


def _debrief_taken(o: DebriefTaken, now: datetime) -> list[Message]:
    d = o.debrief
    payload = {"debrief": d.id}
    return [Message(d.requester, Reason.DEBRIEF_TAKEN, f"debrief:{d.id}", "1", now, payload)]


NETWORK_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    DebriefRequested: _debrief_requested,
    DebriefTaken: _debrief_taken,
}
