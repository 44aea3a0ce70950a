"""Debriefs on request: the facilitator asks, the programme's supervisors are asked, the
first who takes it on debriefs them (the others are not asked again)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.networks.debrief import Debrief, DebriefKind, DebriefRequested, DebriefTaken
from handlers.kernel.announce import announce
from handlers.kernel.people import all_coordinators, is_coordinator
from handlers.kernel.roles import holders
from handlers.networks.commands import RequestDebrief, TakeDebrief
from handlers.networks.ports import UnitOfWork


def request_debrief(cmd: RequestDebrief, uow: UnitOfWork, now: datetime) -> DebriefRequested:
    """Store the request and ask every supervisor; with none named, the coordinators."""
    with uow:
        catalogue = uow.catalogue.get()
        role = catalogue.mentoring.debrief_role
        supervisors = tuple(holders(uow, catalogue, (role,), but=cmd.actor.user_id))
        coordinators = () if supervisors else all_coordinators(uow)
        debrief = uow.debriefs.add(
            Debrief(cmd.actor.user_id, DebriefKind(cmd.kind), cmd.about.strip(), now)
        )
        asked = DebriefRequested(debrief, supervisors, coordinators)
        announce(uow, now, asked)
        uow.commit()
        return asked


def take_debrief(cmd: TakeDebrief, uow: UnitOfWork, now: datetime) -> Debrief:
    """The supervisor takes it on; someone else who got there first keeps it."""
    with uow:
        debrief = uow.debriefs.get(cmd.debrief_id)
        debrief.ensure_can_take(cmd.actor.user_id)
        if not _may_debrief(cmd.actor, uow):
            raise NotAllowed("Only the programme's supervisors can take on a debrief.")
        if debrief.taken_by == cmd.actor.user_id:
            return debrief
        if not uow.debriefs.take(debrief.id or 0, cmd.actor.user_id, now):
            taker = uow.debriefs.get(debrief.id or 0).taken_by
            raise NotAllowed(f"<@{taker}> has already taken this debrief on: thank you.")
        taken = replace(debrief, taken_by=cmd.actor.user_id, taken_at=now)
        announce(uow, now, DebriefTaken(taken))
        uow.commit()
        return taken


def _may_debrief(actor: Actor, uow: UnitOfWork) -> bool:
    catalogue = uow.catalogue.get()
    role = catalogue.mentoring.debrief_role
    return actor.user_id in holders(uow, catalogue, (role,), but="") or is_coordinator(actor, uow)


def debrief_of(debrief_id: int, uow: UnitOfWork) -> Debrief:
    """For the messages about it, as it is when they are sent."""
    with uow:
        return uow.debriefs.get(debrief_id)
