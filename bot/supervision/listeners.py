"""/log-supervision: the log form, list with edit and delete, export, and the Home buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field, any_variant
from bot.kernel.replies import Text
from bot.supervision.blocks import HELP
from bot.supervision.ids import Action, Block, View
from domain.kernel.people import Actor
from domain.supervision.entries import Kind
from handlers.circles.commands import AskCircleLog
from handlers.exports.commands import ExportEntries
from handlers.supervision.commands import (
    AskEntryForm,
    AskLogForm,
    DeleteEntry,
    LogEntry,
    ShowEntries,
)

#: The command's fields, by the form block that holds each.
FIELDS = {
    "log_type": Field.LOG_TYPE,
    "occurred_on": Field.DATE,
    "with_user": Block.WITH_USER,
    "with_name": Block.WITH_NAME,
    "duration_minutes": Block.DURATION,
    "participants": Block.PARTICIPANTS,
    "notes": Field.NOTES,
    "action": Block.ACTION,
    "action_due": Block.ACTION_DUE,
    "client_token": Field.DATE,
    "entry_id": Field.DATE,
}


def register(app: App) -> None:
    app.command("/log-supervision")(handle_log_supervision_command)
    app.view(View.LOG)(handle_log_submission)
    app.action(any_variant(Action.LOG_OPEN))(handle_log_open_action)
    app.action(Action.ENTRY_EDIT)(handle_entry_edit_action)
    app.action(Action.ENTRY_DELETE)(handle_entry_delete_action)


def handle_log_supervision_command(command: dict, actor: Actor, door: Door) -> None:
    """`/log-supervision [list | circle | export | help]`; without words, the log form."""
    words = (command.get("text") or "").strip().lower()
    if words in ("help", "?"):
        door.reply(Text(HELP))
    elif words == "list":
        door.submit(ShowEntries(actor=actor))
    elif words == "circle":
        door.submit(AskCircleLog(actor=actor))
    elif words == "export":
        request = str(command.get("trigger_id") or "")[:100]
        door.submit(ExportEntries(actor=actor, request_id=request))
    elif words:
        door.reply(Text(f"I didn't recognise `{words}`. Try `/log-supervision help`."))
    else:
        door.submit(AskLogForm(actor=actor))


def handle_log_open_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: "Log supervision" or "Log a delivery"."""
    kind = Kind.DELIVERY if forms.action_value(body) == Kind.DELIVERY else Kind.SUPERVISION
    door.submit(AskLogForm(actor=actor, kind=kind))


def handle_entry_edit_action(body: dict, actor: Actor, door: Door) -> None:
    """Open your entry in the form, if it is still yours to change."""
    door.submit(AskEntryForm(actor=actor, entry_id=forms.clicked(body).id))


def handle_entry_delete_action(body: dict, actor: Actor, door: Door) -> None:
    """Delete your entry (the button asked for confirmation)."""
    door.submit(DeleteEntry(actor=actor, entry_id=forms.clicked(body).id))


def handle_log_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the entry, or put each problem next to its field."""
    numbers = {b: forms.number(view, b) for b in (Block.DURATION, Block.PARTICIPANTS)}
    wrong: dict[str, str] = {
        b: "Please enter a whole number." for b, v in numbers.items() if isinstance(v, str)
    }
    if wrong:
        raise forms.FormProblems(wrong)
    entry_id = forms.edited_id(view, "entry", Field.DATE)
    cmd = forms.command(
        LogEntry,
        FIELDS,
        actor=actor,
        log_type=forms.selected(view, Field.LOG_TYPE) or "",
        occurred_on=forms.required_date(view, Field.DATE),
        with_user=forms.selected(view, Block.WITH_USER),
        with_name=forms.typed(view, Block.WITH_NAME),
        duration_minutes=numbers[Block.DURATION],
        participants=numbers[Block.PARTICIPANTS],
        notes=forms.typed(view, Field.NOTES),
        action=forms.typed(view, Block.ACTION),
        action_due=forms.picked_date(view, Block.ACTION_DUE),
        client_token=None if entry_id else forms.typed_id(view),
        entry_id=entry_id,
    )
    door.submit(cmd)
