"""Cohort channels: the coordinator asks from Home; a participant chooses to join."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form, reply, then_ack
from bot.networks import channel_blocks as blocks
from bot.runtime import Clock
from domain.errors import DomainError, NotFound
from domain.people import Actor
from handlers.networks.cohort_channels import (
    NAME_FIELD,
    ask_for_channel,
    cohort_channels,
    join_channel,
)
from handlers.networks.commands import AskCohortChannel, JoinCohortChannel
from storage.unit_of_work import UnitOfWorkFactory

_FIELDS = {"cohort_key": Block.CHANNEL_COHORT, "cohort": Block.CHANNEL_COHORT}
_FIELDS |= {"name": Block.CHANNEL_NAME, NAME_FIELD: Block.CHANNEL_NAME}


def register(app: App) -> None:
    app.action(Action.COHORT_CHANNELS)(handle_cohort_channels_action)
    app.view(View.COHORT_CHANNEL)(handle_cohort_channel_submission)
    app.action(Action.CHANNEL_JOIN)(handle_channel_join_action)


def handle_cohort_channels_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Each cohort's channel, and the form to ask for one (the programme's coordinators)."""
    key = forms.action_value(body)[:40]
    query = lambda: cohort_channels(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, blocks.channels_modal)


def handle_cohort_channel_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Ask for the channel; every problem beside its field."""
    try:
        cmd = forms.command(
            AskCohortChannel,
            _FIELDS,
            actor=actor,
            programme_key=str(forms.metadata(view).get("programme") or ""),
            cohort_key=forms.selected(view, Block.CHANNEL_COHORT) or "",
            name=forms.typed(view, Block.CHANNEL_NAME),
            private=blocks.PRIVATE in forms.chosen(view, Block.CHANNEL_PRIVATE),
        )
        channel = ask_for_channel(cmd, uow_factory(), clock())
    except DomainError as refused:
        block = _FIELDS.get(refused.field or "", Block.CHANNEL_COHORT)
        ack(response_action="errors", errors={block: refused.message})
        return
    ack(response_action="update", view=notice_view("Cohort channels", blocks.asked_notice(channel)))


def handle_channel_join_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """The participant is added to their cohort's channel (they chose to)."""
    programme, _, cohort = forms.action_value(body).partition("/")

    def join():
        if not (0 < len(programme) <= 40 and 0 < len(cohort) <= 40):
            raise NotFound("That channel no longer exists.")
        cmd = JoinCohortChannel(actor=actor, programme_key=programme, cohort_key=cohort)
        return join_channel(cmd, uow_factory(), clock())

    reply(after_ack, body, client, then_ack(ack, join), blocks.joined_notice)
