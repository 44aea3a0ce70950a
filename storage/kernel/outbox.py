"""The outbox: add messages without duplicates (refreshes coalesce), claim them atomically for
one dispatcher among several, and settle each claim."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import (
    case,
    delete,
    false,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.kernel.outbox import CHASES, Lane, Message, Reason, State
from storage.kernel.bulk import insert_new
from storage.kernel.results import rowcount
from storage.tables import OutboxRow

Key = tuple[str, str, str, str]
KEY = ["recipient", "reason", "subject", "period"]
T = OutboxRow.__table__.c
BULK_FROM = 500  # from this many new rows in one go, the database's bulk path (storage.kernel.bulk)
BULK_CHUNK = 20_000  # rows handed to the bulk path at once (its copy of them is held meanwhile)
lost = logging.getLogger("cascade.outbox.lost")


class Backlog(NamedTuple):
    pending: int  # waiting to be sent, due now or later
    due: int  # of those, due by now
    oldest_due_at: datetime | None  # when the longest-waiting one came due


class SqlAlchemyOutbox:
    def __init__(self, session: Session) -> None:
        self.session = session
        # The lanes written to in this unit of work: their dispatchers are woken on commit.
        self.lanes: set[Lane] = set()
        self.lost = 0  # one-off messages not stored because their key was taken (a defect)

    def add(self, messages: Iterable[Message], now: datetime) -> None:
        """Insert the messages not yet known; a refresh re-arms its row if it was already sent;
        a one-off whose key is taken is reported as lost."""
        messages = list(messages)
        fresh = [m for m in messages if not (m.reason.coalesces or m.reason.one_off)]
        # One row per key in a statement that updates (or reports) a taken key; a fresh row's
        # twin is merely skipped, like any known key (planning's 200,000 need no such pass).
        once = _one_per_key(m for m in messages if m.reason.one_off)
        refresh = _one_per_key(m for m in messages if m.reason.coalesces)
        self._insert(fresh, now)
        self._insert_once([_values(m) for m in once], now)
        self._rearm([_values(m) for m in refresh], now)
        self.lanes.update(reason.lane for reason in {m.reason for m in messages})

    def _insert_statement(self, now: datetime):
        """What every new row shares is given once, not once per row."""
        insert = (
            pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        )
        return insert(OutboxRow.__table__).values(
            last_error="", dirty=False, created_at=now, updated_at=now
        )

    def _insert(self, messages: list[Message], now: datetime) -> None:
        if len(messages) >= BULK_FROM:
            shared = {"last_error": "", "dirty": False, "created_at": now, "updated_at": now}
            for start in range(0, len(messages), BULK_CHUNK):  # rows made a chunk at a time
                chunk = [_row(m) for m in messages[start : start + BULK_CHUNK]]
                connection = self.session.connection()
                insert_new(connection, OutboxRow.__table__, COLUMNS, chunk, shared, KEY)
            return
        statement = self._insert_statement(now).on_conflict_do_nothing(index_elements=KEY)
        self._run(statement, [_values(m) for m in messages])

    def _insert_once(self, rows: list[dict], now: datetime) -> None:
        """A one-off's key taken already is a message that would be lost: an error to see
        (with the key), never a duplicate skipped without a word."""
        if not rows:
            return
        statement = (
            self._insert_statement(now)
            .on_conflict_do_nothing(index_elements=KEY)
            .returning(*(T[k] for k in KEY))
        )
        stored = {tuple(row) for row in self.session.connection().execute(statement, rows)}
        for key in (tuple(row[k] for k in KEY) for row in rows):
            if key not in stored:
                self.lost += 1
                lost.error("outbox: a message was not stored, its key is taken: %s", ", ".join(key))

    def _rearm(self, rows: list[dict], now: datetime) -> None:
        """A refresh being sent right now is marked dirty: it goes again once that send ends."""
        statement = self._insert_statement(now)
        new = statement.excluded
        done = (T.state != State.PENDING.value) & (T.state != State.CLAIMED.value)
        statement = statement.on_conflict_do_update(
            index_elements=KEY,
            set_={
                "state": case((T.state == State.CLAIMED.value, T.state), else_=State.PENDING.value),
                "dirty": case((T.state == State.CLAIMED.value, True), else_=T.dirty),
                "due_at": case(
                    (T.state == State.CLAIMED.value, T.due_at),
                    ((T.state == State.PENDING.value) & (T.due_at <= new.due_at), T.due_at),
                    else_=new.due_at,
                ),
                "attempts": case((done, 0), else_=T.attempts),
                "last_error": case((done, ""), else_=T.last_error),
                "payload": new.payload,
                "updated_at": now,
            },
        )
        self._run(statement, rows)

    def _run(self, statement, rows: list[dict]) -> None:
        """One executemany per 1,000 rows: the drivers' fastest way to write many."""
        connection = self.session.connection()
        for start in range(0, len(rows), 1_000):
            connection.execute(statement, rows[start : start + 1_000])

    def pending_keys(self) -> dict[Key, int]:
        """Pending chases (the planner's to keep or cancel), by key."""
        query = select(T.id, T.recipient, T.reason, T.subject, T.period).where(
            T.state == State.PENDING.value, T.reason.in_([r.value for r in CHASES])
        )
        rows = self.session.connection().execute(query)  # plain rows, a batch at a time
        # Most of these words repeat (a reason, a requirement's subject, a due date's period):
        # one copy of each, not one per row (a planning run may hold 200,000 of them).
        one = sys.intern
        return {
            (one(p), one(r), one(s), one(per)): i
            for batch in rows.partitions(5_000)
            for i, p, r, s, per in batch
        }

    def cancel(self, ids: Iterable[int], now: datetime) -> None:
        """Cancel those still pending (another instance may have claimed one meanwhile)."""
        ids = list(ids)
        if ids:
            self.session.execute(
                update(OutboxRow)
                .where(T.id.in_(ids), T.state == State.PENDING.value)
                .values(state=State.CANCELLED.value, updated_at=now),
                execution_options={"synchronize_session": False},
            )

    def cancel_to(self, recipient: str, now: datetime) -> int:
        query = (
            update(OutboxRow)
            .where(T.recipient == recipient, T.state == State.PENDING.value)
            .values(state=State.CANCELLED.value, updated_at=now)
        )
        return rowcount(
            self.session.execute(query, execution_options={"synchronize_session": False})
        )

    def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        claimer: str,
        lane: Lane | None = None,
    ) -> list[Message]:
        """Take up to ``limit`` due rows (or rows whose claimer's lease ran out) for sending;
        with a ``lane``, only that lane's."""
        claimable = or_(
            (T.state == State.PENDING.value) & (T.due_at <= now),
            (T.state == State.CLAIMED.value) & (T.lease_until < now),
        )
        if lane is Lane.AWAITED:  # as its partial index says it, so that it is used
            postgres = self.session.get_bind().dialect.name == "postgresql"
            claimable = text("outbox.awaited" if postgres else "outbox.awaited = 1") & claimable
        elif lane is Lane.OTHER:
            claimable = (T.awaited == false()) & claimable
        ids = list(
            self.session.scalars(
                select(T.id)
                .where(claimable)
                .order_by(T.due_at, T.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            return []
        # The condition is checked again as rows are updated: a row another dispatcher
        # claimed in the meantime is not taken twice (SQLite serialises writers anyway).
        self.session.execute(
            update(OutboxRow)
            .where(T.id.in_(ids), claimable)
            .values(
                state=State.CLAIMED.value,
                lease_until=lease_until,
                claimed_by=claimer,
                attempts=T.attempts + 1,
                updated_at=now,
            ),
            execution_options={"synchronize_session": False},
        )
        rows = self.session.scalars(
            select(OutboxRow)
            .where(T.id.in_(ids), T.state == State.CLAIMED.value, T.claimed_by == claimer)
            .order_by(T.due_at, T.id)
        )
        return [_to_domain(row) for row in rows]

    def count_sent(self, reason: Reason, subject: str, period_prefix: str = "") -> int:
        query = select(func.count()).where(
            T.reason == reason.value,
            T.subject == subject,
            T.state == State.SENT.value,
            T.period.startswith(period_prefix),
        )
        return self.session.scalar(query) or 0

    def count_sent_by_subject(self, reason: Reason, subjects: Iterable[str]) -> dict[str, int]:
        """Messages of ``reason`` sent, per subject (those with none left out): one grouped
        read per 5,000 subjects."""
        wanted, found = sorted(set(subjects)), dict[str, int]()
        for start in range(0, len(wanted), 5_000):
            query = (
                select(T.subject, func.count())
                .where(
                    T.reason == reason.value,
                    T.subject.in_(wanted[start : start + 5_000]),
                    T.state == State.SENT.value,
                )
                .group_by(T.subject)
            )
            found.update(dict(self.session.connection().execute(query).all()))
        return found

    def where_posted(self, reason: Reason, subject: str) -> dict[str, str | None]:
        """Each recipient of ``reason`` about ``subject``, with Slack's ts of the message
        sent to it (None while none was)."""
        query = select(T.recipient, T.sent_ts).where(T.reason == reason.value, T.subject == subject)
        found: dict[str, str | None] = {}
        for recipient, ts in self.session.connection().execute(query).all():
            found[recipient] = found.get(recipient) or ts
        return found

    def sent_periods(self, reason: Reason) -> dict[tuple[str, str], set[str]]:
        """For each (recipient, subject), the periods of the messages of ``reason`` sent."""
        found: dict[tuple[str, str], set[str]] = {}
        query = select(T.recipient, T.subject, T.period).where(
            T.reason == reason.value, T.state == State.SENT.value
        )
        for recipient, subject, period in self.session.connection().execute(query).all():
            found.setdefault((recipient, subject), set()).add(period)
        return found

    def forget(self, user_id: str, alias: str) -> None:
        """Erasure: drop the person's messages; replace their id in others' payloads."""
        self.session.execute(delete(OutboxRow).where(T.recipient == user_id))
        for row in self.session.scalars(select(OutboxRow)):
            payload = row.payload or {}
            if user_id in payload.values():
                row.payload = {k: alias if v == user_id else v for k, v in payload.items()}
        self.session.flush()

    def recipients_due(self, now: datetime) -> set[str]:
        """Who the chases due now go to (read only; nothing is claimed)."""
        query = (
            select(T.recipient)
            .distinct()
            .where(
                T.state == State.PENDING.value,
                T.due_at <= now,
                T.reason.in_([r.value for r in CHASES]),
            )
        )
        return set(self.session.connection().execute(query).scalars().all())

    def get(self, message_id: int) -> Message | None:
        row = self.session.get(OutboxRow, message_id)
        return None if row is None else _to_domain(row)

    def backlog(self, now: datetime) -> Backlog:
        """What waits to be sent, in one read of the (state, due_at) index: for metrics and
        the health check."""
        due = T.due_at <= now
        query = select(
            func.count(), func.count(case((due, 1))), func.min(case((due, T.due_at)))
        ).where(T.state == State.PENDING.value)
        pending, due_now, oldest = self.session.connection().execute(query).one()
        return Backlog(pending or 0, due_now or 0, oldest)

    def failures(self, since: datetime) -> dict[str, int]:
        """Messages given up on since ``since``, counted by Slack's error."""
        query = (
            select(T.last_error, func.count())
            .where(T.state == State.FAILED.value, T.updated_at >= since)
            .group_by(T.last_error)
        )
        return {error or "unknown": count for error, count in self.session.execute(query)}

    def sent(self, message_id: int, claimer: str, ts: str | None, now: datetime) -> bool:
        return self._settle(message_id, claimer, now, State.SENT, sent_ts=ts)

    def retry(
        self, message_id: int, claimer: str, due_at: datetime, error: str, now: datetime
    ) -> bool:
        return self._settle(
            message_id, claimer, now, State.PENDING, due_at=due_at, last_error=error[:200]
        )

    def defer(self, message_id: int, claimer: str, due_at: datetime, now: datetime) -> bool:
        """Not now (outside working hours, Slack asked to wait): without counting an attempt."""
        return self._settle(
            message_id, claimer, now, State.PENDING, due_at=due_at, attempts=T.attempts - 1
        )

    def fail(self, message_id: int, claimer: str, error: str, now: datetime) -> bool:
        return self._settle(message_id, claimer, now, State.FAILED, last_error=error[:200])

    def _settle(
        self, message_id: int, claimer: str, now: datetime, state: State, **values: object
    ) -> bool:
        """Only the dispatcher that still holds the claim may settle a message. A refresh
        asked for meanwhile (dirty) goes again at once, whatever became of this send."""
        columns = {
            "state": case((T.dirty, State.PENDING.value), else_=state.value),
            "due_at": case((T.dirty, now), else_=values.pop("due_at", T.due_at)),
            "attempts": case((T.dirty, 0), else_=values.pop("attempts", T.attempts)),
        }
        result = self.session.execute(
            update(OutboxRow)
            .where(
                T.id == message_id,
                T.claimed_by == claimer,
                T.state == State.CLAIMED.value,
            )
            .values(
                updated_at=now, lease_until=None, claimed_by=None, dirty=False, **columns, **values
            ),
            execution_options={"synchronize_session": False},
        )
        return bool(rowcount(result))

    def list(
        self, *, recipient: str | None = None, reason: Reason | None = None
    ) -> Sequence[Message]:
        query = select(OutboxRow).order_by(T.id)
        if recipient:
            query = query.where(T.recipient == recipient)
        if reason:
            query = query.where(T.reason == reason.value)
        return [_to_domain(row) for row in self.session.scalars(query)]


def _one_per_key(messages: Iterable[Message]) -> list[Message]:
    return list({m.key: m for m in messages}.values())


COLUMNS = ("recipient", "reason", "subject", "period", "due_at", "state", "attempts", "payload",
           "awaited")  # fmt: skip


def _row(m: Message) -> tuple:
    """``_values`` as a tuple of COLUMNS (the bulk path's rows)."""
    return (m.recipient, m.reason.value, m.subject, m.period, m.due_at, m.state.value,
            m.attempts, m.payload, m.reason.lane is Lane.AWAITED)  # fmt: skip


def _values(m: Message) -> dict:
    return dict(zip(COLUMNS, _row(m), strict=True))


def _to_domain(row: OutboxRow) -> Message:
    return Message(
        id=row.id,
        recipient=row.recipient,
        reason=Reason.read(row.reason),
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
