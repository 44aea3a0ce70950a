"""Cohort channels: a coordinator asks, the dispatcher creates the channel in Slack, each
participant is asked whether to join, and those who choose to are added."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.kernel.errors import DomainError
from domain.kernel.outbox import Message, Reason
from domain.kernel.people import Actor
from domain.kernel.programme import Cohort, Programme
from domain.kernel.roles import require_coordinator
from domain.networks.cohort_channel import (
    MEMBERS,
    CohortChannel,
    CohortChannelAsked,
    CohortChannelCreated,
    CohortChannelJoined,
    CohortChannelNotCreated,
    channel_name,
    ensure_member,
    participants,
    suggested_name,
)
from domain.networks.reasons import NetworkReason
from handlers.kernel.announce import announce
from handlers.kernel.bookkeeping import AfterFailed, AfterSent
from handlers.networks.commands import AskCohortChannel, JoinCohortChannel
from handlers.networks.ports import UnitOfWork

NAME_FIELD = "name"


@dataclass(frozen=True)
class CohortChannels:
    """The coordinator's view: each live cohort, its channel (if any) and who joined."""

    programme: Programme
    channels: dict[str, CohortChannel]
    joined: dict[str, int]
    participants: dict[str, int]

    @property
    def without(self) -> list[Cohort]:
        """Cohorts a channel can still be asked for."""
        return [k for k in self.programme.cohorts if not k.cancelled and k.key not in self.channels]


def cohort_channels(actor: Actor, programme_key: str, uow: UnitOfWork) -> CohortChannels:
    """Before the coordinator's form: the programme's channels, for its coordinators only."""
    with uow:
        programme = uow.programmes.get(programme_key)
        require_coordinator(actor, programme)
        nominations = list(uow.nominations.list(programme_key, statuses=MEMBERS))
        return CohortChannels(
            programme,
            {c.cohort_key: c for c in uow.cohort_channels.list(programme_key)},
            uow.cohort_channels.count_members(programme_key),
            {k.key: len(participants(nominations, k.key)) for k in programme.cohorts},
        )


def ask_for_channel(cmd: AskCohortChannel, uow: UnitOfWork, now: datetime) -> CohortChannel:
    """Stored and queued for creation; refused beside the field when the cohort has one or
    another cohort's channel has that name."""
    with uow:
        programme = uow.programmes.get(cmd.programme_key)
        require_coordinator(cmd.actor, programme)
        cohort = programme.cohort(cmd.cohort_key)
        name = channel_name(cmd.name or suggested_name(programme, cohort), NAME_FIELD)
        if cohort.cancelled:
            raise DomainError(f"{cohort.name} is cancelled.", field="cohort")
        channel = CohortChannel(
            programme.key, cohort.key, name, cmd.private, cmd.actor.user_id, now
        )
        if not uow.cohort_channels.ask(channel):
            raise _taken(uow, channel, programme)
        uow.audit.note(cmd.actor.user_id, channel.subject, f"channel asked for: #{name}", now)
        announce(uow, now, CohortChannelAsked(channel))
        uow.commit()
        return channel


def _taken(uow: UnitOfWork, channel: CohortChannel, programme: Programme) -> DomainError:
    mine = uow.cohort_channels.get(channel.programme_key, channel.cohort_key)
    if mine is not None:
        return DomainError(f"This cohort has a channel already: #{mine.name}.", field="cohort")
    other = uow.cohort_channels.named(channel.name)
    whose = other.cohort_key if other else "another cohort"
    return DomainError(
        f"#{channel.name} is the channel of {whose}: please choose another name.", field=NAME_FIELD
    )


def channel_created(
    uow: UnitOfWork, message: Message, channel_id: str | None, ts: str | None, now: datetime
) -> None:
    """Bookkeeping once Slack created it: the id kept, the participants asked to join."""
    programme_key, cohort_key = message.payload["programme"], message.payload["cohort"]
    if not channel_id or not uow.cohort_channels.created(
        programme_key, cohort_key, channel_id, now
    ):
        return  # recorded before (the message was sent twice): nobody is asked twice
    channel = uow.cohort_channels.get(programme_key, cohort_key)
    nominations = list(uow.nominations.list(programme_key, statuses=MEMBERS))
    if channel is not None:
        announce(uow, now, CohortChannelCreated(channel, participants(nominations, cohort_key)))


def channel_not_created(uow: UnitOfWork, message: Message, error: str, now: datetime) -> None:
    """Slack refused: the request goes, so the coordinator can ask again, and they are told."""
    channel = uow.cohort_channels.get(message.payload["programme"], message.payload["cohort"])
    if channel is None or channel.channel_id is not None:
        return
    uow.cohort_channels.forget(channel.programme_key, channel.cohort_key)
    announce(uow, now, CohortChannelNotCreated(channel, error))


def join_channel(cmd: JoinCohortChannel, uow: UnitOfWork, now: datetime) -> CohortChannel:
    """The participant's choice kept and their invitation queued; a later click invites them
    again (they left the channel, or Slack refused the first time)."""
    with uow:
        programme = uow.programmes.get(cmd.programme_key)
        cohort = programme.cohort(cmd.cohort_key)
        channel = uow.cohort_channels.get(programme.key, cohort.key)
        if channel is None:
            raise DomainError(f"{cohort.name} has no channel (any more).")
        nominations = list(uow.nominations.list(programme.key, statuses=MEMBERS))
        ensure_member(cmd.actor.user_id, participants(nominations, cohort.key), cohort)
        channel.ensure_ready()
        uow.cohort_channels.join(programme.key, cohort.key, cmd.actor.user_id, now)
        announce(uow, now, CohortChannelJoined(channel, cmd.actor.user_id))
        uow.commit()
        return channel


def channel_of(
    programme_key: str, cohort_key: str, uow: UnitOfWork
) -> tuple[CohortChannel | None, Programme]:
    """For the messages about it, as it is when they are sent."""
    with uow:
        return uow.cohort_channels.get(programme_key, cohort_key), uow.programmes.get(programme_key)


@dataclass(frozen=True)
class MyChannel:
    channel: CohortChannel
    cohort_name: str
    joined: bool


def my_channels(actor: Actor, uow: UnitOfWork) -> list[MyChannel]:
    """Home: the ready channels of the cohorts someone is (or was) on."""
    found = []
    with uow:
        for n in uow.nominations.list(nominee_id=actor.user_id, statuses=MEMBERS):
            channel = uow.cohort_channels.get(n.programme_key, n.cohort_key or "")
            if channel is None or channel.channel_id is None:
                continue
            programme = uow.programmes.get(n.programme_key)
            joined = actor.user_id in uow.cohort_channels.members(
                n.programme_key, channel.cohort_key
            )
            found.append(MyChannel(channel, programme.cohort(channel.cohort_key).name, joined))
    return found


# This feature's part of the dispatcher's books (see handlers/kernel/bookkeeping.py).
CHANNEL_AFTER_SENT: dict[Reason, AfterSent] = {NetworkReason.CHANNEL_CREATE: channel_created}
CHANNEL_AFTER_FAILED: dict[Reason, AfterFailed] = {
    NetworkReason.CHANNEL_CREATE: channel_not_created
}
