"""What a sent (or undeliverable) nomination message changes (this feature's part of the
dispatcher's books, see handlers/kernel/bookkeeping.py)."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.errors import NotFound
from domain.kernel.outbox import Message, Reason
from domain.nominations.reasons import NominationReason
from handlers.kernel.bookkeeping import AfterFailed, AfterSent
from handlers.nominations.ports import UnitOfWork


def _invited(
    uow: UnitOfWork, message: Message, channel: str | None, ts: str | None, now: datetime
) -> None:
    try:
        nomination = uow.nominations.lock(message.payload["nomination"])
    except NotFound:
        return  # erased or gone since: nothing left to mark
    nomination.mark_invited(now)
    uow.nominations.save(nomination)


def _card_posted(
    uow: UnitOfWork, message: Message, channel: str | None, ts: str | None, now: datetime
) -> None:
    if channel and ts:
        uow.nominations.set_card(message.payload["nomination"], channel, ts)


def _not_reached(uow: UnitOfWork, message: Message, error: str, now: datetime) -> None:
    try:
        nomination = uow.nominations.get(message.payload["nomination"])
    except NotFound:
        return
    uow.outbox.add(
        [
            Message(
                nomination.nominated_by,
                NominationReason.NOT_REACHED,
                message.subject,
                message.period,
                now,
                {**message.payload, "error": error},
            )
        ],
        now,
    )


NOMINATION_AFTER_SENT: dict[Reason, AfterSent] = {
    NominationReason.INVITATION: _invited,
    NominationReason.CARD: _card_posted,
}
NOMINATION_AFTER_FAILED: dict[Reason, AfterFailed] = {NominationReason.INVITATION: _not_reached}
