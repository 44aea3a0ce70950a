"""The dispatcher's books: what a sent (or undeliverable) message changes, in the same
transaction as its settlement. Nothing here runs in a Slack request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.kernel.outbox import KernelReason, Message, Reason
from handlers.kernel.ports import UnitOfWork


def after_sent(
    uow: UnitOfWork, message: Message, channel: str | None, ts: str | None, now: datetime
) -> None:
    """An invitation delivered makes the nomination await eligibility; a card posted for the
    first time is remembered, so later changes update it in place."""
    if not AFTER_SENT:  # a process without the composition root would skip the books
        raise RuntimeError(
            "the features' tables are not installed (bot.features.install() at start-up)"
        )
    keep = AFTER_SENT.get(message.reason)
    if keep is not None:
        keep(uow, message, channel, ts, now)


def after_failed(uow: UnitOfWork, message: Message, error: str, now: datetime) -> None:
    """An invitation that cannot be delivered is told to the lead who nominated; a Home tab
    or a file someone asked for that Slack refused is told to them, with a reference."""
    tell = AFTER_FAILED.get(message.reason)
    if tell is not None:
        tell(uow, message, error, now)
    elif message.reason.apologised:
        payload = {"what": message.reason.value, "reference": f"m{message.id}", "error": error}
        uow.outbox.add(
            [
                Message(
                    message.recipient,
                    KernelReason.APOLOGY,
                    f"message:{message.id}",
                    "1",
                    now,
                    payload,
                )
            ],
            now,
        )


# What a sent, or undeliverable, message of each reason changes: each feature's own (the
# composition root adds them at start-up: bot/features.py).
# The unit of work is the one the kernel was handed: the composition root's, which holds
# every feature's repositories (the kernel's type says too little for a feature's function).
AfterSent = Callable[[Any, Message, str | None, str | None, datetime], None]
AfterFailed = Callable[[Any, Message, str, datetime], None]
AFTER_SENT: dict[Reason, AfterSent] = {}
AFTER_FAILED: dict[Reason, AfterFailed] = {}


def install(
    after_sent: dict[Reason, AfterSent], after_failed: dict[Reason, AfterFailed] | None = None
) -> None:
    """Add a feature's books."""
    AFTER_SENT.update(after_sent)
    AFTER_FAILED.update(after_failed or {})
