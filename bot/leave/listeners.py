"""/leave: record leave (a form with inline errors), list it, end it early or cancel it; and
the Home buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.replies import Text
from bot.leave.blocks import HELP
from bot.leave.ids import Action, Block, View
from bot.leave.routes import FIELDS
from domain.kernel.people import Actor
from handlers.leave.commands import AskLeaveForm, EndLeave, RecordLeave, ShowLeave


def register(app: App) -> None:
    app.command("/leave")(handle_leave_command)
    app.view(View.LEAVE)(handle_leave_submission)
    app.action(Action.LEAVE_OPEN)(handle_leave_open_action)
    app.action(Action.LEAVE_END)(handle_leave_end_action)


def handle_leave_command(command: dict, actor: Actor, door: Door) -> None:
    """`/leave [list | help]`; without words, the leave form."""
    words = (command.get("text") or "").strip().lower()
    if words in ("help", "?"):
        door.reply(Text(HELP))
    elif words in ("list", "status"):
        door.submit(ShowLeave(actor=actor))
    elif words:
        door.reply(Text(f"I didn't recognise `{words}`. Try `/leave help`."))
    else:
        door.submit(AskLeaveForm(actor=actor))


def handle_leave_open_action(actor: Actor, door: Door) -> None:
    """Home: "Record leave"."""
    door.submit(AskLeaveForm(actor=actor))


def handle_leave_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the leave, or put each problem next to its field."""
    days = forms.required_dates(view, Block.LEAVE_FROM, Block.LEAVE_TO)  # both at once
    cmd = forms.command(
        RecordLeave,
        {**FIELDS, "client_token": Block.LEAVE_FROM},
        actor=actor,
        start=days[Block.LEAVE_FROM],
        end=days[Block.LEAVE_TO],
        reason=forms.typed(view, Block.LEAVE_REASON),
        client_token=forms.typed_id(view),
    )
    door.submit(cmd)


def handle_leave_end_action(body: dict, actor: Actor, door: Door) -> None:
    """ "I'm back" (ends the leave yesterday) or "Cancel" (leave not begun)."""
    door.submit(EndLeave(actor=actor, leave_id=forms.clicked(body).id))
