"""Who was shown whose record: noted whenever a person's record is shown to someone else (a
coordinator's list of facilitators, the register, a lead's nominees, a peer review form), and
shown to the person on their Home. Nobody edits or deletes it (retention and erasure aside)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from domain.kernel.audit import Look
from domain.kernel.people import Actor, is_erased
from handlers.kernel.ports import UnitOfWork

SHOWN_AT_MOST = 10  # the newest looks on a person's Home


def shown(
    viewer: str,
    people: Iterable[str],
    what: str,
    read: Callable[[], UnitOfWork],
    write: Callable[[], UnitOfWork],
    now: datetime,
) -> None:
    """``viewer`` was shown these people's records in ``what`` (their own is not a look).
    Kept once a day per view: a Home published again (after every change a coordinator sees)
    reads that it is noted already and writes nothing, so it never waits for the write lock."""
    others = {p for p in people if p and p != viewer and not is_erased(p)}
    if not others:
        return
    with read() as uow:
        new = others - uow.audit.noted_looks(viewer, others, what, now.date())
    if new:
        with write() as uow:  # (background work: ``write`` waits its turn for the lock)
            uow.audit.looked(viewer, new, what, now)
            uow.commit()


def who_looked(actor: Actor, uow: UnitOfWork) -> list[Look]:
    """Who was shown the actor's record, newest first."""
    with uow:
        return uow.audit.looks_at(actor.user_id, SHOWN_AT_MOST)
