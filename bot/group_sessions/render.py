"""What group session messages say, written when they are sent (so a session cancelled
meanwhile, or an answer changed, is never announced stale)."""

from __future__ import annotations

from datetime import datetime

from bot.group_sessions.ics import session_calendar
from bot.group_sessions.messages import (
    attended_message,
    cancelled_message,
    invitation_message,
    soon_message,
)
from bot.outbox.sends import Post, Send, Upload
from bot.outbox.sources import Sources, Writer
from domain.group_sessions.reasons import GroupSessionReason
from domain.group_sessions.sessions import Answer
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from handlers.group_sessions.reads import SessionNow, shown


def _shown(message: Message, r: Sources) -> SessionNow:
    return shown(int(message.payload["session"]), r.uow_factory(read_only=True))


def _invitation(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Asked while it is still to come and they are still invited."""
    found = _shown(message, r)
    s = found.session
    if s.cancelled_at is not None or now >= s.starts_at or not found.invites(message.recipient):
        return None
    text, blocks = invitation_message(found)
    return Post(message.recipient, text, blocks)


def _calendar(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    """The session as it is now: a cancelled one leaves the person's calendar."""
    found = _shown(message, r)
    s = found.session
    cancelled = " (cancelled)" if s.cancelled_at else ""
    return Upload(
        message.recipient,
        f"group-session-{s.id}.ics",
        session_calendar(s, found.kind_name, now),
        f"Calendar file for {s.title}{cancelled}",
    )


def _cancelled(message: Message, actor: Actor, r: Sources, now: datetime) -> Send:
    return Post(message.recipient, cancelled_message(_shown(message, r)))


def _attended(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Told while the attendance still stands (taken back meanwhile: nothing to say)."""
    found = _shown(message, r)
    if message.recipient not in found.attended:
        return None
    return Post(message.recipient, attended_message(found))


def _soon(message: Message, actor: Actor, r: Sources, now: datetime) -> Send | None:
    """Reminded while they are still going and it is still to come."""
    found = _shown(message, r)
    s = found.session
    going = found.answer_of(message.recipient) is Answer.GOING
    if s.cancelled_at is not None or now >= s.starts_at or not going:
        return None
    text, blocks = soon_message(found)
    return Post(message.recipient, text, blocks)


WRITERS: dict[Reason, Writer] = {
    GroupSessionReason.GROUP_INVITATION: _invitation,
    GroupSessionReason.GROUP_CALENDAR: _calendar,
    GroupSessionReason.GROUP_CANCELLED: _cancelled,
    GroupSessionReason.GROUP_ATTENDED: _attended,
    GroupSessionReason.GROUP_SOON: _soon,
}
