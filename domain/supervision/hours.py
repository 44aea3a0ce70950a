"""Hours-based requirements ("30 hours of CPD a year"): durations summed in a rolling window.

A rolling window, not a period counted from when it was last met: on any day, the sessions of
the last ``every_months`` months (stretched back by any leave in them) must add up to the
hours. So the requirement is met until the session that completed the hours, counting back
from the newest, is more than ``every_months`` old: that day is its due date, as the latest
session is for a requirement counted in sessions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.supervision.entries import Entry


def minutes_by_day(entries: Iterable[Entry]) -> list[tuple[date, int]]:
    """The minutes logged on each day, newest first (entries without a duration add none)."""
    days: dict[date, int] = {}
    for entry in entries:
        days[entry.occurred_on] = days.get(entry.occurred_on, 0) + (entry.duration_minutes or 0)
    return sorted(days.items(), reverse=True)


def completed_on(days: Iterable[tuple[date, int]], minutes: int) -> date | None:
    """The day whose session completed ``minutes``, counting back from the newest (None: the
    sessions logged do not add up to that many)."""
    total = 0
    for day, logged in days:
        total += logged
        if total >= minutes:
            return day
    return None


def minutes_between(days: Iterable[tuple[date, int]], first: date, last: date) -> int:
    return sum(logged for day, logged in days if first <= day <= last)


def hours_text(minutes: int) -> str:
    """18, 22.5 (hours, to a tenth at most)."""
    return f"{minutes / 60:.1f}".removesuffix(".0")
