"""Files asked for: made from the database when they are sent."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kernel.events import Event
from domain.kernel.programme import Programme


@dataclass(frozen=True)
class NominationsExportRequested(Event):
    """A coordinator asked for a programme's nominations as a file."""

    programme: Programme
    actor: str
    request: str = ""  # the same request asked twice (a Slack retry) sends one file
    format: str = "csv"  # or "xlsx"


@dataclass(frozen=True)
class EntriesExportRequested(Event):
    """A facilitator asked for all their own entries as a file."""

    actor: str
    request: str = ""


@dataclass(frozen=True)
class AccreditationExportRequested(Event):
    actor: str
    request: str = ""
    format: str = "csv"
