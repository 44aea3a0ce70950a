"""The supervision commands: small frozen requests, whatever triggered them."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from domain.supervision.entries import Kind
from domain.supervision.facilitators import FacilitatorsChoice
from handlers.kernel.commands import Command, UserId


class LogEntry(Command):
    """Log (or, with ``entry_id``, edit) a supervision session or a delivery."""

    log_type: str
    occurred_on: date
    with_user: UserId | None = None
    with_name: str = Field(default="", max_length=200)
    duration_minutes: int | None = None
    participants: int | None = None
    notes: str = Field(default="", max_length=3000)
    action: str = Field(default="", max_length=1000)
    action_due: date | None = None
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op
    entry_id: int | None = None


class DeleteEntry(Command):
    entry_id: int


class ShowFacilitators(Command):
    """The coordinator's filter and page of the facilitators' list on Home."""

    choice: FacilitatorsChoice


class LogCircle(Command):
    """Log a Leadership Support Circle delivered (``entry_id``: edit one)."""

    log_type: str = Field(default="", max_length=40)
    occurred_on: date
    topic: str = Field(default="", max_length=40)
    group_size: int | None = None
    co_facilitators: tuple[UserId, ...] = Field(default=(), max_length=50)
    ics_key: str = Field(default="", max_length=40)
    setting: str = Field(default="standalone", max_length=20)
    embedded_in: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=3000)
    client_token: str | None = Field(default=None, max_length=100)  # a resubmission: no-op
    entry_id: int | None = None


class ShowEntries(Command):
    """Your most recent entries, newest first (`/log-supervision list`)."""

    limit: int = Field(default=10, ge=1, le=50)


class AskLogForm(Command):
    """Open the log form (of one ``kind``, else any): is there anything to log yet?"""

    kind: Kind | None = None


class AskEntryForm(Command):
    """Open your entry in its form: is it still yours to change?"""

    entry_id: int
