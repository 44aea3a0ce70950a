"""Withdrawing a nomination (nominee, lead or coordinator), from the Home tab or a DM."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.review import decision_message
from bot.ids import Action
from bot.listeners.flow import reply, then_ack
from bot.runtime import Clock
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import Withdraw
from handlers.nominations.decisions import withdraw
from handlers.nominations.nominate import Outcome
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
    after_ack: AfterAck,
) -> None:
    """Withdraw (the button asked for confirmation); a freed place goes to the waitlist."""
    cmd = Withdraw(actor=actor, nomination_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: withdraw(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError) or not forms.from_home(body):  # Home refreshes itself
        reply(after_ack, body, client, result, lambda done: _in_words(done, actor))


def _in_words(outcome: Outcome, actor: Actor) -> str:
    for_lead = actor.user_id != outcome.nomination.nominee_id
    return decision_message(outcome.nomination, outcome.programme, for_lead=for_lead)
