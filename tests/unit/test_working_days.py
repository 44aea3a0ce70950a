"""Working days skip UK bank holidays (England and Wales by default; Scotland, Northern
Ireland, or none, by configuration): reminders and waitlist offers alike."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from domain.kernel.reminders import (
    ReminderPolicy,
    add_working_days,
    in_working_hours,
    last_working_start,
    next_working_time,
)
from domain.kernel.working_days import is_working_day
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import NOW, configuration, programme
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, pending
from tests.unit.test_offers import waitlisted, withdraw

LONDON = "Europe/London"
ENGLAND = ReminderPolicy()


def test_bank_holidays_are_not_working_days_by_region() -> None:
    christmas, boxing_observed = date(2026, 12, 25), date(2026, 12, 28)
    assert not is_working_day(christmas) and not is_working_day(boxing_observed)
    assert is_working_day(date(2026, 12, 29))
    st_andrews = date(2026, 11, 30)  # a Monday: a bank holiday in Scotland only
    assert is_working_day(st_andrews)
    assert not is_working_day(st_andrews, region="scotland")
    st_patricks = date(2026, 3, 17)
    assert not is_working_day(st_patricks, region="northern-ireland")
    assert is_working_day(christmas, region="none")
    assert not is_working_day(date(2026, 12, 26), region="none")  # a Saturday all the same


def test_the_region_is_configurable_and_checked() -> None:
    assert ENGLAND.holidays == "england-and-wales" and ENGLAND.leave_extends_due
    assert ReminderPolicy(holidays="scotland").holidays == "scotland"
    with pytest.raises(ValidationError):
        ReminderPolicy(holidays="wales-only")


def test_a_reminder_due_on_christmas_day_waits_for_the_next_working_day() -> None:
    christmas_morning = datetime(2026, 12, 25, 10, tzinfo=UTC)
    assert not in_working_hours(christmas_morning, LONDON, ENGLAND)
    # Boxing Day is a Saturday, so Monday 28th is its substitute day: Tuesday 29th it is.
    assert next_working_time(christmas_morning, LONDON, ENGLAND) == datetime(
        2026, 12, 29, 9, tzinfo=UTC
    )
    anywhere = ReminderPolicy(holidays="none")
    assert next_working_time(christmas_morning, LONDON, anywhere) == christmas_morning


def test_working_days_counted_and_looked_back_skip_bank_holidays() -> None:
    thursday = datetime(2026, 12, 24, 10, tzinfo=UTC)
    assert add_working_days(thursday, 1, LONDON, ENGLAND) == datetime(2026, 12, 29, 10, tzinfo=UTC)
    # "The working day before" a session on Tuesday 29 December is Thursday 24th.
    before = last_working_start(datetime(2026, 12, 28, 12, tzinfo=UTC), LONDON, ENGLAND)
    assert before == datetime(2026, 12, 24, 9, tzinfo=UTC)


def test_an_offer_made_before_a_bank_holiday_lapses_a_day_later() -> None:
    offered = datetime(2026, 8, 27, 11, tzinfo=UTC)  # Thursday; Monday 31 Aug is a holiday
    p = programme()  # three working days to answer
    assert p.offer_deadline(offered) == datetime(2026, 9, 2, 11, tzinfo=UTC)  # not Tue 1 Sep
    assert p.offer_deadline(offered, holidays="none") == datetime(2026, 9, 1, 11, tzinfo=UTC)
    assert p.offer_deadline(offered, holidays="scotland") == datetime(2026, 9, 1, 11, tzinfo=UTC)


def christmas_offer(holidays: str) -> datetime | None:
    """A place freed on Christmas Eve is offered to the waitlist: until when?"""
    uow = FakeUnitOfWork()
    config = configuration(ics_count=8)
    sync_configuration(
        config.model_copy(update={"reminders": ReminderPolicy(holidays=holidays)}), uow, NOW
    )
    january = [
        {"key": f"cohort-{i}", "name": f"Cohort {i}", "places": 1, "sessions": [session]}
        for i, session in (
            (1, {"start": "2027-01-11T09:30:00", "end": "2027-01-11T13:00:00"}),
            (2, {"start": "2027-01-18T09:30:00", "end": "2027-01-18T13:00:00"}),
        )
    ]
    uow.programmes.save(programme(total_places=2, cohorts=january))
    ua, ub = pending(uow, "UA"), pending(uow, "UB", first="cohort-2")
    allocate(uow, ua)
    allocate(uow, ub)
    uc = waitlisted(uow, "UC")
    withdraw(uow, ua, at=datetime(2026, 12, 24, 10, tzinfo=UTC))
    return uow.nominations.get(uc).offer_expires_at


def test_the_waitlist_offer_skips_the_configured_bank_holidays() -> None:
    # Christmas Day and the substitute Boxing Day (Mon 28th) are not working days.
    assert christmas_offer("england-and-wales") == datetime(2026, 12, 31, 10, tzinfo=UTC)
    assert christmas_offer("none") == datetime(2026, 12, 29, 10, tzinfo=UTC)
