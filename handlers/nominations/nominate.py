"""Nominating: the checks made as a nomination request is stored (before the form's ack), and
the nomination itself (the decisions on it: handlers/nominations/decisions.py).

Capacity changes lock rows in one fixed order: programme, then ICS, then cohort, then nomination.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.kernel.errors import AlreadyNominated, DomainError, NotFound
from domain.kernel.programme import Ics, Programme
from domain.nominations import events as e
from domain.nominations.capacity import check_ics_quota
from domain.nominations.nomination import Nomination, StateChanged, Status
from domain.nominations.roles import require_can_nominate
from handlers.kernel.announce import announce
from handlers.nominations.commands import (
    Nominate,
)
from handlers.nominations.ports import UnitOfWork


@dataclass(frozen=True)
class Outcome:
    """A nomination after a use case, with what a message about it needs."""

    nomination: Nomination
    programme: Programme
    ics: Ics
    used: int = 0  # nominations the ICS has used, after a nomination
    promoted: Nomination | None = None  # a waitlisted person who got a freed place


@dataclass(frozen=True)
class Checked:
    """A nomination the rules allow, as the database stood when it was checked."""

    programme: Programme
    ics: Ics
    used: int  # the ICS's nominations before this one


@dataclass(frozen=True)
class Nominating:
    """A nomination to check as its request is stored (before the form's ack): the ICS and
    its leads as read a moment ago."""

    command: Nominate
    ics: Ics


def check_nominations(
    arriving: Sequence[Nominating], uow: UnitOfWork, now: datetime, besides: Sequence[str] = ()
) -> list[Checked | DomainError]:
    """Would the rules take these nominations, arriving together, now? Each is checked
    against the programme as it is now (a coordinator may have just closed it), the ICS's
    active nominations, the nominate requests still waiting to be carried out and those
    before it here; ``besides``: the keys of the requests being stored (Slack's retry of one
    is not counted against itself). Run in the transaction that stores the requests: the
    nomination itself is made after the ack, under the locks, where the rules are final."""
    results: list[Checked | DomainError | None] = [None] * len(arriving)
    by_programme: dict[str, list[int]] = {}
    for i, a in enumerate(arriving):
        by_programme.setdefault(a.command.programme_key, []).append(i)
    for programme_key, indices in by_programme.items():
        try:
            standing = uow.nominations.standing(
                programme_key,
                sorted({arriving[i].ics.key for i in indices}),
                sorted({arriving[i].command.nominee_id for i in indices}),
                besides=besides,
            )
        except NotFound as gone:
            for i in indices:
                results[i] = gone
            continue
        programme, used, taken = standing.programme, dict(standing.used), set(standing.taken)
        for i in indices:
            try:
                results[i] = _arriving(arriving[i], programme, used, taken, uow, now)
            except DomainError as refused:
                results[i] = refused
    return [r for r in results if r is not None]


def _arriving(
    a: Nominating,
    programme: Programme,
    used: dict[str, int],
    taken: set[str],
    uow: UnitOfWork,
    now: datetime,
) -> Checked:
    cmd, ics = a.command, a.ics
    if ics.key != cmd.ics_key:
        raise ValueError("the ICS checked against is the command's own")
    require_can_nominate(cmd.actor, programme, ics)
    programme.ensure_open(now)
    if cmd.nominee_id in taken:
        existing = uow.nominations.active_for(programme.key, cmd.nominee_id)
        where = f" ({existing.describe(capitalise=False)})" if existing else " (a moment ago)"
        raise AlreadyNominated(
            f"<@{cmd.nominee_id}> already has a nomination for {programme.name}{where}.",
            field="nominee",
        )
    check_ics_quota(programme, ics, used.get(ics.key, 0))
    checked = Checked(programme, ics, used.get(ics.key, 0))
    used[ics.key] = checked.used + 1
    taken.add(cmd.nominee_id)
    return checked


def _checked(
    cmd: Nominate,
    uow: UnitOfWork,
    now: datetime,
    programme_of: Callable[[str], Programme],
    ics_of: Callable[[str], Ics],
) -> Checked:
    programme, ics = programme_of(cmd.programme_key), ics_of(cmd.ics_key)
    require_can_nominate(cmd.actor, programme, ics)
    programme.ensure_open(now)
    used, taken = uow.nominations.nominating(programme.key, ics.key, cmd.nominee_id)
    if taken and (existing := uow.nominations.active_for(programme.key, cmd.nominee_id)):
        raise AlreadyNominated(
            f"<@{cmd.nominee_id}> already has a nomination for {programme.name} "
            f"({existing.describe(capitalise=False)}).",
            field="nominee",
        )
    check_ics_quota(programme, ics, used)
    return Checked(programme, ics, used)


def nominate(cmd: Nominate, uow: UnitOfWork, now: datetime) -> Outcome:
    """An ICS lead (or a coordinator) nominates someone, within the ICS's quota."""
    with uow:
        checked = _checked(cmd, uow, now, uow.programmes.lock, uow.ics.lock)
        programme, ics, used = checked.programme, checked.ics, checked.used
        nomination = Nomination(
            programme_key=programme.key,
            ics_key=ics.key,
            nominee_id=cmd.nominee_id,
            nominated_by=cmd.actor.user_id,
            note=cmd.note.strip(),
            organisation=cmd.organisation.strip(),
            sponsor=cmd.sponsor or cmd.actor.user_id,
            created_at=now,
            updated_at=now,
        )
        nomination.events.append(
            StateChanged(None, cmd.actor.user_id, now, None, Status.NOMINATED, "nominated")
        )
        uow.nominations.add(nomination)
        announce(uow, now, e.Nominated(nomination, programme, cmd.actor.user_id))
        uow.commit()
        return Outcome(nomination, programme, ics, used=used + 1)
