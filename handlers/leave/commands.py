"""The leave commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from handlers.kernel.commands import Command


class RecordLeave(Command):
    """Record leave, both days included; the reason is private to the person."""

    start: date
    end: date
    reason: str = Field(default="", max_length=300)
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op


class EndLeave(Command):
    """End your leave early (back today), or cancel leave that has not begun."""

    leave_id: int


class ShowLeave(Command):
    """Your leave, now and to come (`/leave list`)."""


class AskLeaveForm(Command):
    """Open the leave form (what it starts from: today, and whether leave moves your dues)."""
