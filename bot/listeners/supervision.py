"""/log-supervision: the log form, list with edit and delete, export, and the Home buttons."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.blocks.record import list_blocks, logged_blocks
from bot.blocks.supervision import HELP, log_modal
from bot.circles.blocks import circle_modal
from bot.ids import Action, Block, View, any_variant
from bot.kernel.door import Door
from bot.listeners.flow import reply, then_ack
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import open_view
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from domain.supervision.entries import Kind
from handlers.circles.commands import AskCircleLog
from handlers.exports.commands import ExportEntries
from handlers.exports.exports import export_entries
from handlers.supervision.circle_deliveries import circle_form
from handlers.supervision.commands import DeleteEntry, LogEntry
from handlers.supervision.entries import delete_entry, form_context, log_entry, my_record, own_entry
from storage.unit_of_work import UnitOfWorkFactory

NOTHING_TO_LOG = (
    "There are no kinds of session or delivery to log yet: the programme file has no "
    "`[[log_types]]`. Please ask your coordinator to add them (the shipped "
    "`config/programme.example.toml` has the usual ones)."
)


def register(app: App) -> None:
    app.command("/log-supervision")(handle_log_supervision_command)
    app.view(View.LOG)(handle_log_submission)
    app.action(any_variant(Action.LOG_OPEN))(handle_log_open_action)
    app.action(Action.ENTRY_EDIT)(handle_entry_edit_action)
    app.action(Action.ENTRY_DELETE)(handle_entry_delete_action)


def handle_log_supervision_command(
    ack: Ack,
    command: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
    door: Door,
) -> None:
    """`/log-supervision [list | export | help]`; without words, the log form."""
    words = (command.get("text") or "").strip().lower()
    if words in ("help", "?"):
        ack(text=HELP)
    elif words == "list":
        record = my_record(actor, uow_factory(read_only=True), clock(), limit=10)
        editable = {e.id for e in record.entries if e.id is not None and e.editable(clock())}
        ack(text="Your recent entries", blocks=list_blocks(record, editable))
    elif words == "circle":
        door.submit(AskCircleLog(actor=actor))  # the circle form (or, in the reply, why not)
    elif words == "export":
        request = str(command.get("trigger_id") or "")[:100]
        export_entries(ExportEntries(actor=actor, request_id=request), uow_factory(), clock())
        ack(text="I am sending all your entries to your DMs as a CSV file.")
    elif words:
        ack(text=f"I didn't recognise `{words}`. Try `/log-supervision help`.")
    else:
        catalogue, today = form_context(actor, uow_factory(read_only=True), clock())
        if not catalogue.log_types:
            ack(text=NOTHING_TO_LOG)
            return
        ack()
        after_ack.run(command, client, open_view, client, command, log_modal(catalogue, today))


def handle_log_open_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: "Log supervision" or "Log a delivery"."""
    ack()
    catalogue, today = form_context(actor, uow_factory(read_only=True), clock())
    kind = Kind.DELIVERY if forms.action_value(body) == Kind.DELIVERY else Kind.SUPERVISION
    if not catalogue.of_kind(kind):
        after_ack.later(body, client, tell, client, body, NOTHING_TO_LOG)
        return
    after_ack.run(body, client, open_view, client, body, log_modal(catalogue, today, kind=kind))


def handle_entry_edit_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Open your entry in the form, if it is still yours to change."""
    entry_id = forms.clicked(body).id
    result = then_ack(ack, lambda: own_entry(actor, entry_id, uow_factory(read_only=True), clock()))
    if isinstance(result, DomainError):
        after_ack.later(body, client, tell, client, body, result.message)
        return
    catalogue, today = form_context(actor, uow_factory(read_only=True), clock())
    view = log_modal(catalogue, today, kind=result.kind, entry=result)
    if catalogue.circle_topics and result.log_type in {t.key for t in catalogue.circle_types()}:
        view = circle_modal(circle_form(actor, uow_factory(read_only=True), clock(), entry_id))
    after_ack.run(body, client, open_view, client, body, view)


def handle_entry_delete_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Delete your entry (the button asked for confirmation)."""
    cmd = DeleteEntry(actor=actor, entry_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: delete_entry(cmd, uow_factory(), clock()))
    reply(after_ack, body, client, result, lambda _: "Entry deleted.")


def handle_log_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the entry, or put each problem next to its field."""
    numbers = {b: forms.number(view, b) for b in (Block.DURATION, Block.PARTICIPANTS)}
    wrong: dict[str, str] = {
        b: "Please enter a whole number." for b, v in numbers.items() if isinstance(v, str)
    }
    if wrong:
        ack(response_action="errors", errors=wrong)
        return
    try:
        cmd = _command(view, numbers, actor)
        entry, record = log_entry(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={_block_for(refused.field, view): refused.message})
        return
    blocks = logged_blocks(entry, record)
    ack(response_action="update", view=notice_view("Logged", blocks[0]["text"]["text"], blocks[1:]))


FIELDS = {
    "log_type": Block.LOG_TYPE,
    "occurred_on": Block.DATE,
    "with_user": Block.WITH_USER,
    "with_name": Block.WITH_NAME,
    "duration_minutes": Block.DURATION,
    "participants": Block.PARTICIPANTS,
    "notes": Block.NOTES,
    "action": Block.ACTION,
    "action_due": Block.ACTION_DUE,
}


def _command(view: dict, numbers: dict, actor: Actor) -> LogEntry:
    """The entry as typed; a forged form (past the inputs' own limits) is refused inline."""
    entry_id = forms.edited_id(view, "entry", Block.DATE)
    return forms.command(
        LogEntry,
        FIELDS,
        actor=actor,
        log_type=forms.selected(view, Block.LOG_TYPE) or "",
        occurred_on=forms.required_date(view, Block.DATE),
        with_user=forms.selected(view, Block.WITH_USER),
        with_name=forms.typed(view, Block.WITH_NAME),
        duration_minutes=numbers[Block.DURATION],
        participants=numbers[Block.PARTICIPANTS],
        notes=forms.typed(view, Block.NOTES),
        action=forms.typed(view, Block.ACTION),
        action_due=forms.picked_date(view, Block.ACTION_DUE),
        client_token=None if entry_id else forms.typed_id(view),
        entry_id=entry_id,
    )


def _block_for(field: str | None, view: dict) -> str:
    present = {b.get("block_id") for b in view.get("blocks", [])}
    return field if field is not None and field in present else Block.DATE
