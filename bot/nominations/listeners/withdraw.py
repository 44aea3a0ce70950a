"""Withdrawing a nomination (nominee, lead or coordinator), from the Home tab or a DM."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.nominations.ids import Action
from domain.kernel.people import Actor
from handlers.nominations.commands import Withdraw


def register(app: App) -> None:
    app.action(Action.WITHDRAW)(handle_withdraw_action)


def handle_withdraw_action(body: dict, actor: Actor, door: Door) -> None:
    """Withdraw (the button asked for confirmation); a freed place goes to the waitlist."""
    door.submit(Withdraw(actor=actor, nomination_id=forms.clicked(body).id))
