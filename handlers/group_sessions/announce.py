"""What group session outcomes cause Cascade to say (part of the one table in
handlers/kernel/announce.py). Rows carry ids; the words are written when they are sent."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from domain.group_sessions import events as e
from domain.group_sessions.reasons import GroupSessionReason
from domain.group_sessions.sessions import GroupSession
from domain.kernel.outbox import Message, Reason
from handlers.kernel.announce import home


def _homes(people: Iterable[str], now: datetime) -> list[Message]:
    return [home(p, now) for p in sorted(set(people))]


def _to(
    people: Iterable[str], reason: Reason, s: GroupSession, period: str, now: datetime
) -> list[Message]:
    payload = {"session": s.id}
    return [Message(p, reason, f"group-session:{s.id}", period, now, payload) for p in people]


def _scheduled(o: e.GroupSessionScheduled, now: datetime) -> list[Message]:
    """Each invitee is asked (Going / Can't go) and gets the calendar file."""
    s = o.session
    asks = _to(o.invitees, GroupSessionReason.GROUP_INVITATION, s, "1", now)
    files = _to(o.invitees, GroupSessionReason.GROUP_CALENDAR, s, "1", now)
    return [*asks, *files, *_homes([*o.invitees, s.organiser], now)]


def _answered(o: e.GroupSessionAnswered, now: datetime) -> list[Message]:
    return _homes([o.person, o.session.organiser], now)


def _cancelled(o: e.GroupSessionCancelled, now: datetime) -> list[Message]:
    """Everyone invited (and the organiser, when a coordinator cancelled it) is told; the
    invitees' calendar file takes the session out of their calendars."""
    s = o.session
    told = sorted(({*o.invitees, s.organiser}) - {o.actor})
    notices = _to(told, GroupSessionReason.GROUP_CANCELLED, s, "1", now)
    files = _to(o.invitees, GroupSessionReason.GROUP_CALENDAR, s, "cancelled", now)
    return [*notices, *files, *_homes([*o.invitees, s.organiser, o.actor], now)]


def _attendance(o: e.GroupAttendanceRecorded, now: datetime) -> list[Message]:
    """Each person credited now hears that it counts for them; Homes show the change."""
    stamp = f"{now:%Y%m%dT%H%M%S.%f}"
    told = _to(o.added, GroupSessionReason.GROUP_ATTENDED, o.session, stamp, now)
    return [*told, *_homes([*o.added, *o.removed, o.session.organiser, o.actor], now)]


GROUP_SESSION_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    e.GroupSessionScheduled: _scheduled,
    e.GroupSessionAnswered: _answered,
    e.GroupSessionCancelled: _cancelled,
    e.GroupAttendanceRecorded: _attendance,
}
