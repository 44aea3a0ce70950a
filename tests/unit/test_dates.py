"""The one rule for how far from today a date people choose may be."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.kernel.dates import DUE, HAPPENED, LEAVE, PLANNED, SIGNED_OFF, Bounds, date_refusal

TODAY = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("bounds", "day", "words"),
    [
        (HAPPENED, date(2026, 10, 2), "The date cannot be in the future."),
        (HAPPENED, date(2025, 9, 30), "at most one year ago"),
        (SIGNED_OFF, date(2023, 9, 30), "at most three years ago"),
        (SIGNED_OFF, date(2026, 10, 2), "The date cannot be in the future."),
        (PLANNED, date(9999, 12, 31), "at most three years ahead"),
        (PLANNED, date(2029, 10, 2), "at most three years ahead"),
        (PLANNED, date(1, 1, 1), "cannot be in the past"),
        (LEAVE, date(2027, 10, 3), "at most one year ahead"),
        (LEAVE, date(2025, 9, 29), "at most one year ago"),
        (DUE, date(9999, 1, 1), "at most three years ahead"),
        (Bounds(back=1, ahead=2 * 365), date(2028, 10, 1), "at most two years ahead"),
        (Bounds(back=30, ahead=0), date(2026, 8, 31), "at most 30 days ago"),
    ],
)
def test_a_date_out_of_bounds_is_refused_with_the_reason(bounds, day, words) -> None:
    assert words in (date_refusal(day, TODAY, bounds) or "")


@pytest.mark.parametrize(
    ("bounds", "days"),
    [
        (HAPPENED, (TODAY, TODAY - timedelta(days=365))),
        (SIGNED_OFF, (TODAY, TODAY - timedelta(days=3 * 365))),
        (PLANNED, (TODAY, TODAY - timedelta(days=1), TODAY + timedelta(days=3 * 365))),
        (LEAVE, (TODAY - timedelta(days=366), TODAY + timedelta(days=366))),
    ],
)
def test_a_date_within_bounds_edges_included_is_accepted(bounds, days) -> None:
    assert [date_refusal(day, TODAY, bounds) for day in days] == [None] * len(days)


def test_planned_dates_are_bounded_by_default() -> None:
    assert date_refusal(date(9999, 12, 31), TODAY) is not None
    assert date_refusal(date(2027, 3, 1), TODAY) is None
