"""What following attendees up causes Cascade to say (part of the one table in
handlers/kernel/announce.py). Rows carry ids; the words are written when they are sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.follow_up import events as e
from domain.follow_up.follow_through import WORDS_GRACE, Telling
from domain.follow_up.reasons import FollowUpReason
from domain.kernel.outbox import Message
from handlers.kernel.announce import home


def _answered(o: e.FollowUpAnswered, now: datetime) -> list[Message]:
    """The academy hears the answer and the person's words ("I have let the academy know");
    their Home tabs show it when next opened. After a "Yes" from the button, the message waits
    a little: words typed in the form that follows go with it, read when it is sent."""
    if o.telling in (Telling.DONE, Telling.QUIET):
        return []
    when = now + WORDS_GRACE if o.telling == Telling.SOON else now
    period = f"answer-{o.answer_id}" + (":words" if o.telling == Telling.WORDS else "")
    payload = {"answer": o.answer_id, "programme": o.programme.key, "words": o.telling == "words"}
    subject = f"nomination:{o.nomination_id}"
    told = [
        Message(p, FollowUpReason.FOLLOW_UP_ANSWERED, subject, period, when, payload)
        for p in o.academy
    ]
    return told


def _called(o: e.FollowUpCalled, now: datetime) -> list[Message]:
    return [home(p, now) for p in o.academy if p[:1] in ("U", "W")]


FOLLOW_THROUGH_ANNOUNCEMENTS: dict[type, Callable[..., list[Message]]] = {
    e.FollowUpAnswered: _answered,
    e.FollowUpCalled: _called,
}
