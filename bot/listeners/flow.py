"""The shape every button listener shares: do the change, then ack, then tell the person."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.replies import tell
from bot.runtime import Clock
from domain.errors import DomainError
from handlers.commands import Command
from handlers.inbox import accept
from storage.unit_of_work import UnitOfWorkFactory

T = TypeVar("T")


def then_ack(ack: Ack, work: Callable[[], T]) -> T | DomainError:
    """Run a use case and acknowledge; a refusal is returned (to be explained), not raised.

    The change (and what Cascade will say about it) is committed before Slack hears "OK", so
    nothing acknowledged is ever lost. An unexpected error propagates unacknowledged: Slack
    shows the failure and the error handler replies with a reference.
    """
    try:
        result = work()
    except DomainError as refused:
        ack()
        return refused
    ack()
    return result


def accept_then_ack(
    ack: Ack,
    body: dict,
    command: Command,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
    client: WebClient,
) -> None:
    """Store the request, then acknowledge: the change follows right after the ack (the
    inbox worker carries it out, and the card, the people concerned and, if it cannot be
    done, the person who asked hear of it). Only the insert is done while Slack waits."""
    refused = accepted(body, command, uow_factory, clock)
    ack()
    if refused is not None:
        after_ack.later(body, client, tell, client, body, refused.message)


def accepted(
    body: dict, command: Command, uow_factory: UnitOfWorkFactory, clock: Clock
) -> DomainError | None:
    """Store the request for the inbox worker; the reason if it could not be (Cascade busy)."""
    channel = (body.get("channel") or {}).get("id")
    try:
        accept(
            command,
            request_key(body),
            uow_factory(),
            clock(),
            reply_channel=channel if isinstance(channel, str) else None,
            private_reply=forms.in_private_reply(body),
        )
    except DomainError as refused:
        return refused
    return None


def request_key(body: dict) -> str:
    """The same request (Slack's retry of it) has the same key; another click, another key."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def reply(
    after_ack: AfterAck,
    body: dict,
    client: WebClient,
    result: T | DomainError,
    success: Callable[[T], str],
) -> None:
    """After the ack, tell the person privately how it went: the refusal, or ``success``."""
    message = result.message if isinstance(result, DomainError) else success(result)
    after_ack.later(body, client, tell, client, body, message)
