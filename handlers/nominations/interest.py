"""Spreading the offer: a coordinator shares it to a channel; someone interested asks their
ICS's leads, who can nominate them in one click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.kernel.errors import AlreadyNominated, DomainError
from domain.kernel.programme import Ics, Programme
from domain.kernel.roles import require_coordinator
from domain.nominations import events as e
from handlers.kernel.announce import announce
from handlers.kernel.people import slack_ids
from handlers.nominations.commands import ExpressInterest, ShareOffer
from handlers.nominations.ports import UnitOfWork


@dataclass(frozen=True)
class LeadsAsked:
    """The interested person's ICS, how many of its leads were asked, and the programme."""

    programme: Programme
    ics: Ics
    leads: int


def share_offer(cmd: ShareOffer, uow: UnitOfWork, now: datetime, request: str = "") -> Programme:
    """Post the offer (dates, format, criteria, contact) to ``cmd.channel`` with "I'm
    interested"; coordinators only, while nominations are open."""
    with uow:
        programme = uow.programmes.get(cmd.programme_key)
        require_coordinator(cmd.actor, programme)
        programme.ensure_open(now)
        announce(uow, now, e.OfferShared(programme, cmd.channel, cmd.actor.user_id, request))
        uow.commit()
        return programme


def interest_form(
    programme_key: str, uow: UnitOfWork, now: datetime
) -> tuple[Programme, list[Ics]]:
    """Before asking an interested person for their ICS: the programme (still open) and the
    ICSs that have someone to ask."""
    with uow:
        programme = uow.programmes.get(programme_key)
        programme.ensure_open(now)
        return programme, [i for i in uow.ics.list() if i.leads]


def express_interest(cmd: ExpressInterest, uow: UnitOfWork, now: datetime) -> LeadsAsked:
    """Ask the leads of the person's ICS to nominate them; refused when the person already
    has a nomination, or the ICS has nobody to ask."""
    with uow:
        programme = uow.programmes.get(cmd.programme_key)
        programme.ensure_open(now)
        existing = uow.nominations.active_for(programme.key, cmd.actor.user_id)
        if existing is not None:
            raise AlreadyNominated(
                f"You already have a nomination for {programme.name} "
                f"({existing.describe(capitalise=False)}).",
                field="ics",
            )
        ics = uow.ics.get(cmd.ics_key)
        leads = tuple(slack_ids(ics.leads, uow))  # an address: the Slack user who has it
        if not leads:
            contact = f" Please contact {programme.contact}." if programme.contact else ""
            raise DomainError(f"{ics.name} has no lead in Cascade yet.{contact}", field="ics")
        interest = e.InterestExpressed(programme, ics, cmd.actor.user_id, cmd.note.strip(), leads)
        announce(uow, now, interest)
        uow.commit()
        return LeadsAsked(programme, ics, len(leads))
