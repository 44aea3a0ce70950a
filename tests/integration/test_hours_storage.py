"""Contract tests (fake, SQLite, PostgreSQL) for the minutes logged per person and day, which
hours-based requirements ("30 hours of CPD a year") are planned from."""

from __future__ import annotations

from datetime import date

from domain.supervision.entries import Entry, Kind
from tests.factories import NOW


def entry(author: str, day: date, minutes: int | None, log_type: str = "review-group", **kw):
    kind = Kind.SUPERVISION if minutes is not None else Kind.DELIVERY
    return Entry(
        author_id=author,
        log_type=log_type,
        kind=kind,
        occurred_on=day,
        created_at=NOW,
        duration_minutes=minutes,
        **kw,
    )


def test_minutes_are_summed_per_person_and_day_for_the_types_asked(uow) -> None:
    with uow() as u:
        for e in (
            entry("ULT", date(2026, 9, 1), 60),
            entry("ULT", date(2026, 9, 1), 45),
            entry("ULT", date(2026, 9, 2), 480, with_user="UANN"),
            entry("ULT", date(2026, 9, 3), 30, log_type="line-manager", with_user="ULT"),
            entry("UANN", date(2026, 9, 1), 90),
            entry("ULT", date(2026, 9, 4), None, log_type="circle-delivered", participants=8),
        ):
            u.entries.add(e)
        u.commit()
    with uow(read_only=True) as u:
        assert u.entries.minutes_by_day(["review-group"]) == {
            "ULT": {date(2026, 9, 1): 105, date(2026, 9, 2): 480},
            "UANN": {date(2026, 9, 1): 90},
        }
        assert u.entries.minutes_by_day(["circle-delivered"]) == {"ULT": {date(2026, 9, 4): 0}}
        assert u.entries.minutes_by_day(["cpd"]) == {}
        # Credited: per person the session was with, never the author's own "with" themselves.
        credited = u.entries.minutes_by_day(["review-group", "line-manager"], credited=True)
        assert credited == {"UANN": {date(2026, 9, 2): 480}}
