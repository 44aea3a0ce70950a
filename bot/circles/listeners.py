"""Logging a circle: the form (Home, `/log-supervision circle`, Edit on a circle entry) and
its submission, every problem beside its field."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.circles.blocks import circle_modal, logged_blocks
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form
from bot.runtime import Clock
from bot.trigger import open_view
from domain.errors import DomainError
from domain.people import Actor
from handlers.supervision.circle_deliveries import circle_form, log_circle
from handlers.supervision.commands import LogCircle
from storage.unit_of_work import UnitOfWorkFactory

FIELDS = {
    "log_type": Block.LOG_TYPE,
    "occurred_on": Block.DATE,
    "date": Block.DATE,
    "topic": Block.CIRCLE_TOPIC,
    "group_size": Block.CIRCLE_SIZE,
    "participants": Block.CIRCLE_SIZE,
    "co_facilitators": Block.CO_FACILITATORS,
    "ics_key": Block.ICS,
    "setting": Block.CIRCLE_SETTING,
    "embedded_in": Block.EMBEDDED_IN,
    "notes": Block.NOTES,
    "circle_topic": Block.CIRCLE_TOPIC,
    "circle_size": Block.CIRCLE_SIZE,
    "circle_setting": Block.CIRCLE_SETTING,
    "ics": Block.ICS,
}


def register(app: App) -> None:
    app.action(Action.CIRCLE_LOG_OPEN)(handle_circle_log_open_action)
    app.view(View.LOG_CIRCLE)(handle_circle_log_submission)


def handle_circle_log_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: "Log a circle"."""
    query = lambda: circle_form(actor, uow_factory(read_only=True), clock())  # noqa: E731
    open_form(ack, body, client, after_ack, query, circle_modal)


def open_circle_form(
    ack: Ack,
    command: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
    entry_id: int = 0,
) -> None:
    """`/log-supervision circle` (or Edit on a circle): the form, or why it cannot open."""
    try:
        form = circle_form(actor, uow_factory(read_only=True), clock(), entry_id)
    except DomainError as refused:
        ack(text=refused.message)
        return
    ack()
    after_ack.run(command, client, open_view, client, command, circle_modal(form))


def handle_circle_log_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the circle (crediting each co-facilitator), or put each problem by its field."""
    size = forms.number(view, Block.CIRCLE_SIZE)
    if isinstance(size, str):
        ack(response_action="errors", errors={Block.CIRCLE_SIZE: "Please enter a whole number."})
        return
    try:
        logged = log_circle(_command(view, size, actor), uow_factory(), clock())
    except DomainError as refused:
        block = FIELDS.get(refused.field or "", Block.DATE)
        ack(response_action="errors", errors={block: refused.message})
        return
    blocks = logged_blocks(logged)
    ack(
        response_action="update",
        view=notice_view("Circle logged", blocks[0]["text"]["text"], blocks[1:]),
    )


def _command(view: dict, size: int | None, actor: Actor) -> LogCircle:
    entry_id = forms.edited_id(view, "entry", Block.DATE)
    return forms.command(
        LogCircle,
        FIELDS,
        actor=actor,
        log_type=forms.selected(view, Block.LOG_TYPE) or "",
        occurred_on=forms.required_date(view, Block.DATE),
        topic=forms.selected(view, Block.CIRCLE_TOPIC) or "",
        group_size=size,
        co_facilitators=forms.picked_users(view, Block.CO_FACILITATORS),
        ics_key=forms.selected(view, Block.ICS) or "",
        setting=forms.selected(view, Block.CIRCLE_SETTING) or "standalone",
        embedded_in=forms.typed(view, Block.EMBEDDED_IN),
        notes=forms.typed(view, Block.NOTES),
        client_token=None if entry_id else forms.typed_id(view),
        entry_id=entry_id,
    )
