"""The shape every button listener shares: do the change, then ack, then tell the person."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.after_ack import AfterAck
from bot.replies import tell
from domain.errors import DomainError

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
