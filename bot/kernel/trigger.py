"""The first door out: calls bound to the 3-second trigger of a click or a command (a modal
opened, pushed on top of another, or the open one updated). Everything else Cascade says
goes through the outbox's sends (``bot.outbox.sends``).

One rule for a trigger that has gone: the call is refused as ``TriggerExpired``, which says
what to tell the person instead ("try again", unless the caller knows better); the one
error policy (``bot.kernel.errors``) tells them, as it tells any other refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.kernel.errors import DomainError

EXPIRED = ("expired_trigger_id", "exchanged_trigger_id")
TOO_SLOW = "Slack took too long to open the form. Please try again."


class TriggerExpired(DomainError):
    """Slack would not show the modal: the click's trigger had gone (or the call to Slack
    never came back, by which time it has)."""


def open_view(
    client: WebClient, body: dict[str, Any], view: dict[str, Any], *, instead: str = TOO_SLOW
) -> str:
    """Open a modal for a button or command; its view id (to fill it in later)."""
    with _in_time(instead):
        opened = client.views_open(trigger_id=body["trigger_id"], view=view)
    return str((opened.get("view") or {}).get("id") or "")


def push_view(
    client: WebClient, body: dict[str, Any], view: dict[str, Any], *, instead: str = TOO_SLOW
) -> None:
    """Show a modal on top of the one the person clicked in."""
    with _in_time(instead):
        client.views_push(trigger_id=body["trigger_id"], view=view)


def update_view(client: WebClient, view_id: str, view: dict[str, Any]) -> None:
    """Show ``view`` in place of the open modal ``view_id`` (another page, the filled-in form)."""
    client.views_update(view_id=view_id, view=view)


@contextmanager
def _in_time(instead: str) -> Iterator[None]:
    """A trigger that has gone becomes ``TriggerExpired``; any other refusal is raised as is."""
    try:
        yield
    except SlackApiError as exc:
        if exc.response.get("error") not in EXPIRED:
            raise
        raise TriggerExpired(instead) from exc
    except OSError as exc:  # unreachable or too slow, after the client's own retries
        raise TriggerExpired(instead) from exc
