"""How far ahead a programme's dates (cohort sessions, nominations opening and closing) go."""

from __future__ import annotations

from datetime import date

import pytest

from domain.programme_changes import too_far_ahead


@pytest.mark.parametrize(
    ("day", "today", "latest"),
    [
        (date(2029, 10, 1), date(2026, 10, 1), None),  # three years on to the day: fine
        (date(2029, 10, 2), date(2026, 10, 1), "1 Oct 2029"),
        (date(9999, 12, 31), date(2026, 10, 1), "1 Oct 2029"),
        (date(2031, 2, 28), date(2028, 2, 29), None),  # a leap day: three years on is 28 Feb
        (date(2031, 3, 1), date(2028, 2, 29), "28 Feb 2031"),
    ],
)
def test_a_date_more_than_three_years_ahead_is_refused_with_the_last_day_allowed(
    day: date, today: date, latest: str | None
) -> None:
    refused = too_far_ahead(day, today)
    if latest is None:
        assert refused is None
    else:
        assert refused == f"Please choose a date at most 3 years ahead (by {latest})."
