"""Repository for people's leave."""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from domain.kernel.errors import NotFound
from domain.leave.leave import Leave
from storage.kernel.results import rowcount
from storage.tables import LeaveRow

L = LeaveRow
_GONE = "That leave is no longer recorded."


class SqlAlchemyLeave:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, leave: Leave) -> Leave:
        """Stored, with its id."""
        row = L(
            person=leave.person,
            starts_on=leave.start,
            ends_on=leave.end,
            reason=leave.reason,
            client_token=leave.client_token,
            created_at=leave.created_at,
        )
        self.session.add(row)
        self.session.flush()
        return _to_domain(row)

    def get(self, leave_id: int) -> Leave:
        row = self.session.get(L, leave_id)
        if row is None:
            raise NotFound(_GONE)
        return _to_domain(row)

    def by_token(self, person: str, client_token: str) -> Leave | None:
        query = select(L).where(L.person == person, L.client_token == client_token)
        row = self.session.scalars(query).first()
        return None if row is None else _to_domain(row)

    def list(self, person: str | None = None) -> Sequence[Leave]:
        """Everyone's leave (or one person's), earliest first."""
        query = select(L).order_by(L.starts_on, L.id)
        if person is not None:
            query = query.where(L.person == person)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def not_ended(self, people: Iterable[str], on: date) -> dict[str, builtins.list[Leave]]:
        """These people's leave that had not ended before ``on``, by person."""
        query = (
            select(L)
            .where(L.person.in_(sorted(set(people))), L.ends_on >= on)
            .order_by(L.starts_on, L.id)
        )
        found: dict[str, list[Leave]] = {}
        for row in self.session.scalars(query):
            found.setdefault(row.person, []).append(_to_domain(row))
        return found

    def shorten(self, leave_id: int, end: date) -> None:
        if not rowcount(
            self.session.execute(update(L).where(L.id == leave_id).values(ends_on=end))
        ):
            raise NotFound(_GONE)

    def remove(self, leave_id: int) -> None:
        self.session.execute(delete(L).where(L.id == leave_id))

    def lock_person(self, person: str) -> None:
        """Serialise changes to one person's leave until the transaction ends: on PostgreSQL
        an advisory lock on the person; SQLite has one writer at a time already."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        digest = hashlib.sha256(f"leave:{person}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        self.session.execute(select(func.pg_advisory_xact_lock(key)))

    def erase(self, person: str) -> int:
        """A person's leave goes entirely (dates and reasons): nothing to keep counts of."""
        return rowcount(self.session.execute(delete(L).where(L.person == person))) or 0


def _to_domain(row: LeaveRow) -> Leave:
    return Leave(
        person=row.person,
        start=row.starts_on,
        end=row.ends_on,
        created_at=row.created_at,
        reason=row.reason,
        id=row.id,
        client_token=row.client_token,
    )
