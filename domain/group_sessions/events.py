"""What happened to group sessions."""

from __future__ import annotations

from dataclasses import dataclass

from domain.group_sessions.sessions import Answer, GroupSession
from domain.kernel.events import Event


@dataclass(frozen=True)
class GroupSessionScheduled(Event):
    """A group session was scheduled: ``invitees`` are asked to it."""

    session: GroupSession
    invitees: tuple[str, ...]


@dataclass(frozen=True)
class GroupSessionAnswered(Event):
    session: GroupSession
    person: str
    answer: Answer


@dataclass(frozen=True)
class GroupSessionCancelled(Event):
    """Everyone invited (and the organiser, if someone else cancelled it) is told."""

    session: GroupSession
    invitees: tuple[str, ...]
    actor: str


@dataclass(frozen=True)
class GroupAttendanceRecorded(Event):
    """Who attended changed: ``added`` are credited with it now, ``removed`` no longer are."""

    session: GroupSession
    added: tuple[str, ...]
    removed: tuple[str, ...]
    actor: str
