"""What each message says, written at send time from the database as it is then.

Each feature hands the renderer its writers at start-up (``install``, from bot/features.py):
those that write for the recipient as they may see it now (``Writer``), and those that read the
message's own facts (``FactWriter``); a chase goes to the chase writer (the reminders')."""

from __future__ import annotations

from datetime import datetime

from bot.kernel.blocks import apology
from bot.outbox.sends import Post, Send
from bot.outbox.sources import FactWriter, Sources, Writer
from bot.people import People
from domain.kernel.outbox import KernelReason, Message, Reason
from storage.unit_of_work import UnitOfWorkFactory


class Renderer:
    def __init__(self, uow_factory: UnitOfWorkFactory, people: People) -> None:
        self.uow_factory, self.people = uow_factory, people

    def __call__(self, message: Message, now: datetime) -> Send | None:
        """The call to make for ``message``; None when nothing needs saying any more."""
        as_recipient = _FOR_RECIPIENT.get(message.reason)
        if as_recipient is not None:  # what the recipient may see, as they may see it now
            actor = self.people.actor(message.recipient)
            return as_recipient(message, actor, self, now)
        if message.reason.is_chase:
            return _CHASE[0](message, self, now)
        return _FROM_FACTS[message.reason](message, self, now)


def _apology(message: Message, sources: Sources, now: datetime) -> Send:
    return Post(message.recipient, apology(**message.payload))


_FOR_RECIPIENT: dict[Reason, Writer] = {}
_FROM_FACTS: dict[Reason, FactWriter] = {KernelReason.APOLOGY: _apology}
_CHASE: list[FactWriter] = []


def install(
    for_recipient: dict[Reason, Writer] | None = None,
    from_facts: dict[Reason, FactWriter] | None = None,
    chase: FactWriter | None = None,
) -> None:
    """Add a feature's writers (the reminders' writes every chase)."""
    _FOR_RECIPIENT.update(for_recipient or {})
    _FROM_FACTS.update(from_facts or {})
    if chase is not None:
        _CHASE[:] = [chase]
