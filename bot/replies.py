"""Telling the person who clicked or typed something, wherever they did it."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.common import section
from bot.blocks.eligibility import notice_view

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
            client.chat_postEphemeral(channel=channel, user=user, text=message, blocks=blocks)
            return
        trigger = body.get("trigger_id")
        if trigger and body.get("type") == "block_actions":
            in_modal = (body.get("view") or {}).get("type") == "modal"
            show = client.views_push if in_modal else client.views_open
            show(trigger_id=trigger, view=notice_view(title, message, blocks[1:]))
            return
    except (SlackApiError, OSError) as exc:
        log.info("could not reply in place (%s); sending a DM", _why(exc))
    if user:
        try:
            client.chat_postMessage(channel=user, text=message, blocks=blocks)
        except (SlackApiError, OSError) as exc:
            log.warning("could not tell %s: %s", user, _why(exc))


def _why(exc: Exception) -> str:
    return str(exc.response.get("error")) if isinstance(exc, SlackApiError) else type(exc).__name__


def user_of(body: dict[str, Any]) -> str | None:
    """Who made the request: interactions, slash commands and events keep it differently."""
    user = body.get("user")
    if isinstance(user, dict):
        return user.get("id")
    return body.get("user_id") or (body.get("event") or {}).get("user")


EXPIRED = ("expired_trigger_id", "exchanged_trigger_id")
TOO_SLOW = "Slack took too long to open the form. Please try again."


def open_view(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> str | None:
    """Open a modal for a button or command (its view id, to fill it in later); if its
    3-second trigger has gone, say so (None)."""
    try:
        opened = client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as exc:
        if exc.response.get("error") not in EXPIRED:
            raise
        tell(client, body, TOO_SLOW)
        return None
    return str((opened.get("view") or {}).get("id") or "")


def update_view(client: WebClient, view_id: str, view: dict[str, Any]) -> None:
    """Show ``view`` in place of the open modal ``view_id`` (another page, the filled-in form)."""
    client.views_update(view_id=view_id, view=view)
