"""Button values and message periods are read and written one way, and damaged ones name nothing."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kernel.ids import Value
from domain.kernel.outbox import Period


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", Value(12)),
        ("12:cohort-2", Value(12, "cohort-2")),
        ("7:yes", Value(7, "yes")),
        ("", Value(0)),
        ("abc", Value(0)),
        ("-3:x", Value(0, "x")),
        ("1e30", Value(0)),
    ],
)
def test_button_values_round_trip_and_forged_ones_name_nothing(text: str, value: Value) -> None:
    assert Value.read(text) == value
    if value.id:
        assert str(value) == text


def test_periods_know_their_stage_their_day_and_a_snooze() -> None:
    due = Period.parse("2027-01-01:before-7")
    assert (due.stage, due.day, due.snoozed_on) == ("before-7", date(2027, 1, 1), None)
    later = due.snoozed(date(2026, 12, 7))
    assert str(later) == "2027-01-01:before-7:snooze-20261207"
    again = Period.parse(str(later))
    assert again == later and again.base == "2027-01-01:before-7" and again.stage == "before-7"
    assert Period.parse("ask-3").stage == "ask-3" and Period.parse("ask-3").day is None
    assert Period.parse("p:snooze-2026xx07") == Period("p")  # a damaged date is ignored
