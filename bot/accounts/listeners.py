"""The ``user_change`` event (Slack tells every app when an account is deactivated), and a
coordinator erasing someone's personal data from Home. What each does: ``bot.accounts.routes``."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.accounts.ids import Action, Block, View
from bot.accounts.routes import ERASE_FIELDS
from bot.kernel import forms
from bot.kernel.door import Door
from domain.kernel.people import Actor
from handlers.accounts.commands import AccountChanged, AskErasure, ErasePerson, PreviewErasure


def register(app: App) -> None:
    app.event("user_change")(handle_user_change_event)
    app.action(Action.ERASE_OPEN)(handle_erase_open_action)
    app.view(View.ERASE_PICK)(handle_erase_pick_submission)
    app.view(View.ERASE_CONFIRM)(handle_erase_confirm_submission)


def handle_user_change_event(event: dict[str, Any], actor: Actor, door: Door) -> None:
    """The changed account is the actor's (Bolt reads ``event.user.id``)."""
    user = event.get("user")
    if isinstance(user, dict) and user.get("id") == actor.user_id:
        door.submit(AccountChanged(actor=actor, deactivated=user.get("deleted") is True))


def handle_erase_open_action(actor: Actor, door: Door) -> None:
    door.submit(AskErasure(actor=actor))


def handle_erase_pick_submission(view: dict, actor: Actor, door: Door) -> None:
    person = forms.selected(view, Block.ERASE_PERSON) or ""
    door.submit(forms.command(PreviewErasure, ERASE_FIELDS, actor=actor, person=person))


def handle_erase_confirm_submission(view: dict, actor: Actor, door: Door) -> None:
    person = str(forms.metadata(view).get("person") or "")  # a damaged one: "Not saved"
    door.submit(forms.command(ErasePerson, {}, actor=actor, person=person))
