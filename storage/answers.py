"""After the training: attendance per session, and attendees' answers to "have you started
cascading?" (history kept)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.tables import AttendanceRow, CascadeAnswerRow


class SqlAlchemyCascadeAnswers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, nomination_id: int, started: bool, reason: str, now: datetime) -> None:
        self.session.add(
            CascadeAnswerRow(
                nomination_id=nomination_id, started=started, reason=reason, answered_at=now
            )
        )

    def clear_reasons(self, nomination_ids: Iterable[int]) -> None:
        self.session.execute(
            update(CascadeAnswerRow)
            .where(CascadeAnswerRow.nomination_id.in_(list(nomination_ids)))
            .values(reason="")
        )

    def latest(self, nomination_ids: Iterable[int]) -> dict[int, tuple[bool, str, datetime]]:
        rows = self.session.scalars(
            select(CascadeAnswerRow)
            .where(CascadeAnswerRow.nomination_id.in_(list(nomination_ids)))
            .order_by(CascadeAnswerRow.answered_at, CascadeAnswerRow.id)
        )
        return {r.nomination_id: (r.started, r.reason, r.answered_at) for r in rows}


class SqlAlchemyAttendance:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, nomination_id: int, marks: dict[int, bool], by: str, now: datetime) -> None:
        """Whether the participant attended each session (numbered from 1), as recorded now."""
        self.session.execute(
            delete(AttendanceRow).where(AttendanceRow.nomination_id == nomination_id)
        )
        self.session.add_all(
            AttendanceRow(
                nomination_id=nomination_id,
                session=session,
                attended=attended,
                recorded_by=by,
                recorded_at=now,
            )
            for session, attended in sorted(marks.items())
        )

    def of(self, nomination_ids: Iterable[int]) -> dict[int, dict[int, bool]]:
        rows = self.session.scalars(
            select(AttendanceRow).where(AttendanceRow.nomination_id.in_(list(nomination_ids)))
        )
        found: dict[int, dict[int, bool]] = {}
        for row in rows:
            found.setdefault(row.nomination_id, {})[row.session] = row.attended
        return found
