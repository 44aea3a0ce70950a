"""What each outcome causes Cascade to say: one table, read top to bottom.

A use case calls ``announce(uow, now, event)`` before it commits, so the messages are written in
the same transaction as the change (a transactional outbox). Rows carry ids, never words: the
dispatcher writes the words when it sends them, from the database as it is then.

Each feature keeps its part of the table in its own package (``handlers/<feature>/announce.py``);
the composition root puts them together at start-up (``bot/features.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from domain.kernel import events as e
from domain.kernel.outbox import KernelReason, Message
from domain.kernel.people import SYSTEM, is_erased
from handlers.kernel.ports import UnitOfWork

Announcement = Callable[..., list[Message]]


def announce(uow: UnitOfWork, now: datetime, *outcomes: object) -> None:
    """Write the messages these outcomes cause, in the caller's transaction (any event in
    ANNOUNCEMENTS, which each feature's table fills: ``e.Event`` lists only the kernel's)."""
    messages = _to_people([m for o in outcomes for m in ANNOUNCEMENTS[type(o)](o, now)])
    homes = {m.recipient for m in messages if m.reason is KernelReason.HOME}
    using = uow.people.using_home(homes) if homes else set()
    uow.outbox.add(
        [m for m in messages if m.reason is not KernelReason.HOME or m.recipient in using], now
    )


def home(person: str, now: datetime) -> Message:
    """Someone's Home tab, published again (coalesced: one row per person)."""
    return Message(person, KernelReason.HOME, "home", "", now)


def _home_opened(o: e.HomeOpened, now: datetime) -> list[Message]:
    return [home(o.actor, now)]


def _request_replied(o: e.RequestReplied, now: datetime) -> list[Message]:
    """The person hears what became of their request: why not, or where things stand."""
    if o.refusal:
        payload = {"refusal": o.refusal, "waitlist": o.nomination_id if o.can_waitlist else 0}
    else:
        payload = {"nomination": o.nomination_id}
    payload["channel"] = o.channel or ""
    return [Message(o.actor, KernelReason.REPLY, f"request:{o.request_id}", "1", now, payload)]


ANNOUNCEMENTS: dict[type, Announcement] = {
    e.HomeOpened: _home_opened,
    e.RequestReplied: _request_replied,
}


def install(table: Mapping[type, Announcement]) -> None:
    """Add a feature's part of the table (an outcome has one entry, whoever adds it)."""
    for kind, announcement in table.items():
        if ANNOUNCEMENTS.setdefault(kind, announcement) is not announcement:
            raise ValueError(f"{kind.__name__} is announced twice")
    ANNOUNCEMENTS.update(table)


def _to_people(messages: list[Message]) -> list[Message]:
    """Nobody writes to Cascade itself, or to someone whose data was erased."""
    return [m for m in messages if m.recipient != SYSTEM.user_id and not is_erased(m.recipient)]
