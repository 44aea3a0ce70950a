"""Repository for debrief requests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.kernel.errors import NotFound
from domain.networks.debrief import Debrief, DebriefKind
from storage.kernel.erasure import replace_user
from storage.kernel.results import rowcount
from storage.tables import DebriefRow

_GONE = "That debrief request no longer exists."


class SqlAlchemyDebriefs:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, debrief: Debrief) -> Debrief:
        """Stored, with its id."""
        row = DebriefRow(
            requester=debrief.requester,
            kind=debrief.kind.value,
            about=debrief.about,
            asked_at=debrief.asked_at,
        )
        self.session.add(row)
        self.session.flush()
        return replace(debrief, id=row.id)

    def get(self, debrief_id: int) -> Debrief:
        row = self.session.get(DebriefRow, debrief_id)
        if row is None:
            raise NotFound(_GONE)
        return _to_domain(row)

    def take(self, debrief_id: int, supervisor: str, at: datetime) -> bool:
        """Whether ``supervisor`` took it: only the first of several at once does."""
        taken = self.session.execute(
            update(DebriefRow)
            .where(DebriefRow.id == debrief_id, DebriefRow.taken_by.is_(None))
            .values(taken_by=supervisor, taken_at=at)
        )
        return rowcount(taken) == 1

    def list(self, requester: str | None = None) -> Sequence[Debrief]:
        query = select(DebriefRow).order_by(DebriefRow.asked_at, DebriefRow.id)
        if requester is not None:
            query = query.where(DebriefRow.requester == requester)
        return [_to_domain(row) for row in self.session.scalars(query)]

    def anonymise(self, user_id: str, alias: str) -> int:
        """Their requests lose what they said; their id goes from requests and takers."""
        self.session.execute(
            update(DebriefRow).where(DebriefRow.requester == user_id).values(about="")
        )
        return replace_user(
            self.session, DebriefRow, (DebriefRow.requester, DebriefRow.taken_by), user_id, alias
        )


def _to_domain(row: DebriefRow) -> Debrief:
    return Debrief(
        requester=row.requester,
        kind=DebriefKind(row.kind),
        about=row.about,
        asked_at=row.asked_at,
        taken_by=row.taken_by,
        taken_at=row.taken_at,
        id=row.id,
    )
