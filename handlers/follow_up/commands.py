"""The follow up commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from pydantic import Field

from handlers.kernel.commands import Command


class AnswerCascade(Command):
    """An attendee answers "have you started cascading?"."""

    nomination_id: int
    started: bool
    reason: str = Field(default="", max_length=1000)
    materials: str = Field(default="", max_length=500)  # how the materials are being received
    support: str = Field(default="", max_length=500)  # what support they need


class Snooze(Command):
    reminder_id: int


class AddCascadeWords(Command):
    """After answering "Yes": how the materials are being received, what support is needed."""

    answer_id: int
    materials: str = Field(default="", max_length=500)
    support: str = Field(default="", max_length=500)


class RecordCall(Command):
    """A coordinator ticks off the follow-up call to an attendee."""

    nomination_id: int
