"""The circles commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date, time

from pydantic import Field

from handlers.kernel.commands import Command, UserId


class PublishCircle(Command):
    """Put a forthcoming circle on the calendar, open to all staff."""

    topic: str = Field(default="", max_length=40)
    day: date
    start: time
    end: time
    place: str = Field(default="", max_length=300)
    places: int
    description: str = Field(default="", max_length=1000)
    co_facilitators: tuple[UserId, ...] = Field(default=(), max_length=50)
    ics_key: str | None = Field(default=None, max_length=40)
    client_token: str | None = Field(default=None, max_length=100)


class SignUpToCircle(Command):
    circle_id: int


class CancelCirclePlace(Command):
    circle_id: int


class CancelCircle(Command):
    circle_id: int


class AskForCover(Command):
    circle_id: int


class CoverCircle(Command):
    request_id: int


class AskCircleLog(Command):
    """Someone opens the circle form: may they log circles (and, editing, is it theirs)?"""

    entry_id: int = 0


class AskCirclePublish(Command):
    """Someone opens the publish form: may they run circles, are there topics to choose?"""
