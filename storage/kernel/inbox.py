"""The inbox: store an acknowledged request once, claim it for one worker among several, and
remove it with the change that carries it out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.kernel.inbox import Request
from storage.kernel.results import rowcount
from storage.tables import InboxRow

T = InboxRow.__table__.c


class SqlAlchemyInbox:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.accepted = 0  # stored in this transaction: the worker is woken by its commit

    def accept(self, requests: list[Request]) -> list[bool]:
        """Store requests that arrived together, in one statement; for each, False when the
        same request (by its key) is here already, or came earlier in ``requests``."""
        firsts: dict[str, Request] = {}  # the first of each key, in arrival order
        for r in requests:
            firsts.setdefault(r.key, r)
        if not firsts:
            return []
        insert = (
            pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        )
        rows = [
            {
                "key": r.key,
                "kind": r.kind,
                "actor_id": r.actor_id,
                "payload": r.payload,
                "reply_channel": r.reply_channel,
                "private_reply": r.private_reply,
                "received_at": r.received_at,
                "attempts": 0,
            }
            for r in firsts.values()
        ]
        statement = (
            insert(InboxRow.__table__)  # rows given apart: compiled once, then cached
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(T.key)  # a row for each one stored (rowcount is not to be trusted)
        )
        stored = set(self.session.connection().scalars(statement, rows))
        self.accepted += len(stored)
        return [r.key in stored and firsts[r.key] is r for r in requests]

    def claim(
        self, now: datetime, lease_until: datetime, limit: int, claimer: str
    ) -> list[Request]:
        """Take up to ``limit`` requests nobody holds (or whose holder's lease ran out),
        oldest first; each is counted as one more attempt."""
        claimable = or_(T.lease_until.is_(None), T.lease_until < now)
        ids = list(
            self.session.scalars(
                select(T.id)
                .where(claimable)
                .order_by(T.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            return []
        self.session.execute(
            update(InboxRow)
            .where(T.id.in_(ids), claimable)
            .values(lease_until=lease_until, claimed_by=claimer, attempts=T.attempts + 1),
            execution_options={"synchronize_session": False},
        )
        rows = self.session.scalars(
            select(InboxRow).where(T.id.in_(ids), T.claimed_by == claimer).order_by(T.id)
        )
        return [_to_domain(row) for row in rows]

    def remove(self, request_id: int) -> bool:
        """Done with (carried out, refused or given up): True if it was still here."""
        result = self.session.execute(delete(InboxRow).where(T.id == request_id))
        return bool(rowcount(result))

    def retry_at(self, request_id: int, when: datetime) -> None:
        """Leave it for a later attempt (the database was busy, something failed)."""
        self.session.execute(
            update(InboxRow).where(T.id == request_id).values(lease_until=when, claimed_by=None)
        )

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(InboxRow)) or 0

    def list(self) -> list[Request]:
        return [_to_domain(row) for row in self.session.scalars(select(InboxRow).order_by(T.id))]


def _to_domain(row: InboxRow) -> Request:
    return Request(
        key=row.key,
        kind=row.kind,
        actor_id=row.actor_id,
        payload=dict(row.payload or {}),
        received_at=row.received_at,
        reply_channel=row.reply_channel,
        private_reply=row.private_reply,
        attempts=row.attempts,
        id=row.id,
    )
