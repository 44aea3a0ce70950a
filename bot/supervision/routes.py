"""How each supervision command is carried out (before the ack, or right after it) and what
the person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.circles.blocks import circle_modal
from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.ids import Field
from bot.kernel.replies import Open, Say, Text, Update
from bot.supervision.blocks import log_modal
from bot.supervision.record import list_blocks, logged_blocks
from domain.kernel.errors import DomainError
from handlers.exports.commands import ExportEntries
from handlers.exports.exports import export_entries
from handlers.supervision.circle_deliveries import circle_form
from handlers.supervision.commands import (
    AskEntryForm,
    AskLogForm,
    DeleteEntry,
    LogEntry,
    ShowEntries,
)
from handlers.supervision.entries import (
    Record,
    delete_entry,
    form_context,
    log_entry,
    my_record,
    own_entry,
)

NOTHING_TO_LOG = (
    "There are no kinds of session or delivery to log yet: the programme file has no "
    "`[[log_types]]`. Please ask your coordinator to add them (the shipped "
    "`config/programme.example.toml` has the usual ones)."
)
EXPORTING = "I am sending all your entries to your DMs as a CSV file."


def _recent(cmd: ShowEntries, s: Services) -> tuple[Record, set[int]]:
    """Your latest entries, and which of them you may still change."""
    now = s.clock()
    record = my_record(cmd.actor, s.uow_factory(read_only=True), now, limit=cmd.limit)
    return record, {e.id for e in record.entries if e.id is not None and e.editable(now)}


def _listed(_cmd: ShowEntries, found: tuple[Record, set[int]]) -> Text:
    return Text("Your recent entries", blocks=list_blocks(*found))


def _log_form(cmd: AskLogForm, s: Services) -> dict[str, Any]:
    """The form, if the programme file names something of the kind to log."""
    catalogue, today = form_context(cmd.actor, s.uow_factory(read_only=True), s.clock())
    if cmd.kind is None:
        if not catalogue.log_types:
            raise DomainError(NOTHING_TO_LOG)
        return log_modal(catalogue, today)
    if not catalogue.of_kind(cmd.kind):
        raise DomainError(NOTHING_TO_LOG)
    return log_modal(catalogue, today, kind=cmd.kind)


def _entry_form(cmd: AskEntryForm, s: Services) -> dict[str, Any]:
    """Your entry in its form (a circle's in the circle form), if it is still yours to change."""
    entry = own_entry(cmd.actor, cmd.entry_id, s.uow_factory(read_only=True), s.clock())
    catalogue, today = form_context(cmd.actor, s.uow_factory(read_only=True), s.clock())
    if catalogue.circle_topics and entry.log_type in {t.key for t in catalogue.circle_types()}:
        form = circle_form(cmd.actor, s.uow_factory(read_only=True), s.clock(), cmd.entry_id)
        return circle_modal(form)
    return log_modal(catalogue, today, kind=entry.kind, entry=entry)


def _logged(_cmd: LogEntry, done: Any) -> Update:
    blocks = logged_blocks(*done)
    return Update(notice_view("Logged", blocks[0]["text"]["text"], blocks[1:]))


def _opened(_cmd: Any, view: dict[str, Any]) -> Open:
    return Open(view)


SUPERVISION_ROUTES: dict[type, Route] = {
    ShowEntries: before_ack(_recent, _listed),
    AskLogForm: before_ack(_log_form, _opened),  # nothing to log: said in the ack
    AskEntryForm: after_ack(_entry_form, _opened),
    LogEntry: before_ack(changes(log_entry), _logged, default=Field.DATE),
    DeleteEntry: before_ack(changes(delete_entry), lambda _cmd, _done: Say("Entry deleted.")),
    ExportEntries: before_ack(changes(export_entries), lambda _cmd, _done: Text(EXPORTING)),
}
