"""Reminder rows: add without duplicates, claim atomically (several dispatchers), settle."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.reminders import Reason, Reminder, State
from storage.tables import CascadeAnswerRow, ReminderRow

Key = tuple[str, str, str, str]


class SqlAlchemyReminders:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_missing(self, reminders: Iterable[Reminder], now: datetime) -> int:
        """Insert the reminders not yet known (by person, reason, subject, period)."""
        rows = [_values(r, now) for r in reminders]
        if not rows:
            return 0
        insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(ReminderRow.__table__)
            .on_conflict_do_nothing(index_elements=["person_id", "reason", "subject", "period"])
            .returning(ReminderRow.__table__.c.id)
        )
        connection = self.session.connection()
        added = 0
        for start in range(0, len(rows), 500):  # RETURNING counts what was really inserted
            added += len(connection.execute(statement, rows[start : start + 500]).all())
        return added

    def pending_keys(self) -> dict[Key, int]:
        query = select(
            ReminderRow.id,
            ReminderRow.person_id,
            ReminderRow.reason,
            ReminderRow.subject,
            ReminderRow.period,
        ).where(ReminderRow.state == State.PENDING.value)
        return {(p, r, s, per): i for i, p, r, s, per in self.session.execute(query)}

    def cancel(self, ids: Iterable[int], now: datetime) -> None:
        """Cancel those still pending (another instance may have claimed one meanwhile)."""
        ids = list(ids)
        if ids:
            self.session.execute(
                update(ReminderRow)
                .where(ReminderRow.id.in_(ids), ReminderRow.state == State.PENDING.value)
                .values(state=State.CANCELLED.value, updated_at=now),
                execution_options={"synchronize_session": False},
            )

    def claim(
        self, now: datetime, lease_until: datetime, limit: int, claimer: str
    ) -> list[Reminder]:
        """Take up to ``limit`` due rows (or rows whose claimer's lease ran out) for sending."""
        claimable = or_(
            (ReminderRow.state == State.PENDING.value) & (ReminderRow.due_at <= now),
            (ReminderRow.state == State.CLAIMED.value) & (ReminderRow.lease_until < now),
        )
        ids = list(
            self.session.scalars(
                select(ReminderRow.id)
                .where(claimable)
                .order_by(ReminderRow.due_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            return []
        # The condition is checked again as rows are updated: a row another dispatcher
        # claimed in the meantime is not taken twice (SQLite serialises writers anyway).
        self.session.execute(
            update(ReminderRow)
            .where(ReminderRow.id.in_(ids), claimable)
            .values(
                state=State.CLAIMED.value,
                lease_until=lease_until,
                claimed_by=claimer,
                attempts=ReminderRow.attempts + 1,
                updated_at=now,
            ),
            execution_options={"synchronize_session": False},
        )
        rows = self.session.scalars(
            select(ReminderRow).where(
                ReminderRow.id.in_(ids),
                ReminderRow.state == State.CLAIMED.value,
                ReminderRow.claimed_by == claimer,
            )
        )
        return [_to_domain(row) for row in rows]

    def count_sent(self, reason: Reason, subject: str, period_prefix: str = "") -> int:
        query = select(func.count()).where(
            ReminderRow.reason == reason.value,
            ReminderRow.subject == subject,
            ReminderRow.state == State.SENT.value,
            ReminderRow.period.startswith(period_prefix),
        )
        return self.session.scalar(query) or 0

    def forget(self, user_id: str, alias: str) -> None:
        """Erasure: drop the person's reminders; replace their id in others' payloads."""
        self.session.execute(delete(ReminderRow).where(ReminderRow.person_id == user_id))
        for row in self.session.scalars(select(ReminderRow)):
            payload = row.payload or {}
            if user_id in payload.values():
                row.payload = {k: alias if v == user_id else v for k, v in payload.items()}
        self.session.flush()

    def claimable(self, now: datetime) -> Sequence[Reminder]:
        """Pending rows that are due (read only; nothing is claimed)."""
        rows = self.session.scalars(
            select(ReminderRow).where(
                ReminderRow.state == State.PENDING.value, ReminderRow.due_at <= now
            )
        )
        return [_to_domain(row) for row in rows]

    def get(self, reminder_id: int) -> Reminder | None:
        row = self.session.get(ReminderRow, reminder_id)
        return None if row is None else _to_domain(row)

    def sent(self, reminder_id: int, claimer: str, ts: str | None, now: datetime) -> bool:
        return self._settle(reminder_id, claimer, now, state=State.SENT.value, sent_ts=ts)

    def retry(
        self, reminder_id: int, claimer: str, due_at: datetime, error: str, now: datetime
    ) -> bool:
        return self._settle(
            reminder_id,
            claimer,
            now,
            state=State.PENDING.value,
            due_at=due_at,
            last_error=error[:200],
        )

    def defer(self, reminder_id: int, claimer: str, due_at: datetime, now: datetime) -> bool:
        """Not now (outside working hours): back to pending, without counting an attempt."""
        return self._settle(
            reminder_id,
            claimer,
            now,
            state=State.PENDING.value,
            due_at=due_at,
            attempts=ReminderRow.attempts - 1,
        )

    def fail(self, reminder_id: int, claimer: str, error: str, now: datetime) -> bool:
        return self._settle(
            reminder_id, claimer, now, state=State.FAILED.value, last_error=error[:200]
        )

    def _settle(self, reminder_id: int, claimer: str, now: datetime, **values: object) -> bool:
        """Only the dispatcher that still holds the claim may settle a reminder."""
        result = self.session.execute(
            update(ReminderRow)
            .where(
                ReminderRow.id == reminder_id,
                ReminderRow.claimed_by == claimer,
                ReminderRow.state == State.CLAIMED.value,
            )
            .values(updated_at=now, lease_until=None, claimed_by=None, **values),
            execution_options={"synchronize_session": False},
        )
        return bool(result.rowcount)

    def list(
        self, *, person_id: str | None = None, reason: Reason | None = None
    ) -> Sequence[Reminder]:
        query = select(ReminderRow).order_by(ReminderRow.id)
        if person_id:
            query = query.where(ReminderRow.person_id == person_id)
        if reason:
            query = query.where(ReminderRow.reason == reason.value)
        return [_to_domain(row) for row in self.session.scalars(query)]


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


def _values(r: Reminder, now: datetime) -> dict:
    return {
        "person_id": r.person_id,
        "reason": r.reason.value,
        "subject": r.subject,
        "period": r.period,
        "due_at": r.due_at,
        "state": r.state.value,
        "attempts": r.attempts,
        "payload": r.payload,
        "last_error": "",
        "created_at": now,
        "updated_at": now,
    }


def _to_domain(row: ReminderRow) -> Reminder:
    return Reminder(
        id=row.id,
        person_id=row.person_id,
        reason=Reason(row.reason),
        subject=row.subject,
        period=row.period,
        due_at=row.due_at,
        payload=dict(row.payload or {}),
        state=State(row.state),
        attempts=row.attempts,
        lease_until=row.lease_until,
        last_error=row.last_error,
        sent_ts=row.sent_ts,
    )
