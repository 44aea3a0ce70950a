"""The dispatcher's books: what a sent (or undeliverable) message changes, in the same
transaction as its settlement. Nothing here runs in a Slack request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from domain.errors import NotFound
from domain.outbox import Message, Reason
from handlers.kernel.ports import UnitOfWork
from handlers.networks.cohort_channels import channel_created, channel_not_created


def after_sent(
    uow: UnitOfWork, message: Message, channel: str | None, ts: str | None, now: datetime
) -> None:
    """An invitation delivered makes the nomination await eligibility; a card posted for the
    first time is remembered, so later changes update it in place."""
    keep = _AFTER_SENT.get(message.reason)
    if keep is not None:
        keep(uow, message, channel, ts, now)


def after_failed(uow: UnitOfWork, message: Message, error: str, now: datetime) -> None:
    """An invitation that cannot be delivered is told to the lead who nominated; a Home tab
    or a file someone asked for that Slack refused is told to them, with a reference."""
    if message.reason is Reason.INVITATION:
        _not_reached(uow, message, error, now)
    elif message.reason is Reason.CHANNEL_CREATE:
        channel_not_created(uow, message, error, now)
    elif message.reason in APOLOGISED_FOR:
        payload = {"what": message.reason.value, "reference": f"m{message.id}", "error": error}
        uow.outbox.add(
            [
                Message(
                    message.recipient, Reason.APOLOGY, f"message:{message.id}", "1", now, payload
                )
            ],
            now,
        )


def _invited(uow: UnitOfWork, message: Message, channel, ts, now: datetime) -> None:
    try:
        nomination = uow.nominations.lock(message.payload["nomination"])
    except NotFound:
        return  # erased or gone since: nothing left to mark
    nomination.mark_invited(now)
    uow.nominations.save(nomination)


def _card_posted(uow: UnitOfWork, message: Message, channel, ts, now: datetime) -> None:
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
                Reason.NOT_REACHED,
                message.subject,
                message.period,
                now,
                {**message.payload, "error": error},
            )
        ],
        now,
    )


APOLOGISED_FOR = frozenset(
    {Reason.HOME, Reason.NOMINATIONS_EXPORT, Reason.ENTRIES_EXPORT, Reason.CHANNEL_INVITE}
)

_AFTER_SENT: dict[Reason, Callable[..., None]] = {
    Reason.INVITATION: _invited,
    Reason.CARD: _card_posted,
    Reason.CHANNEL_CREATE: channel_created,
}
