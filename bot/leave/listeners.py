"""/leave: record leave (a form with inline errors), list it, end it early or cancel it; and
the Home buttons."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View
from bot.leave import blocks
from bot.listeners.flow import reply, then_ack
from bot.runtime import Clock
from bot.trigger import open_view
from domain.errors import DomainError
from domain.people import Actor
from handlers.leave.commands import EndLeave, RecordLeave
from handlers.leave.leave import end_leave, leave_form_context, my_leave, record_leave
from storage.unit_of_work import UnitOfWorkFactory

FIELDS = {"start": Block.LEAVE_FROM, "end": Block.LEAVE_TO, "reason": Block.LEAVE_REASON}


def register(app: App) -> None:
    app.command("/leave")(handle_leave_command)
    app.view(View.LEAVE)(handle_leave_submission)
    app.action(Action.LEAVE_OPEN)(handle_leave_open_action)
    app.action(Action.LEAVE_END)(handle_leave_end_action)


def handle_leave_command(
    ack: Ack,
    command: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """`/leave [list | help]`; without words, the leave form."""
    words = (command.get("text") or "").strip().lower()
    if words in ("help", "?"):
        ack(text=blocks.HELP)
    elif words in ("list", "status"):
        mine = my_leave(actor, uow_factory(read_only=True), clock())
        ack(text="Your leave", blocks=blocks.list_blocks(mine))
    elif words:
        ack(text=f"I didn't recognise `{words}`. Try `/leave help`.")
    else:
        ack()
        form = blocks.leave_modal(*leave_form_context(actor, uow_factory(read_only=True), clock()))
        after_ack.run(command, client, open_view, client, command, form)


def handle_leave_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: "Record leave"."""
    ack()
    form = blocks.leave_modal(*leave_form_context(actor, uow_factory(read_only=True), clock()))
    after_ack.run(body, client, open_view, client, body, form)


def handle_leave_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the leave, or put each problem next to its field."""
    days, wrong = {}, dict[str, str]()
    for block in (Block.LEAVE_FROM, Block.LEAVE_TO):  # both dates' problems at once
        try:
            days[block] = forms.required_date(view, block)
        except DomainError as refused:
            wrong[block] = refused.message
    if wrong:
        ack(response_action="errors", errors=wrong)
        return
    try:
        cmd = forms.command(
            RecordLeave,
            FIELDS,
            actor=actor,
            start=days[Block.LEAVE_FROM],
            end=days[Block.LEAVE_TO],
            reason=forms.typed(view, Block.LEAVE_REASON),
            client_token=forms.typed_id(view),
        )
        leave = record_leave(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={_block_for(refused.field): refused.message})
        return
    ack(response_action="update", view=notice_view("Leave recorded", blocks.recorded_notice(leave)))


def handle_leave_end_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """ "I'm back" (ends the leave yesterday) or "Cancel" (leave not begun)."""
    cmd = EndLeave(actor=actor, leave_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: end_leave(cmd, uow_factory(), clock()))
    reply(after_ack, body, client, result, blocks.ended_notice)


def _block_for(field: str | None) -> str:
    """The form's block for a rule's field (or a form's), else the first (a forged token)."""
    blocks = set(FIELDS.values())
    return field if field in blocks else FIELDS.get(field or "", Block.LEAVE_FROM)
