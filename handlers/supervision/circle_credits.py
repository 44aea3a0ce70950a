"""Circles count for every facilitator: a circle logged by one counts as the same delivery for
each co-facilitator named in it (their requirements, Home and reminders alike)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from handlers.supervision.ports import UnitOfWork


def co_facilitated_entries(uow: UnitOfWork, user_id: str) -> list[Entry]:
    """Circles others logged naming the person as a co-facilitator, as theirs (never with the
    author's private notes)."""
    return [
        replace(
            e,
            author_id=user_id,
            with_user=e.author_id,
            with_name="",
            notes="",
            action="",
            action_due=None,
            client_token=None,
            id=None,
        )
        for e in uow.circle_deliveries.co_facilitated(user_id)
    ]


def add_co_facilitated(
    uow: UnitOfWork, by_type: dict[str, dict[str, date]], catalogue: Catalogue
) -> None:
    """For planning: each person's latest circle per type, co-facilitated ones included."""
    circles = [t.key for t in catalogue.circle_types() if t.key in by_type]
    if not circles:
        return
    for log_type, dates in uow.circle_deliveries.latest_co_facilitated(circles).items():
        merged = by_type[log_type] = dict(by_type[log_type])
        for person, day in dates.items():
            merged[person] = max(day, merged.get(person, day))
