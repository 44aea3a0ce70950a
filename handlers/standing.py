"""Where one person stands today against the requirements of every role they hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.catalogue import Catalogue
from domain.people import Actor
from domain.requirements import RequirementStatus, standing_for
from domain.supervision import Entry
from handlers.credits import credited_entries
from handlers.ports import UnitOfWork
from handlers.roles import roles_of


def standing_now(
    actor: Actor,
    uow: UnitOfWork,
    catalogue: Catalogue,
    today: date,
    entries: Sequence[Entry] | None = None,
) -> list[RequirementStatus]:
    """Each requirement of the person's roles (however held), counting what others logged
    that counts for them and moving due dates by their leave (``entries``: their own, if
    read already)."""
    own = list(uow.entries.list(actor.user_id) if entries is None else entries)
    counted = own + credited_entries(uow, actor.user_id, catalogue)
    away = uow.leave.list(actor.user_id) if catalogue.reminders.leave_extends_due else ()
    roles = roles_of(actor, uow, catalogue)
    return standing_for(catalogue.requirements, roles, counted, today, away)
