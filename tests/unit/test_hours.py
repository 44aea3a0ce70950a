"""Hours-based requirements: "30 hours of CPD a year" over a rolling window of entries."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.reminders.messages import reminder_message
from domain.kernel.outbox import Message
from domain.kernel.people import Actor, Person
from domain.programme_admin.catalogue import Catalogue
from domain.programme_admin.configuration import Configuration
from domain.supervision.entries import Entry, Kind
from domain.supervision.reasons import SupervisionReason
from domain.supervision.requirements import Requirement, Standing, status_of
from handlers.nominations.queries import MessageContext
from handlers.programme_admin.configuration import sync_configuration
from handlers.reminders.plan import plan_reminders
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry, my_record
from tests.factories import NOW, hours_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

CPD = Requirement(
    key="cpd", role="lead-trainer", name="CPD", log_types=("cpd",), every_months=12, hours=30
)
TODAY = date(2026, 10, 1)
ROOT = Path(__file__).resolve().parents[2]


def cpd(day: date, minutes: int, log_type: str = "cpd") -> Entry:
    return Entry(
        author_id="ULT",
        log_type=log_type,
        kind=Kind.SUPERVISION,
        occurred_on=day,
        created_at=NOW,
        duration_minutes=minutes,
    )


def test_hours_short_of_the_target_are_not_met_and_show_progress() -> None:
    entries = [cpd(date(2026, 9, 1), 480), cpd(date(2026, 6, 1), 480), cpd(date(2026, 3, 1), 120)]
    status = status_of(CPD, entries, date(2025, 1, 1), TODAY)
    assert status.minutes == 18 * 60 and status.progress == "18 of 30 hours"
    assert status.standing is Standing.OVERDUE  # the role began long ago: due a year after
    assert status.due == date(2026, 1, 1)


def test_reaching_the_hours_meets_it_until_the_entry_that_completed_them_drops_out() -> None:
    entries = [cpd(date(2026, d, 1), 450) for d in (9, 7, 5, 3)]  # 4 x 7.5 h = 30 h
    entries.append(cpd(date(2025, 9, 1), 480))  # more than a year before today: not counted
    status = status_of(CPD, entries, None, TODAY)
    assert status.progress == "30 of 30 hours" and status.standing is Standing.MET
    # The window is rolling: once the 1 March session is more than 12 months old, the
    # sessions left add up to 22.5 hours.
    assert status.due == date(2027, 3, 1)
    later = status_of(CPD, entries, None, date(2027, 3, 2))
    assert later.standing is Standing.OVERDUE and later.progress == "22.5 of 30 hours"


def test_only_the_requirements_log_types_count_and_deliveries_have_no_hours() -> None:
    entries = [cpd(TODAY, 480, "review-group"), cpd(TODAY, 60)]
    assert status_of(CPD, entries, None, TODAY).progress == "1 of 30 hours"


def test_a_count_requirement_keeps_its_behaviour_and_shows_no_hours() -> None:
    count = CPD.model_copy(update={"hours": None})
    status = status_of(count, [cpd(date(2026, 9, 1), 5)], None, TODAY)
    assert status.progress == "" and status.minutes is None
    assert (status.due, status.standing) == (date(2027, 9, 1), Standing.MET)


def test_hours_need_log_types_with_durations() -> None:
    with pytest.raises(ValidationError, match="hours are counted from durations"):
        Catalogue(
            log_types=({"key": "circle", "name": "Circle", "kind": "delivery"},),
            roles=({"key": "lead-trainer", "name": "LT"},),
            requirements=(CPD.model_copy(update={"log_types": ("circle",)}),),
        )
    with pytest.raises(ValidationError):
        Requirement.model_validate({**CPD.model_dump(), "hours": 0})


def test_the_shipped_file_has_30_hours_of_cpd_a_year() -> None:
    shipped = Configuration.model_validate(
        tomllib.loads((ROOT / "config" / "programme.example.toml").read_text())
    )
    (cpd_type,) = [t for t in shipped.log_types if t.key == "cpd"]
    assert cpd_type.kind is Kind.SUPERVISION  # it has a duration
    (requirement,) = [r for r in shipped.requirements if r.hours]
    assert (requirement.hours, requirement.every_months, requirement.log_types) == (
        30,
        12,
        ("cpd",),
    )


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(hours_configuration(), uow, NOW)
    return uow


def log_cpd(uow, day: date, minutes: int) -> str:
    _, record = log_entry(
        LogEntry(
            actor=Actor(user_id="ULT"), log_type="cpd", occurred_on=day, duration_minutes=minutes
        ),
        uow,
        NOW,
    )
    return next(s.progress for s in record.standing if s.requirement.key == "lt-cpd")


def test_logging_cpd_shows_the_hours_so_far_and_meets_it_at_thirty(uow) -> None:
    assert log_cpd(uow, date(2026, 9, 1), 480) == "8 of 30 hours"
    assert log_cpd(uow, date(2026, 9, 2), 480) == "16 of 30 hours"
    assert log_cpd(uow, date(2026, 9, 3), 480) == "24 of 30 hours"
    assert log_cpd(uow, date(2026, 9, 4), 360) == "30 of 30 hours"
    (status,) = [s for s in my_record(Actor(user_id="ULT"), uow, NOW).standing if s.minutes]
    assert status.met and status.due == date(2027, 9, 1)


def test_the_planner_chases_hours_from_the_entry_that_completed_them(uow) -> None:
    uow.people.save(Person(user_id="ULT", tz="UTC"), NOW)
    for day in (date(2025, 11, 20), date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)):
        log_cpd(uow, day, 450)  # 30 hours, completed by the oldest: due 20 Nov 2026
    before = set(uow.outbox.items)
    plan_reminders(lambda **_: uow, datetime(2026, 10, 21, 9, tzinfo=UTC))
    planned = [
        (m.reason, m.period)
        for i, m in uow.outbox.items.items()
        if i not in before and m.subject == "requirement:lt-cpd"
    ]
    assert planned == [(SupervisionReason.REQUIREMENT, "2026-11-20:before-30")]


def test_an_hours_reminder_says_how_many_hours_it_needs() -> None:
    catalogue = hours_configuration().catalogue
    reminder = Message(
        "ULT",
        SupervisionReason.REQUIREMENT,
        "requirement:lt-cpd",
        "2026-11-20:before-30",
        NOW,
        {"requirement": "lt-cpd", "due": "2026-11-20", "standing": "due soon"},
    )
    text, _ = reminder_message(reminder, MessageContext(catalogue))
    assert "*30 hours of CPD a year*. It is due on Fri 20 Nov 2026" in text
    assert "needs 30 hours logged in any 12 months" in text
