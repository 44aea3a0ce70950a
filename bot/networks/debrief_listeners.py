"""Asking for a debrief (Home), and a supervisor taking one on (their DM)."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form, reply, then_ack
from bot.networks import debrief_blocks as blocks
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers.networks.commands import RequestDebrief, TakeDebrief
from handlers.networks.debriefs import request_debrief, take_debrief
from storage.unit_of_work import UnitOfWorkFactory

_FIELDS = {"kind": Block.DEBRIEF_KIND, "about": Block.DEBRIEF_ABOUT}


def register(app: App) -> None:
    app.action(Action.DEBRIEF_OPEN)(handle_debrief_open_action)
    app.view(View.DEBRIEF)(handle_debrief_submission)
    app.action(Action.DEBRIEF_TAKE)(handle_debrief_take_action)


def handle_debrief_open_action(
    ack: Ack, body: dict, client: WebClient, after_ack: AfterAck
) -> None:
    open_form(ack, body, client, after_ack, lambda: None, blocks.debrief_modal)


def handle_debrief_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Ask the supervisors; every problem beside its field."""
    try:
        cmd = forms.command(
            RequestDebrief,
            _FIELDS,
            actor=actor,
            kind=forms.selected(view, Block.DEBRIEF_KIND),
            about=forms.typed(view, Block.DEBRIEF_ABOUT),
        )
        asked = request_debrief(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(
            response_action="errors", errors={refused.field or Block.DEBRIEF_ABOUT: refused.message}
        )
        return
    notice = blocks.asked_notice(len(asked.supervisors))
    ack(response_action="update", view=notice_view("Debrief asked for", notice))


def handle_debrief_take_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """The first supervisor to take it on debriefs them; the others are told it is taken."""
    cmd = TakeDebrief(actor=actor, debrief_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: take_debrief(cmd, uow_factory(), clock()))
    reply(after_ack, body, client, result, blocks.taken_notice)
