"""What leave causes Cascade to say (part of the one table in handlers/kernel/announce.py): only the
person's own Home tab, which shows it. Nobody else is told; the reason goes nowhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.kernel.outbox import Message
from domain.leave.leave import LeaveEnded, LeaveRecorded
from handlers.kernel.announce import home


def _their_home(o: LeaveRecorded | LeaveEnded, now: datetime) -> list[Message]:
    return [home(o.leave.person, now)]


LEAVE_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    LeaveRecorded: _their_home,
    LeaveEnded: _their_home,
}
