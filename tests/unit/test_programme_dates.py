"""How far ahead a programme's dates (cohort sessions, nominations opening and closing) go."""

from __future__ import annotations

from datetime import date

import pytest

from domain.kernel.dates import ahead_refusal


@pytest.mark.parametrize(
    ("day", "today", "latest"),
    [
        (date(2029, 9, 30), date(2026, 10, 1), None),  # 3 × 365 days on (2028 is a leap year)
        (date(2029, 10, 1), date(2026, 10, 1), "30 Sep 2029"),
        (date(9999, 12, 31), date(2026, 10, 1), "30 Sep 2029"),
        (date(2031, 2, 28), date(2028, 2, 29), None),
        (date(2031, 3, 1), date(2028, 2, 29), "28 Feb 2031"),
    ],
)
def test_a_date_more_than_three_years_ahead_is_refused_with_the_last_day_allowed(
    day: date, today: date, latest: str | None
) -> None:
    refused = ahead_refusal(day, today)
    if latest is None:
        assert refused is None
    else:
        assert refused == (
            f"That is too far ahead: choose a date at most three years ahead (by {latest})."
        )
