"""What Cascade replies to a request with, decided before the ack and delivered by the door.

In the ack itself: ``Done`` (nothing to show), ``Text`` (a slash command's private reply;
after the ack, through its ``response_url``), ``Update`` (a submitted form shows this view
instead) and ``Inline`` (a form's errors, each beside its field). After the ack: ``Say``
(privately, to the person who asked: ephemeral, a small modal on Home, else a DM), ``Open``
(a form, through the trigger's door) and ``Update`` (the form clicked in shows another view).

``say_privately`` delivers a ``Say``: through the outbox's sends (a ``Whisper``, ephemeral else
DM) or, on the Home tab, a small modal through the trigger's door. Sent at once, not stored: a
refusal must reach the person even when the database cannot be reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.kernel import trigger
from bot.kernel.blocks import notice_view, section
from bot.kernel.trigger import TOO_SLOW
from bot.outbox.sends import Post, Whisper


@dataclass(frozen=True)
class Done:
    """Acknowledged; nothing more to say (a closed form, a stored request)."""


@dataclass(frozen=True)
class Text:
    """A slash command's reply, in its ack (only the person who typed it sees it)."""

    text: str
    blocks: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class Update:
    """A submitted form shows ``view`` in its place (for a click in a form: the form clicked
    in, another page of it, after the ack; a click elsewhere is answered with ``elsewhere``,
    if anything)."""

    view: dict[str, Any]
    elsewhere: Say | None = None


@dataclass(frozen=True)
class Inline:
    """A submitted form stays open, each reason beside the block it concerns."""

    errors: dict[str, str]


@dataclass(frozen=True)
class Say:
    """Told privately, after the ack, to the person who asked (``unless_home``: not when they
    asked on their Home tab, which shows the change itself once it is published again)."""

    text: str
    blocks: list[dict[str, Any]] | None = field(default=None)
    unless_home: bool = False


@dataclass(frozen=True)
class Open:
    """A form opened after the ack, inside the click's 3-second trigger (``instead``: what
    the person is told if Slack will not open it; ``then``: what it shows once open, for a
    view that takes longer to make than the trigger lasts)."""

    view: dict[str, Any]
    instead: str = TOO_SLOW
    then: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)


Reply = Done | Text | Update | Inline | Say | Open
DONE = Done()


log = logging.getLogger(__name__)


def say_privately(
    client: WebClient,
    body: dict[str, Any],
    message: str,
    blocks: list[dict[str, Any]] | None = None,
    *,
    title: str = "Cascade",
) -> None:
    """Reply privately: ephemeral in a channel, a small modal on the Home tab, else a DM."""
    user = user_of(body)
    channel = (body.get("channel") or {}).get("id") or body.get("channel_id")
    blocks = blocks or [section(message)]
    try:
        if channel and user and not body.get("view"):
            Whisper(channel, user, message, blocks).send(client)
            return
        if body.get("trigger_id") and body.get("type") == "block_actions":
            in_modal = (body.get("view") or {}).get("type") == "modal"
            show = trigger.push_view if in_modal else trigger.open_view
            show(client, body, notice_view(title, message, blocks[1:]))
            return
    except (SlackApiError, OSError, trigger.TriggerExpired) as exc:
        # No retries here (the dispatcher's): a reply that failed in place goes to the DM.
        log.info("could not reply in place (%s); sending a DM", _why(exc))
    if user:
        try:
            Post(user, message, blocks).send(client)
        except (SlackApiError, OSError) as exc:
            log.warning("could not tell %s: %s", user, _why(exc))


def _why(exc: Exception) -> str:
    cause = exc.__cause__ if isinstance(exc, trigger.TriggerExpired) else exc
    if isinstance(cause, SlackApiError):
        return str(cause.response.get("error"))
    return type(cause).__name__


def user_of(body: dict[str, Any]) -> str | None:
    """Who made the request: interactions, slash commands and events keep it differently."""
    user = body.get("user")
    if isinstance(user, dict):
        return user.get("id")
    return body.get("user_id") or (body.get("event") or {}).get("user")
