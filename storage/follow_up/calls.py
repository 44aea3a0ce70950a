"""Coordinators' follow-up calls to attendees, one per nomination and round."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.follow_up.follow_through import Call
from storage.kernel.results import rowcount
from storage.tables import FollowUpCallRow

T = FollowUpCallRow


class SqlAlchemyFollowUpCalls:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, call: Call) -> bool:
        """Stored; False when that round's call was ticked off already (the unique index
        decides, whoever else is ticking it at the same moment)."""
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(T)
            .values(
                nomination_id=call.nomination_id,
                round=call.round,
                called_by=call.called_by,
                called_at=call.called_at,
            )
            .on_conflict_do_nothing(index_elements=["nomination_id", "round"])
            .returning(T.id)
        )
        return self.session.execute(statement).scalar_one_or_none() is not None

    def of(self, nomination_id: int, round_: int) -> Call | None:
        row = self.session.scalars(
            select(T).where(T.nomination_id == nomination_id, T.round == round_)
        ).one_or_none()
        return None if row is None else _call(row)

    def latest(self, nomination_ids: Iterable[int]) -> dict[int, Call]:
        """Each nomination's call of its latest round."""
        rows = self.session.scalars(
            select(T).where(T.nomination_id.in_(list(nomination_ids))).order_by(T.round)
        )
        return {row.nomination_id: _call(row) for row in rows}

    def anonymise(self, user_id: str, alias: str) -> int:
        """Erasure of a coordinator: the calls stay, by nobody in particular."""
        changed = rowcount(
            self.session.execute(update(T).where(T.called_by == user_id).values(called_by=alias))
        )
        return changed or 0


def _call(row: FollowUpCallRow) -> Call:
    return Call(row.nomination_id, row.round, row.called_by, row.called_at, row.id)
