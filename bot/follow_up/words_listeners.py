"""Following attendees up: the words added after "Yes", and the coordinators' "Called"."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.follow_up.blocks import THANKS
from bot.ids import Action, Block, View
from bot.listeners.flow import reply, then_ack
from bot.runtime import Clock
from bot.trigger import open_view
from domain.errors import DomainError
from domain.people import Actor
from handlers.follow_up.commands import AddCascadeWords, RecordCall
from handlers.follow_up.follow_through import add_words, record_call
from storage.unit_of_work import UnitOfWorkFactory

FIELDS = {"reason": Block.REASON, "materials": Block.MATERIALS, "support": Block.SUPPORT}


def register(app: App) -> None:
    app.view(View.CASCADE_WORDS)(handle_cascade_words_submission)
    app.action(Action.FOLLOW_UP_CALLED)(handle_follow_up_called_action)


def thank(client: WebClient, body: dict, view: dict) -> None:
    """Open the thank-you form; if Slack will not (its trigger ran out), thank them anyway."""
    open_view(client, body, view, instead=THANKS)


def handle_cascade_words_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """After "Yes": how the materials are being received, what support they need."""
    try:
        cmd = forms.command(
            AddCascadeWords,
            FIELDS,
            actor=actor,
            answer_id=forms.metadata_id(view, "answer"),
            materials=forms.typed(view, Block.MATERIALS),
            support=forms.typed(view, Block.SUPPORT),
        )
        add_words(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={refused.field or Block.MATERIALS: refused.message})
        return
    ack()


def handle_follow_up_called_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """A coordinator ticks off a follow-up call on Home (which then shows who and when)."""
    cmd = RecordCall(actor=actor, nomination_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: record_call(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):
        reply(after_ack, body, client, result, str)
