"""Telling the person who clicked or typed something, wherever they did it: through the
outbox's sends (a ``Whisper``, ephemeral else DM) or, on the Home tab, a small modal through
the trigger's door. Sent at once, not stored: a refusal must reach the person even when the
database cannot be reached."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import trigger
from bot.blocks.common import notice_view, section
from bot.outbox.sends import Post, Whisper

log = logging.getLogger(__name__)


def tell(
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
