"""The ``user_change`` event: Slack tells every app when an account is deactivated."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.kernel.door import Door
from domain.kernel.people import Actor
from handlers.accounts.commands import AccountChanged


def register(app: App) -> None:
    app.event("user_change")(handle_user_change_event)


def handle_user_change_event(event: dict[str, Any], actor: Actor, door: Door) -> None:
    """The changed account is the actor's (Bolt reads ``event.user.id``)."""
    user = event.get("user")
    if isinstance(user, dict) and user.get("id") == actor.user_id:
        door.submit(AccountChanged(actor=actor, deactivated=user.get("deleted") is True))
