"""Repository for the circle part of delivery entries, and who co-facilitated each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import String, delete, func, select, type_coerce, update
from sqlalchemy.orm import Session

from domain.circles.topics import CircleDelivery, Setting
from domain.supervision.entries import Entry
from storage.kernel.results import rowcount
from storage.supervision.entries import _day, _to_domain
from storage.tables import CircleCoFacilitatorRow, CircleDeliveryRow, EntryRow

_CO = CircleCoFacilitatorRow


class SqlAlchemyCircleDeliveries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, entry_id: int, delivery: CircleDelivery) -> None:
        """Store (or replace) the circle part of entry ``entry_id``."""
        row = self.session.get(CircleDeliveryRow, entry_id) or CircleDeliveryRow(entry_id=entry_id)
        row.topic, row.ics_key = delivery.topic, delivery.ics_key
        row.setting, row.embedded_in = delivery.setting.value, delivery.embedded_in
        self.session.add(row)
        self.session.execute(delete(_CO).where(_CO.entry_id == entry_id))
        self.session.add_all(
            _CO(entry_id=entry_id, user_id=u) for u in dict.fromkeys(delivery.co_facilitators)
        )
        self.session.flush()

    def of_entries(self, entry_ids: Iterable[int]) -> dict[int, CircleDelivery]:
        ids = list(entry_ids)
        if not ids:
            return {}
        rows = self.session.scalars(
            select(CircleDeliveryRow).where(CircleDeliveryRow.entry_id.in_(ids))
        ).all()
        co: dict[int, list[str]] = {}
        for entry_id, user in self.session.execute(
            select(_CO.entry_id, _CO.user_id).where(_CO.entry_id.in_(ids)).order_by(_CO.user_id)
        ):
            co.setdefault(entry_id, []).append(user)
        return {row.entry_id: _delivery(row, co.get(row.entry_id, [])) for row in rows}

    def co_facilitated(self, user_id: str) -> Sequence[Entry]:
        """Circles others logged naming ``user_id`` as a co-facilitator, newest first."""
        query = (
            select(EntryRow)
            .join(_CO, _CO.entry_id == EntryRow.id)
            .where(_CO.user_id == user_id, EntryRow.author_id != user_id)
            .order_by(EntryRow.occurred_on.desc(), EntryRow.id.desc())
        )
        return [_to_domain(row) for row in self.session.scalars(query)]

    def latest_co_facilitated(self, log_types: Iterable[str]) -> dict[str, dict[str, date]]:
        """For each of ``log_types``, each co-facilitator's latest circle of that type."""
        latest = type_coerce(func.max(EntryRow.occurred_on), String)
        query = (
            select(EntryRow.log_type, _CO.user_id, latest)
            .join(_CO, _CO.entry_id == EntryRow.id)
            .where(EntryRow.log_type.in_(list(log_types)))
            .group_by(EntryRow.log_type, _CO.user_id)
        )
        found: dict[str, dict[str, date]] = {}
        for log_type, person, day in self.session.connection().execute(query).all():
            found.setdefault(log_type, {})[person] = _day(day)
        return found

    def topics_used(self) -> set[str]:
        """The topics logged circles are about."""
        return set(self.session.scalars(select(CircleDeliveryRow.topic).distinct()))

    def anonymise(self, user_id: str, alias: str) -> int:
        """A co-facilitator's id goes (the count of circles stays)."""
        return (
            rowcount(
                self.session.execute(
                    update(_CO).where(_CO.user_id == user_id).values(user_id=alias)
                )
            )
            or 0
        )


def _delivery(row: CircleDeliveryRow, co_facilitators: list[str]) -> CircleDelivery:
    return CircleDelivery(
        topic=row.topic,
        ics_key=row.ics_key,
        setting=Setting(row.setting),
        embedded_in=row.embedded_in,
        co_facilitators=tuple(co_facilitators),
    )
