"""A deactivated Slack account: nothing more goes to that person (no chase, no DM), and the
coordinators' Home says they have left the workspace; reactivated, they are back."""

from __future__ import annotations

from datetime import datetime

from domain.kernel.people import SYSTEM
from handlers.accounts.commands import AccountChanged
from handlers.kernel.announce import home
from handlers.kernel.people import all_coordinators
from handlers.kernel.ports import UnitOfWork


def account_changed(cmd: AccountChanged, uow: UnitOfWork, now: datetime) -> bool:
    """Record a deactivation (their waiting messages cancelled) or a return; True when this
    changed what Cascade knew (Slack sends ``user_change`` for every profile edit too)."""
    person = cmd.actor.user_id
    with uow:
        if cmd.deactivated == bool(uow.people.left([person])):
            return False
        uow.people.mark_left(person, now if cmd.deactivated else None)
        if cmd.deactivated:
            uow.outbox.cancel_to(person, now)
        said = "left the workspace (deactivated in Slack)" if cmd.deactivated else "came back"
        uow.audit.note(SYSTEM.user_id, f"person:{person}", said, now)
        uow.outbox.add([home(c, now) for c in all_coordinators(uow)], now)
        uow.commit()
    return True
