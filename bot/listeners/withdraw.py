"""Withdrawing a nomination (nominee, lead or coordinator), from the Home tab or a DM."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.announce import announce_withdrawal
from bot.blocks.review import decision_message
from bot.errors import reported
from bot.ids import Action
from bot.listeners.home import publish_home
from bot.notifier import Notifier
from bot.replies import tell
from bot.runtime import Clock
from domain.people import Actor
from handlers import commands as c
from handlers.nominations import withdraw
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(Action.WITHDRAW)(handle_withdraw_action)


def handle_withdraw_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
) -> None:
    """Withdraw (the button asked for confirmation); a freed place goes to the waitlist."""
    ack()
    with reported(body, client):
        cmd = c.Withdraw(actor=actor, nomination_id=forms.nomination_id(forms.action_value(body)))
        outcome = withdraw(cmd, uow_factory(), clock())
        if forms.from_home(body):
            publish_home(client, actor, uow_factory)
        else:
            tell(
                client,
                body,
                decision_message(
                    outcome.nomination,
                    outcome.programme,
                    for_lead=actor.user_id != outcome.nomination.nominee_id,
                ),
            )
        announce_withdrawal(outcome, actor.user_id, notifier, uow_factory, clock)
