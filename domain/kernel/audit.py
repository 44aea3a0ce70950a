"""The audit log as coordinators read it: who changed what, when, by kind of subject."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: What a coordinator may filter by: the kind of subject, and how it is named.
KINDS = {
    "programme": "Programme settings and offer",
    "nomination": "Nominations",
    "ics": "ICSs and leads",
    "catalogue": "Requirements and other shared settings",
    "configuration": "Programme file applied",
}
ALL = "all"
PER_PAGE = 15


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log (``detail``: free text or JSON, as the change wrote it)."""

    id: int
    at: datetime
    actor: str
    subject: str
    action: str
    detail: str = ""
    from_status: str | None = None
    to_status: str | None = None

    @property
    def kind(self) -> str:
        return self.subject.partition(":")[0]


def page_bounds(page: int, total: int) -> tuple[int, int]:
    """The page actually shown (1 to the last, whatever was asked) and its first entry's
    offset, newest first."""
    pages = max(1, -(-total // PER_PAGE))
    shown = min(max(1, page), pages)
    return shown, (shown - 1) * PER_PAGE


@dataclass(frozen=True)
class Look:
    """Someone was shown a person's record: who, in which view, when (first that day)."""

    viewer: str
    what: str
    at: datetime
