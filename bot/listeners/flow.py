"""The shape every button listener shares: do the change, then ack, then tell the person."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.after_ack import AfterAck
from bot.intake import Intake
from bot.kernel.door import store
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import open_view
from domain.kernel.errors import DomainError
from handlers.kernel.commands import Command

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
    intake: Intake,
    clock: Clock,
    after_ack: AfterAck,
    client: WebClient,
) -> None:
    """Store the request, then acknowledge: the change follows right after the ack (the
    inbox worker carries it out, and the card, the people concerned and, if it cannot be
    done, the person who asked hear of it). Only the insert is done while Slack waits."""
    refused = accepted(body, command, intake, clock)
    ack()
    if refused is not None:
        after_ack.later(body, client, tell, client, body, refused.message)


def accepted(body: dict, command: Command, intake: Intake, clock: Clock) -> DomainError | None:
    """Store the request for the inbox worker; the reason if it could not be (Cascade busy)."""
    try:
        store(body, command, intake, clock)
    except DomainError as refused:
        return refused
    return None


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


def open_form(
    ack: Ack, body: dict, client: WebClient, after_ack: AfterAck, query: Callable, render: Callable
) -> None:
    """Run ``query`` (the checks: rights, still open) before the ack, then open the form it
    fills; a refusal is told to the person instead."""
    result = then_ack(ack, query)
    if isinstance(result, DomainError):
        after_ack.later(body, client, tell, client, body, result.message)
        return
    after_ack.run(body, client, open_view, client, body, render(result))
