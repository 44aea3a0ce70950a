"""Withdrawing a nomination (nominee, lead or coordinator), from the Home tab or a DM."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.announce import announce_withdrawal
from bot.background import Background
from bot.blocks.review import decision_message
from bot.ids import Action
from bot.listeners.flow import then_ack
from bot.listeners.home import publish_home
from bot.notifier import Notifier
from bot.replies import tell
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers import commands as c
from handlers.nominations import Outcome, withdraw
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
    background: Background,
) -> None:
    """Withdraw (the button asked for confirmation); a freed place goes to the waitlist."""
    cmd = c.Withdraw(actor=actor, nomination_id=forms.nomination_id(forms.action_value(body)))
    result = then_ack(ack, lambda: withdraw(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):
        background.submit(body, client, tell, client, body, result.message)
        return
    background.submit(
        body, client, _after_withdrawal, result, body, client, actor, uow_factory, clock, notifier
    )


def _after_withdrawal(
    outcome: Outcome,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
) -> None:
    if forms.from_home(body):
        publish_home(client, actor, uow_factory, clock)
    else:
        for_lead = actor.user_id != outcome.nomination.nominee_id
        tell(
            client, body, decision_message(outcome.nomination, outcome.programme, for_lead=for_lead)
        )
    announce_withdrawal(outcome, actor.user_id, notifier, uow_factory, clock)
