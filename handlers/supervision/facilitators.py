"""The facilitators' list on a coordinator's Home, a page at a time: counts, a filter (needs
attention, an ICS, a role) and the page, kept for each coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.kernel import events as e
from domain.kernel.errors import NotFound
from domain.kernel.people import Actor
from domain.supervision.facilitators import ATTENTION, FacilitatorsChoice
from handlers.kernel.announce import announce
from handlers.supervision.commands import ShowFacilitators
from handlers.supervision.compliance import Facilitator, facilitators, require_any_coordinator
from handlers.supervision.ports import UnitOfWork

PAGE_SIZE = 20


@dataclass(frozen=True)
class FacilitatorsPage:
    people: list[Facilitator]  # this page's
    total: int  # everyone
    attention: int  # everyone with a requirement overdue
    matching: int  # those the filter lets through
    choice: FacilitatorsChoice  # its page within 1..pages
    ics: dict[str, str]  # key -> name, every ICS (the filter's choices, and names in lines)
    roles: dict[str, str]  # key -> name, every role

    @property
    def pages(self) -> int:
        return pages_for(self.matching)

    @property
    def first(self) -> int:
        """The place in the list of this page's first person, from 1."""
        return (self.choice.page - 1) * PAGE_SIZE + 1


def facilitators_page(actor: Actor, uow: UnitOfWork, now: datetime) -> FacilitatorsPage:
    """The page of facilitators the coordinator chose (everyone, page 1, until they choose)."""
    with uow:
        require_any_coordinator(actor, uow)
        everyone = facilitators(uow, now)
        choice = uow.people.facilitators_choice(actor.user_id)
        ics = {i.key: i.name for i in uow.ics.list()}
        roles = {r.key: r.name for r in uow.catalogue.get().roles}
    matching = [f for f in everyone if _lets_through(choice, f)]
    choice = choice.model_copy(update={"page": min(choice.page, pages_for(len(matching)))})
    start = (choice.page - 1) * PAGE_SIZE
    attention = sum(1 for f in everyone if f.overdue)
    shown = matching[start : start + PAGE_SIZE]
    return FacilitatorsPage(shown, len(everyone), attention, len(matching), choice, ics, roles)


def show_facilitators(cmd: ShowFacilitators, uow: UnitOfWork, now: datetime) -> None:
    """Keep the coordinator's filter and page, and publish their Home again with them."""
    with uow:
        require_any_coordinator(cmd.actor, uow)
        choice = cmd.choice
        if choice.ics is not None and choice.ics not in {i.key for i in uow.ics.list()}:
            raise NotFound("That ICS is no longer in Cascade: please choose another filter.")
        roles = {r.key for r in uow.catalogue.get().roles}
        if choice.role is not None and choice.role not in roles:
            raise NotFound("That role is no longer in Cascade: please choose another filter.")
        uow.people.choose_facilitators(cmd.actor.user_id, choice, now)
        announce(uow, now, e.HomeOpened(cmd.actor.user_id))
        uow.commit()


def pages_for(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def _lets_through(choice: FacilitatorsChoice, person: Facilitator) -> bool:
    if choice.filter == ATTENTION:
        return person.overdue > 0
    if choice.ics is not None:
        return person.ics_key == choice.ics
    if choice.role is not None:
        return choice.role in person.roles
    return True
