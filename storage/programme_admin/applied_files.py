"""The programme file as last applied, so a restart does not undo changes made in Slack."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage.tables import AppliedFileRow

_FILE = "programme-file"


class SqlAlchemyAppliedFiles:
    def __init__(self, session: Session) -> None:
        self.session = session

    def last(self) -> tuple[str, datetime] | None:
        """The hash of the programme file last applied, and when."""
        row = self.session.get(AppliedFileRow, _FILE)
        return (row.sha256, row.applied_at) if row else None

    def record(self, sha256: str, now: datetime) -> None:
        row = self.session.get(AppliedFileRow, _FILE) or AppliedFileRow(key=_FILE)
        row.sha256, row.applied_at = sha256, now
        self.session.add(row)
        self.session.flush()
