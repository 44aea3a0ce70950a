"""After the training: attendance per session, and attendees' answers to "have you started
cascading?" (history kept)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from domain.follow_up.follow_through import Answer
from domain.kernel.errors import NotFound
from storage.tables import AttendanceRow, CascadeAnswerRow


class SqlAlchemyCascadeAnswers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        nomination_id: int,
        started: bool,
        reason: str,
        now: datetime,
        materials: str = "",
        support: str = "",
    ) -> int:
        """Stored; its id."""
        row = CascadeAnswerRow(
            nomination_id=nomination_id,
            started=started,
            reason=reason,
            answered_at=now,
            materials=materials,
            support=support,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def get(self, answer_id: int) -> Answer:
        row = self.session.get(CascadeAnswerRow, answer_id)
        if row is None:
            raise NotFound("That answer no longer exists.")
        return _answer(row)

    def add_words(self, answer_id: int, materials: str, support: str) -> None:
        self.session.execute(
            update(CascadeAnswerRow)
            .where(CascadeAnswerRow.id == answer_id)
            .values(materials=materials, support=support)
        )

    def answers(self, nomination_ids: Iterable[int]) -> dict[int, Answer]:
        """Each nomination's latest answer, with its words."""
        return {n: _answer(row) for n, row in self._latest(nomination_ids).items()}

    def clear_reasons(self, nomination_ids: Iterable[int]) -> None:
        """Erasure: every word the person wrote goes; what they answered stays."""
        self.session.execute(
            update(CascadeAnswerRow)
            .where(CascadeAnswerRow.nomination_id.in_(list(nomination_ids)))
            .values(reason="", materials="", support="")
        )

    def latest(self, nomination_ids: Iterable[int]) -> dict[int, tuple[bool, str, datetime]]:
        rows = self._latest(nomination_ids)
        return {n: (r.started, r.reason, r.answered_at) for n, r in rows.items()}

    def _latest(self, nomination_ids: Iterable[int]) -> dict[int, CascadeAnswerRow]:
        rows = self.session.scalars(
            select(CascadeAnswerRow)
            .where(CascadeAnswerRow.nomination_id.in_(list(nomination_ids)))
            .order_by(CascadeAnswerRow.answered_at, CascadeAnswerRow.id)
        )
        return {r.nomination_id: r for r in rows}


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


def _answer(row: CascadeAnswerRow) -> Answer:
    return Answer(
        nomination_id=row.nomination_id,
        started=row.started,
        answered_at=row.answered_at,
        reason=row.reason,
        materials=row.materials,
        support=row.support,
        id=row.id,
    )
