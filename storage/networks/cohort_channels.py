"""Repository for cohorts' Slack channels and who chose to join them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.networks.cohort_channel import CohortChannel
from storage.kernel.erasure import replace_user
from storage.kernel.results import rowcount
from storage.tables import CohortChannelMemberRow as M
from storage.tables import CohortChannelRow as T


class SqlAlchemyCohortChannels:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ask(self, channel: CohortChannel) -> bool:
        """Stored; False when the cohort has a channel already, or the name is another
        cohort's (the keys decide, whoever else asks at the same moment)."""
        values = {
            "programme_key": channel.programme_key,
            "cohort_key": channel.cohort_key,
            "name": channel.name,
            "private": channel.private,
            "asked_by": channel.asked_by,
            "asked_at": channel.asked_at,
        }
        return self._insert(T, values)

    def get(self, programme_key: str, cohort_key: str) -> CohortChannel | None:
        row = self.session.get(T, (programme_key, cohort_key))
        return None if row is None else _to_domain(row)

    def named(self, name: str) -> CohortChannel | None:
        row = self.session.scalars(select(T).where(T.name == name)).one_or_none()
        return None if row is None else _to_domain(row)

    def list(self, programme_key: str) -> Sequence[CohortChannel]:
        rows = self.session.scalars(
            select(T).where(T.programme_key == programme_key).order_by(T.asked_at)
        )
        return [_to_domain(row) for row in rows]

    def created(self, programme_key: str, cohort_key: str, channel_id: str, at: datetime) -> bool:
        """Slack created it; False when it was recorded already (a message sent twice)."""
        done = self.session.execute(
            update(T)
            .where(
                T.programme_key == programme_key,
                T.cohort_key == cohort_key,
                T.channel_id.is_(None),
            )
            .values(channel_id=channel_id, created_at=at)
        )
        return rowcount(done) == 1

    def forget(self, programme_key: str, cohort_key: str) -> None:
        """Slack could not create it: the coordinator may ask again (another name, say)."""
        self.session.execute(
            delete(T).where(
                T.programme_key == programme_key,
                T.cohort_key == cohort_key,
                T.channel_id.is_(None),
            )
        )

    def join(self, programme_key: str, cohort_key: str, user_id: str, at: datetime) -> bool:
        """Their choice recorded; False when they had chosen to join already."""
        values = {
            "programme_key": programme_key,
            "cohort_key": cohort_key,
            "user_id": user_id,
            "joined_at": at,
        }
        return self._insert(M, values)

    def members(self, programme_key: str, cohort_key: str) -> frozenset[str]:
        rows = self.session.scalars(
            select(M.user_id).where(M.programme_key == programme_key, M.cohort_key == cohort_key)
        )
        return frozenset(rows)

    def count_members(self, programme_key: str) -> dict[str, int]:
        """How many chose to join, per cohort key."""
        rows = self.session.execute(
            select(M.cohort_key, func.count())
            .where(M.programme_key == programme_key)
            .group_by(M.cohort_key)
        )
        return {cohort: count for cohort, count in rows}

    def anonymise(self, user_id: str, alias: str) -> int:
        return replace_user(self.session, T, (T.asked_by,), user_id, alias) + replace_user(
            self.session, M, (M.user_id,), user_id, alias
        )

    def _insert(self, table: type[T] | type[M], values: dict) -> bool:
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(table).values(**values).on_conflict_do_nothing().returning(table.programme_key)
        )
        return self.session.execute(statement).scalar_one_or_none() is not None


def _to_domain(row: T) -> CohortChannel:
    return CohortChannel(
        programme_key=row.programme_key,
        cohort_key=row.cohort_key,
        name=row.name,
        private=row.private,
        asked_by=row.asked_by,
        asked_at=row.asked_at,
        channel_id=row.channel_id,
        created_at=row.created_at,
    )
