"""Repository for mentoring pairs."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from domain.accreditation.mentoring import Pair
from domain.kernel.errors import NotFound
from storage.kernel.erasure import replace_user
from storage.kernel.results import rowcount
from storage.tables import MentoringPairRow

P = MentoringPairRow
_FIELDS = (
    "mentor",
    "mentee",
    "paired_by",
    "paired_at",
    "line_manager",
    "override_reason",
    "ended_at",
)
_GONE = "That mentoring pair no longer exists."


class SqlAlchemyPairs:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, pair: Pair) -> Pair:
        """Stored, with its id."""
        row = P(**{name: getattr(pair, name) for name in _FIELDS})
        self.session.add(row)
        self.session.flush()
        return replace(pair, id=row.id)

    def get(self, pair_id: int) -> Pair:
        row = self.session.get(P, pair_id)
        if row is None:
            raise NotFound(_GONE)
        return _to_domain(row)

    def end(self, pair_id: int, at: datetime) -> None:
        if not rowcount(self.session.execute(update(P).where(P.id == pair_id).values(ended_at=at))):
            raise NotFound(_GONE)

    def active(self, *, mentor: str | None = None, mentee: str | None = None) -> Sequence[Pair]:
        """Pairs not ended, oldest first."""
        query = select(P).where(P.ended_at.is_(None)).order_by(P.paired_at, P.id)
        if mentor is not None:
            query = query.where(P.mentor == mentor)
        if mentee is not None:
            query = query.where(P.mentee == mentee)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def lock_mentor(self, mentor: str) -> None:
        """Serialise pairings of one mentor until the transaction ends: on PostgreSQL an
        advisory lock on the mentor; SQLite has one writer at a time already."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        digest = hashlib.sha256(f"mentor:{mentor}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        self.session.execute(select(func.pg_advisory_xact_lock(key)))

    def anonymise(self, user_id: str, alias: str) -> int:
        """The person's id goes from every pair naming them; so does the reason a pair of
        theirs stood against the line-manager rule. Returns the pairs changed."""
        theirs = (P.mentor == user_id) | (P.mentee == user_id)
        reason = case((theirs, ""), else_=P.override_reason)
        columns = (P.mentor, P.mentee, P.paired_by, P.line_manager)
        return replace_user(self.session, P, columns, user_id, alias, override_reason=reason)


def _to_domain(row: MentoringPairRow) -> Pair:
    return Pair(id=row.id, **{name: getattr(row, name) for name in _FIELDS})
