"""How the Home tab's own requests are carried out: all before the ack (what a person asks
for from Home comes back to Home, or to their DMs, through the outbox)."""

from __future__ import annotations

from bot.kernel.door import Route, before_ack, changes
from handlers.exports.commands import ExportNominations, ShowHome
from handlers.exports.exports import export_nominations, show_home
from handlers.supervision.commands import ShowFacilitators
from handlers.supervision.facilitators import show_facilitators

HOME_ROUTES: dict[type, Route] = {
    ShowHome: before_ack(lambda cmd, s: show_home(cmd.actor.user_id, s.uow_factory(), s.clock())),
    ExportNominations: before_ack(changes(export_nominations)),  # the file: in their DMs
    ShowFacilitators: before_ack(changes(show_facilitators)),  # their Home, published again
}
