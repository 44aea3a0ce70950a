"""The coordinators' register: every nomination with what happened after it (attendance per
session, cascading answers, requirement standing), for an export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from domain.kernel.people import Actor
from domain.kernel.programme import Ics, Programme
from domain.kernel.roles import require_coordinator
from domain.nominations.nomination import Nomination, Status
from domain.supervision.requirements import RequirementStatus
from handlers.follow_up.follow_up_list import FollowUp, follow_ups
from handlers.follow_up.ports import UnitOfWork as _Own
from handlers.kernel.people import today_for
from handlers.supervision.entries import record_for
from handlers.supervision.ports import UnitOfWork as _Supervision


class UnitOfWork(_Own, _Supervision, Protocol):
    """The register's reads: the follow-up, and each participant's supervision record."""


@dataclass(frozen=True)
class Register:
    programme: Programme
    rows: list[tuple[Nomination, Ics]]
    attendance: dict[int, dict[int, bool]] = field(default_factory=dict)  # by session number
    answers: dict[int, tuple[bool, str, datetime]] = field(default_factory=dict)  # latest
    standing: dict[str, list[RequirementStatus]] = field(default_factory=dict)  # attendees
    follow_up: dict[int, FollowUp] = field(default_factory=dict)  # attendees, by nomination


def register_for(actor: Actor, programme_key: str, uow: UnitOfWork, now: datetime) -> Register:
    """Every nomination of a programme, for its coordinators (never anyone's notes)."""
    with uow:
        programme = uow.programmes.get(programme_key)
        require_coordinator(actor, programme)
        ics = {i.key: i for i in uow.ics.list()}
        nominations = uow.nominations.list(programme_key)
        ids = [n.id or 0 for n in nominations]
        attended = [n for n in nominations if n.status is Status.ATTENDED]
        standing = {
            n.nominee_id: record_for(
                Actor(user_id=n.nominee_id), uow, today_for(n.nominee_id, uow, now)
            ).standing
            for n in attended
        }
        return Register(
            programme,
            [(n, ics[n.ics_key]) for n in nominations],
            uow.attendance.of(ids),
            uow.cascade_answers.latest(ids),
            standing,
            {f.nomination.id or 0: f for f in follow_ups(uow, programme, now)},
        )
