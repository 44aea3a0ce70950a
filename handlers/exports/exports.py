"""Asking for a file or a fresh Home tab: checked now, written to the outbox, made from fresh
data when it is sent."""

from __future__ import annotations

from datetime import datetime

from domain.exports import events as e
from domain.kernel.errors import NotAllowed
from domain.kernel.events import HomeOpened
from domain.kernel.programme import Programme
from domain.kernel.roles import require_coordinator
from handlers.exports.commands import (
    ExportAccreditation,
    ExportCoordinated,
    ExportEntries,
    ExportNominations,
)
from handlers.kernel.announce import announce
from handlers.kernel.people import is_coordinator
from handlers.kernel.ports import UnitOfWork


def export_nominations(cmd: ExportNominations, uow: UnitOfWork, now: datetime) -> Programme:
    """A coordinator asks for every nomination of a programme, as a file in their DM."""
    with uow:
        programme = uow.programmes.get(cmd.programme_key)
        require_coordinator(cmd.actor, programme)
        requested = e.NominationsExportRequested(
            programme, cmd.actor.user_id, cmd.request_id, cmd.format
        )
        announce(uow, now, requested)
        uow.commit()
        return programme


def export_coordinated(cmd: ExportCoordinated, uow: UnitOfWork, now: datetime) -> list[str]:
    """`/nominate export`: every programme the person coordinates, a file each; their names."""
    with uow:
        mine = [p for p in uow.programmes.list() if p.is_coordinator(cmd.actor)]
        if not mine:
            raise NotAllowed("Only a programme's coordinators can export its nominations.")
        for programme in mine:
            requested = e.NominationsExportRequested(
                programme, cmd.actor.user_id, cmd.request_id, cmd.format
            )
            announce(uow, now, requested)
        uow.commit()
        return [p.name for p in mine]


def export_entries(cmd: ExportEntries, uow: UnitOfWork, now: datetime) -> None:
    """A facilitator asks for all their own entries (notes included), as a file in their DM."""
    with uow:
        announce(uow, now, e.EntriesExportRequested(cmd.actor.user_id, cmd.request_id))
        uow.commit()


def export_accreditation(cmd: ExportAccreditation, uow: UnitOfWork, now: datetime) -> None:
    """A coordinator asks for everyone's pathway progress and the mentoring pairs, as a file."""
    with uow:
        if not is_coordinator(cmd.actor, uow):
            raise NotAllowed("Only coordinators can export everyone's accreditation.")
        requested = e.AccreditationExportRequested(cmd.actor.user_id, cmd.request_id, cmd.format)
        announce(uow, now, requested)
        uow.commit()


def show_home(actor_id: str, uow: UnitOfWork, now: datetime) -> None:
    """Someone opened the Home tab: publish it from fresh reads."""
    with uow:
        uow.people.opened_home(actor_id, now)
        announce(uow, now, HomeOpened(actor_id))
        uow.commit()
