"""What supervision sends: a facilitator's own entries, as a file only they get."""

from __future__ import annotations

from datetime import datetime

from bot.outbox.sends import Send, Upload
from bot.outbox.sources import Sources, Writer
from bot.supervision.export import entries_csv
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from domain.supervision.reasons import SupervisionReason
from handlers.supervision.entries import my_record


def _entries(message: Message, actor: Actor, sources: Sources, now: datetime) -> Send:
    record = my_record(actor, sources.uow_factory(read_only=True), now)
    return Upload(
        message.recipient,
        f"my-supervision-{now:%Y%m%d}.csv",
        entries_csv(record.entries, record.catalogue),
        f"All your {len(record.entries)} entries, notes included. Only you have this file.",
    )


WRITERS: dict[Reason, Writer] = {SupervisionReason.ENTRIES_EXPORT: _entries}
