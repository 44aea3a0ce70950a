"""The group sessions commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date, time

from pydantic import Field

from handlers.kernel.commands import Command, Key, UserId


class ScheduleGroupSession(Command):
    """A coordinator or lead trainer schedules a group session and invites people to it."""

    kind: str = Field(max_length=40)
    title: str = Field(default="", max_length=150)
    day: date | None = None
    start: time | None = None
    end: time | None = None
    place: str = Field(default="", max_length=500)
    agenda: str = Field(default="", max_length=2500)
    invitees: tuple[UserId, ...] = Field(default=(), max_length=250)
    roles: tuple[Key, ...] = Field(default=(), max_length=50)  # everyone holding them, too
    ics_key: str | None = Field(default=None, max_length=40)
    client_token: str | None = Field(default=None, max_length=100)  # a double submit: once


class AnswerGroupSession(Command):
    session_id: int
    going: bool


class CancelGroupSession(Command):
    session_id: int


class RecordGroupAttendance(Command):
    """Who came: invitees ticked, and anyone else who came (invited now, and credited)."""

    session_id: int
    attended: frozenset[UserId] = Field(default=frozenset(), max_length=250)
    others: tuple[UserId, ...] = Field(default=(), max_length=50)


class AskGroupSchedule(Command):
    """Someone opens the scheduling form: is there a kind of session they may schedule?"""


class AskGroupAttendance(Command):
    """Someone opens "Record who came": the organiser or a coordinator, once it started?"""

    session_id: int
