"""Read models for dashboards and status replies: what each role needs to see at a glance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol, TypeVar

from domain.kernel.people import Actor, is_erased
from domain.kernel.programme import Ics, Programme
from domain.networks.cohort_channel import MEMBERS, CohortChannel
from domain.nominations.nomination import AWAITING, Nomination, Status
from domain.nominations.waitlist import in_order
from domain.programme_admin.catalogue import Catalogue
from handlers.follow_up.follow_up_list import FollowUp, follow_ups
from handlers.follow_up.ports import UnitOfWork as _FollowUp
from handlers.kernel.people import is_coordinator
from handlers.nominations.ports import UnitOfWork as _Own


class UnitOfWork(_Own, _FollowUp, Protocol):
    """Home's reads: the nominations, and the follow-up each confirmed participant owes."""


@dataclass(frozen=True)
class CoordinatorPanel:
    programme: Programme
    held: dict[str, int]  # places held per cohort
    ics_used: list[tuple[Ics, int]]
    pending: list[Nomination]
    waitlist: list[Nomination]
    awaiting: int
    names: dict[str, str]  # ICS key -> name
    offered: list[Nomination] = field(default_factory=list)  # freed places awaiting an answer
    to_mark: list[Nomination] = field(default_factory=list)  # finished cohorts, not yet marked
    follow_up: list[FollowUp] = field(default_factory=list)  # attendees, calls due first

    @property
    def confirmed(self) -> int:
        return sum(self.held.values())


@dataclass(frozen=True)
class LeadPanel:
    programme: Programme
    ics: Ics
    nominations: Sequence[Nomination]
    used: int

    @property
    def left(self) -> int:
        return max(self.programme.per_ics_limit - self.used, 0)


@dataclass(frozen=True)
class Mine:
    programme: Programme
    nomination: Nomination
    ics: Ics


@dataclass(frozen=True)
class Overview:
    """Everything one person's Home tab or `/nominate status` shows, by role."""

    coordinating: list[CoordinatorPanel] = field(default_factory=list)
    leading: list[LeadPanel] = field(default_factory=list)
    mine: list[Mine] = field(default_factory=list)


def overview(actor: Actor, uow: UnitOfWork, now: datetime | None = None) -> Overview:
    """The programmes this person coordinates, the ICSs they lead, and their own nominations."""
    result = Overview()
    with uow:
        ics_all = list(uow.ics.list())
        names = {i.key: i.name for i in ics_all}
        for programme in uow.programmes.list():
            if programme.is_coordinator(actor):
                panel = _coordinator_panel(uow, programme, ics_all, names)
                if now is not None:
                    panel = _follow_up(uow, programme, panel, now)
                result.coordinating.append(panel)
            used = uow.nominations.count_active_by_ics(programme.key)
            for ics in ics_all:
                if ics.is_led_by(actor):
                    mine = uow.nominations.list(programme.key, ics_key=ics.key)
                    result.leading.append(LeadPanel(programme, ics, mine, used.get(ics.key, 0)))
            for nomination in uow.nominations.list(programme.key, nominee_id=actor.user_id):
                result.mine.append(Mine(programme, nomination, uow.ics.get(nomination.ics_key)))
    return result


def _coordinator_panel(
    uow: UnitOfWork, programme: Programme, ics_all: list[Ics], names: dict[str, str]
) -> CoordinatorPanel:
    used = uow.nominations.count_active_by_ics(programme.key)
    listed = uow.nominations.list(
        programme.key,
        statuses=frozenset({Status.PENDING_REVIEW, Status.WAITLISTED, Status.OFFERED} | AWAITING),
    )
    return CoordinatorPanel(
        programme=programme,
        held=uow.nominations.count_holding_place(programme.key),
        ics_used=[(ics, used.get(ics.key, 0)) for ics in ics_all],
        pending=sorted(
            (n for n in listed if n.status is Status.PENDING_REVIEW),
            key=lambda n: (n.eligibility_confirmed_at or n.created_at, n.id or 0),
        ),
        waitlist=in_order(listed),
        awaiting=sum(1 for n in listed if n.status in AWAITING),
        names=names,
        offered=[n for n in listed if n.status is Status.OFFERED],
    )


def _follow_up(
    uow: UnitOfWork, programme: Programme, panel: CoordinatorPanel, now: datetime
) -> CoordinatorPanel:
    finished = {c.key for c in programme.cohorts if programme.has_finished(c, now)}
    confirmed = (  # nothing to mark before a cohort has finished
        uow.nominations.list(programme.key, statuses=frozenset({Status.CONFIRMED}))
        if finished
        else []
    )
    return replace(
        panel,
        to_mark=[n for n in confirmed if n.cohort_key in finished],
        follow_up=follow_ups(uow, programme, now),
    )


def programme_for(programme_key: str | None, nomination_id: int, uow: UnitOfWork) -> Programme:
    """The programme by its key, or else the programme of the nomination."""
    with uow:
        if programme_key:
            return uow.programmes.get(programme_key)
        return uow.programmes.get(uow.nominations.get(nomination_id).programme_key)


def everything(uow: UnitOfWork) -> tuple[list[Programme], list[Ics]]:
    """Every programme, and every ICS with its leads."""
    with uow:
        return list(uow.programmes.list()), list(uow.ics.list())


def open_programmes(uow: UnitOfWork, now: datetime) -> list[Programme]:
    """The programmes taking nominations now."""
    with uow:
        return _open(uow, now)


def _open(uow: UnitOfWork, now: datetime) -> list[Programme]:
    return [p for p in uow.programmes.list() if p.is_open(now)]


def choices_among(
    actor: Actor, programmes: Iterable[Programme], every_ics: Iterable[Ics], now: datetime
) -> tuple[list[Programme], list[Ics]]:
    """Programmes open for nominations, and the ICSs this person may nominate for, among
    those read already (a form's copies of a moment ago)."""
    open_now = [p for p in programmes if p.is_open(now)]
    coordinator = any(p.is_coordinator(actor) for p in open_now)
    return open_now, [i for i in every_ics if coordinator or i.is_led_by(actor)]


@dataclass(frozen=True)
class MessageContext:
    """What a message needs to say, read fresh when it is sent."""

    catalogue: Catalogue
    programme: Programme | None = None
    nomination: Nomination | None = None
    ics: Ics | None = None
    card: tuple[str, str] | None = None  # where the nomination's review card was posted
    revisions: dict[str, int] = field(default_factory=dict)  # the named cohorts' reschedulings
    channel: CohortChannel | None = None  # the participant's cohort's channel, once created

    # What a message's writer needs, when its payload names it (LookupError otherwise: the
    # message cannot be written, and is recorded as failed as any other that cannot).
    def named_programme(self) -> Programme:
        return _named(self.programme, "programme")

    def named_nomination(self) -> Nomination:
        return _named(self.nomination, "nomination")

    def named_ics(self) -> Ics:
        return _named(self.ics, "ICS")


T = TypeVar("T")


def _named(value: T | None, what: str) -> T:
    if value is None:
        raise LookupError(f"The message names no {what}.")
    return value


def message_context(payload: dict[str, Any], uow: UnitOfWork) -> MessageContext:
    """The programme, nomination and ICS a message's payload names (by id), as they are now."""
    with uow:
        nomination = uow.nominations.get(payload["nomination"]) if "nomination" in payload else None
        key = payload.get("programme") or (nomination.programme_key if nomination else None)
        ics = payload.get("ics") or (nomination.ics_key if nomination else None)
        cohorts = [payload[k] for k in ("cohort", "left") if payload.get(k)]
        channel = None
        if nomination and nomination.status in MEMBERS and nomination.cohort_key:  # same cohort
            channel = uow.cohort_channels.get(nomination.programme_key, nomination.cohort_key)
        return MessageContext(
            uow.catalogue.get(),
            uow.programmes.get(key) if key else None,
            nomination,
            uow.ics.get(ics) if ics else None,
            uow.nominations.card(nomination.id or 0) if nomination else None,
            {c: uow.programmes.revision(key, c) for c in cohorts} if key else {},
            channel if channel and channel.channel_id else None,
        )


def strangers_due(uow: UnitOfWork, now: datetime) -> list[str]:
    """People with reminders due whose time zone Cascade has not learnt yet."""
    with uow:
        due = uow.outbox.recipients_due(now)
        return sorted(p for p in uow.people.unknown(due) if not is_erased(p))


def undelivered(actor: Actor, uow: UnitOfWork, since: datetime) -> dict[str, int]:
    """For coordinators: messages Cascade gave up on lately, by Slack's reason."""
    with uow:
        if not is_coordinator(actor, uow):
            return {}
        return uow.outbox.failures(since)
