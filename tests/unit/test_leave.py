"""Leave: recorded and ended by the person, private reason, nobody chased while away, and
due dates moved by the days away."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.follow_up.reasons import FollowUpReason
from domain.kernel.errors import NotAllowed, NotFound
from domain.kernel.outbox import KernelReason, Message, State
from domain.kernel.people import Actor, Person
from domain.kernel.reminders import ReminderPolicy
from domain.leave.leave import InvalidLeave, Leave, away_until, check_leave, ended_early, extended
from domain.supervision.reasons import SupervisionReason
from handlers.accounts.erasure import erase_person
from handlers.kernel.dispatch import dispatch
from handlers.leave.commands import EndLeave, RecordLeave
from handlers.leave.leave import end_leave, my_leave, record_leave
from handlers.programme_admin.configuration import sync_configuration
from handlers.reminders.plan import plan_reminders, would_send
from handlers.supervision.commands import LogEntry
from handlers.supervision.compliance import compliance
from handlers.supervision.entries import log_entry, my_record
from tests.factories import COORDINATOR, NOW, full_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_reminder_dispatch import Recorder

TODAY = date(2026, 10, 1)
ULT = Actor(user_id="ULT")


def leave(start: date, end: date, person: str = "ULT", **kw) -> Leave:
    return Leave(person=person, start=start, end=end, created_at=NOW, **kw)


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (date(2026, 10, 9), date(2026, 10, 8), "end", "before the first"),
        (date(2026, 10, 1), date(2027, 10, 2), "end", "at most one year"),
        (date(2025, 9, 1), date(2025, 9, 30), "start", "at most one year ago"),
        (date(2027, 11, 1), date(2027, 11, 5), "start", "at most one year ahead"),
        (date(2026, 10, 20), date(2026, 10, 23), "start", "already have leave from Mon 19 Oct"),
    ],
)
def test_bad_leave_is_refused_beside_its_field(start, end, field, message) -> None:
    booked = leave(date(2026, 10, 19), date(2026, 10, 30), id=1)
    with pytest.raises(InvalidLeave, match=message) as refused:
        check_leave(leave(start, end), [booked], TODAY)
    assert refused.value.field == field
    check_leave(leave(date(2026, 10, 31), date(2027, 10, 30)), [booked], TODAY)  # a year: fine


def test_ending_early_keeps_the_days_taken_and_cancels_what_had_not_begun() -> None:
    taken = leave(date(2026, 9, 20), date(2026, 10, 20))
    assert ended_early(taken, TODAY) == leave(date(2026, 9, 20), date(2026, 9, 30))
    assert ended_early(leave(TODAY, date(2026, 10, 20)), TODAY) is None
    assert ended_early(leave(date(2026, 11, 1), date(2026, 11, 5)), TODAY) is None


def test_due_dates_move_by_the_days_away_before_them_and_while_overdue() -> None:
    start, due = date(2025, 12, 1), date(2026, 12, 1)
    month_off = [leave(date(2026, 11, 16), date(2026, 12, 15))]  # 30 days, over the due date
    assert extended(due, start, month_off) == date(2026, 12, 31)
    assert extended(due, start, [leave(date(2025, 11, 1), date(2025, 11, 30))]) == due  # before
    overdue_then_away = [leave(date(2026, 10, 5), date(2026, 11, 1))]  # 28 days
    assert extended(date(2026, 10, 1), date(2026, 7, 1), overdue_then_away) == date(2026, 10, 1)
    back = date(2026, 11, 2)  # the clock stopped while away: 3 days overdue before, 4 now
    assert extended(date(2026, 10, 1), date(2026, 7, 1), overdue_then_away, back) == date(
        2026, 10, 29
    )


def test_away_until_joins_adjacent_stretches() -> None:
    stretches = [
        leave(date(2026, 10, 5), date(2026, 10, 9)),
        leave(date(2026, 10, 10), date(2026, 10, 18)),
    ]
    assert away_until(stretches, date(2026, 10, 6)) == date(2026, 10, 18)
    assert away_until(stretches, date(2026, 10, 19)) is None
    assert away_until(stretches, date(2026, 10, 2), date(2026, 10, 5)) == date(2026, 10, 18)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(ics_count=4), uow, NOW)
    return uow


def record(uow, start: date, end: date, who: Actor = ULT, **kw) -> Leave:
    return record_leave(RecordLeave(actor=who, start=start, end=end, **kw), uow, NOW)


def test_recording_leave_keeps_the_reason_for_the_person_only(uow) -> None:
    saved = record(uow, date(2026, 10, 5), date(2026, 11, 1), reason="Surgery", client_token="V1")
    assert saved.id and saved.reason == "Surgery"
    assert record(uow, date(2026, 10, 5), date(2026, 11, 1), client_token="V1") == saved  # again
    with pytest.raises(InvalidLeave, match="already have leave") as refused:
        record(uow, date(2026, 10, 31), date(2026, 11, 3))
    assert refused.value.field == "start"
    assert [(s.start, s.end) for s in my_leave(ULT, uow, NOW).leave] == [
        (date(2026, 10, 5), date(2026, 11, 1))
    ]
    assert "Surgery" not in str(uow.audit.notes)
    (facilitator,) = [f for f in compliance(COORDINATOR, uow, NOW) if f.user_id == "ULT"]
    assert facilitator.away_until is None  # not yet away
    later = compliance(COORDINATOR, uow, datetime(2026, 10, 6, 9, tzinfo=UTC))
    (facilitator,) = [f for f in later if f.user_id == "ULT"]
    assert facilitator.away_until == date(2026, 11, 1) and "Surgery" not in str(facilitator)


def test_only_the_person_ends_their_leave_early_or_cancels_it(uow) -> None:
    away = record(uow, date(2026, 9, 28), date(2026, 10, 9))
    coming = record(uow, date(2026, 12, 21), date(2026, 12, 24))
    for intruder in (COORDINATOR, Actor(user_id="UANN")):
        with pytest.raises(NotAllowed):
            end_leave(EndLeave(actor=intruder, leave_id=away.id), uow, NOW)
    with pytest.raises(NotFound):
        end_leave(EndLeave(actor=ULT, leave_id=999), uow, NOW)
    ended = end_leave(EndLeave(actor=ULT, leave_id=away.id), uow, NOW)
    assert not ended.cancelled and ended.leave.end == date(2026, 9, 30)
    cancelled = end_leave(EndLeave(actor=ULT, leave_id=coming.id), uow, NOW)
    assert cancelled.cancelled
    assert my_leave(ULT, uow, NOW).leave == []  # what is left ended before today


def line_manager_session(uow, day: date) -> None:
    log_entry(
        LogEntry(
            actor=ULT,
            log_type="line-manager",
            occurred_on=day,
            with_user="UMGR",
            duration_minutes=60,
        ),
        uow,
        NOW,
    )


def due_of(uow, key: str = "lt-manager", now: datetime = NOW) -> date:
    return next(s.due for s in my_record(ULT, uow, now).standing if s.requirement.key == key)


def test_due_dates_move_by_the_leave_unless_the_programme_says_not(uow) -> None:
    line_manager_session(uow, date(2026, 9, 1))  # quarterly: due 1 December
    record(uow, date(2026, 11, 2), date(2026, 11, 15))  # 14 days away before it
    assert due_of(uow) == date(2026, 12, 15)
    config = full_configuration(ics_count=4)
    fixed = config.model_copy(update={"reminders": ReminderPolicy(leave_extends_due=False)})
    sync_configuration(fixed, uow, NOW)
    assert due_of(uow) == date(2026, 12, 1)


def test_nobody_is_chased_about_someone_on_leave_until_they_are_back(uow) -> None:
    monday = datetime(2026, 10, 5, 9, tzinfo=UTC)  # 10:00 in London
    record(uow, date(2026, 10, 5), date(2026, 10, 9))
    reminders = [
        Message("ULT", SupervisionReason.REQUIREMENT, "requirement:lt-review", "p", monday),
        Message("ULT", SupervisionReason.ACTION_DUE, "entry:1", "p", monday),
        Message(
            "UMGR",
            SupervisionReason.REQUIREMENT_LATE,
            "requirement:lt-review:ULT",
            "p",
            monday,
            {"person": "ULT"},
        ),
        Message(
            "UCOORD", FollowUpReason.CASCADE_LATE, "nomination:1", "p", monday, {"nominee": "ULT"}
        ),
        Message("UANN", SupervisionReason.ACTION_DUE, "entry:2", "p", monday),  # not away: sent
        Message("ULT", KernelReason.HOME, "home", "", monday),  # an announcement: sent
    ]
    uow.outbox.add(reminders, monday)
    deliver = Recorder()
    dispatch(lambda: uow, deliver, monday)
    assert sorted(deliver.sent) == ["UANN", "ULT"]  # the Home tab, not the chases
    held = [m for m in uow.outbox.items.values() if m.state is State.PENDING]
    assert len(held) == 4
    assert {m.due_at for m in held} == {datetime(2026, 10, 6, 8, tzinfo=UTC)}  # tomorrow 09:00
    dispatch(lambda: uow, deliver, datetime(2026, 10, 9, 8, tzinfo=UTC))  # still away
    assert len(deliver.sent) == 2
    dispatch(lambda: uow, deliver, datetime(2026, 10, 12, 8, tzinfo=UTC))  # back on Monday
    assert sorted(deliver.sent[2:]) == ["UCOORD", "ULT", "ULT", "UMGR"]


def test_leave_ended_early_lets_the_chases_out_the_next_working_morning(uow) -> None:
    monday = datetime(2026, 10, 5, 9, tzinfo=UTC)
    away = record(uow, date(2026, 10, 5), date(2026, 10, 30))
    uow.outbox.add([Message("ULT", SupervisionReason.ACTION_DUE, "entry:1", "p", monday)], monday)
    deliver = Recorder()
    dispatch(lambda: uow, deliver, monday)
    end_leave(EndLeave(actor=ULT, leave_id=away.id), uow, datetime(2026, 10, 6, 12, tzinfo=UTC))
    dispatch(lambda: uow, deliver, datetime(2026, 10, 6, 12, tzinfo=UTC))
    assert deliver.sent == ["ULT"]


def test_the_planner_chases_the_moved_due_date(uow) -> None:
    uow.people.save(Person(user_id="ULT", tz="UTC"), NOW)
    log_entry(
        LogEntry(
            actor=ULT,
            log_type="review-group",
            occurred_on=date(2025, 12, 1),  # yearly: due 1 Dec 2026
            duration_minutes=60,
        ),
        uow,
        datetime(2025, 12, 1, 20, tzinfo=UTC),
    )
    record(uow, date(2026, 11, 16), date(2026, 12, 15))  # 30 days: due 31 Dec instead

    def review(day: date) -> list[str]:
        before = set(uow.outbox.items)
        plan_reminders(lambda **_: uow, datetime(day.year, day.month, day.day, 9, tzinfo=UTC))
        return [
            m.period
            for i, m in uow.outbox.items.items()
            if i not in before and m.subject == "requirement:lt-review"
        ]

    assert review(date(2026, 11, 1)) == []  # 30 days before the old date: not due so soon
    assert review(date(2026, 12, 1)) == ["2026-12-31:before-30"]
    assert review(date(2026, 12, 24)) == ["2026-12-31:before-7"]


def test_erasing_a_person_removes_their_leave(uow) -> None:
    record(uow, date(2026, 10, 5), date(2026, 10, 9), reason="Surgery")
    record(uow, date(2026, 10, 5), date(2026, 10, 9), who=Actor(user_id="UANN"))
    erase_person("ULT", uow, NOW)
    assert [s.person for s in uow.leave.list()] == ["UANN"]


def test_a_dry_run_does_not_count_chases_held_by_leave(uow) -> None:
    monday = datetime(2026, 10, 5, 9, tzinfo=UTC)
    record(uow, date(2026, 10, 5), date(2026, 10, 9))
    uow.outbox.add([Message("ULT", SupervisionReason.ACTION_DUE, "entry:1", "p", monday)], monday)
    uow.outbox.add([Message("UANN", SupervisionReason.ACTION_DUE, "entry:2", "p", monday)], monday)
    going = [
        m.recipient for m in would_send(lambda **_: uow, monday) if m.subject.startswith("entry")
    ]
    assert going == ["UANN"]
