"""Sending: working hours in the recipient's zone, retries, permanent failures, leases, snooze."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from domain.kernel.errors import NotAllowed
from domain.kernel.outbox import Message, State
from domain.kernel.people import Actor, Person
from domain.kernel.reminders import next_working_time
from domain.nominations.reasons import NominationReason
from domain.supervision.reasons import SupervisionReason
from handlers.follow_up.cascading import snooze
from handlers.follow_up.commands import Snooze
from handlers.kernel.dispatch import Delivery, dispatch
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import NOW, full_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

UTC = NOW.tzinfo
MONDAY_10_UTC = datetime(2026, 12, 7, 10, tzinfo=UTC)  # 10:00 in London (GMT)


class Recorder:
    def __init__(self, *answers: Delivery) -> None:
        self.answers, self.sent = list(answers), []

    def __call__(self, reminder: Message) -> Delivery:
        self.sent.append(reminder.recipient)
        return self.answers.pop(0) if self.answers else Delivery(ok=True, ts="1.0")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(), uow, NOW)
    return uow


def due(uow, person="UANN", reason=SupervisionReason.ACTION_DUE, at=MONDAY_10_UTC) -> int:
    uow.outbox.add([Message(person, reason, "entry:1", "p", at)], at)
    return max(uow.outbox.items)


def state(uow, rid: int) -> State:
    return uow.outbox.items[rid].state


def test_sent_in_working_hours_and_marked(uow) -> None:
    rid, deliver = due(uow), Recorder()
    report = dispatch(lambda: uow, deliver, MONDAY_10_UTC)
    assert (report.sent, deliver.sent, state(uow, rid)) == (1, ["UANN"], State.SENT)
    assert dispatch(lambda: uow, deliver, MONDAY_10_UTC + timedelta(hours=1)).sent == 0


def test_weekend_and_night_wait_for_the_morning_in_the_recipients_zone(uow) -> None:
    saturday = datetime(2026, 12, 5, 11, tzinfo=UTC)
    rid = due(uow, at=saturday)
    deliver = Recorder()
    assert dispatch(lambda: uow, deliver, saturday).deferred == 1 and deliver.sent == []
    assert uow.outbox.items[rid].due_at == datetime(2026, 12, 7, 9, tzinfo=UTC)
    uow.people.save(Person(user_id="UKIWI", tz="Pacific/Auckland"), NOW)
    kiwi = due(uow, "UKIWI", at=MONDAY_10_UTC)  # 23:00 on Monday in Auckland
    dispatch(lambda: uow, deliver, MONDAY_10_UTC)
    assert deliver.sent == ["UANN"] and state(uow, kiwi) is State.PENDING  # London's morning
    assert uow.outbox.items[kiwi].due_at == datetime(2026, 12, 7, 20, tzinfo=UTC)  # 09:00 NZ
    dispatch(lambda: uow, deliver, datetime(2026, 12, 7, 20, tzinfo=UTC))
    assert deliver.sent == ["UANN", "UKIWI"]


def test_working_hours_across_daylight_saving() -> None:
    policy = full_configuration().catalogue.reminders
    friday_evening = datetime(2026, 10, 23, 17, tzinfo=UTC)  # 18:00 BST
    assert next_working_time(friday_evening, "Europe/London", policy) == datetime(
        2026, 10, 26, 9, tzinfo=UTC
    )  # Monday 09:00 GMT, after the clocks went back


def test_transient_failures_retry_with_back_off_then_give_up(uow) -> None:
    rid = due(uow)
    flaky = Recorder(*[Delivery(ok=False, error="ratelimited")] * 10)
    now = MONDAY_10_UTC
    report = dispatch(lambda: uow, flaky, now)
    assert report.retried == 1 and state(uow, rid) is State.PENDING
    assert uow.outbox.items[rid].due_at == now + timedelta(seconds=10)
    for _ in range(10):  # (one retry falls at night and waits for the morning)
        if state(uow, rid) is not State.PENDING:
            break
        now = uow.outbox.items[rid].due_at
        dispatch(lambda: uow, flaky, now)
    assert state(uow, rid) is State.FAILED and uow.outbox.items[rid].last_error == "ratelimited"
    assert len(flaky.sent) == 7  # the first try and six retries, back off up to six hours


def test_a_person_gone_from_slack_is_recorded_and_not_retried(uow) -> None:
    rid = due(uow)
    dispatch(lambda: uow, Recorder(Delivery(ok=False, error="account_inactive")), MONDAY_10_UTC)
    assert state(uow, rid) is State.FAILED
    assert uow.outbox.items[rid].last_error == "account_inactive"


def test_a_claim_abandoned_by_a_crash_is_taken_again_after_its_lease(uow) -> None:
    rid = due(uow)
    uow.outbox.claim(MONDAY_10_UTC, MONDAY_10_UTC + timedelta(minutes=5), 10, "crashed")
    deliver = Recorder()
    dispatch(lambda: uow, deliver, MONDAY_10_UTC + timedelta(minutes=1))
    assert deliver.sent == []  # still leased to the dispatcher that died
    dispatch(lambda: uow, deliver, MONDAY_10_UTC + timedelta(minutes=6))
    assert deliver.sent == ["UANN"] and state(uow, rid) is State.SENT


def test_snooze_asks_again_next_week_only_for_optional_reminders(uow) -> None:
    rid = due(uow)
    later = snooze(Snooze(actor=Actor(user_id="UANN"), reminder_id=rid), uow, MONDAY_10_UTC)
    assert later.due_at == MONDAY_10_UTC + timedelta(days=7) and later.period == "p:snooze-20261207"
    with pytest.raises(NotAllowed, match="someone else's"):
        snooze(Snooze(actor=Actor(user_id="UBEN"), reminder_id=rid), uow, MONDAY_10_UTC)
    mandatory = due(uow, reason=NominationReason.ELIGIBILITY)
    with pytest.raises(NotAllowed, match="can't be postponed"):
        snooze(Snooze(actor=Actor(user_id="UANN"), reminder_id=mandatory), uow, MONDAY_10_UTC)


def test_a_slow_run_stops_before_its_lease_ends_and_nothing_is_sent_twice(uow) -> None:
    for person in ("UA", "UB", "UC", "UD", "UE", "UF"):
        due(uow, person)
    clock = [MONDAY_10_UTC]

    def slow(reminder: Message) -> Delivery:  # each message takes two minutes
        clock[0] += timedelta(minutes=2)
        slow.sent.append(reminder.recipient)
        return Delivery(ok=True)

    slow.sent = []
    first = dispatch(
        lambda: uow,
        slow,
        MONDAY_10_UTC,
        batch=6,
        lease=timedelta(minutes=5),
        clock=lambda: clock[0],
    )
    assert first.sent == 3  # the 5-minute lease covered three; the rest were left alone
    deliver = Recorder()
    dispatch(lambda: uow, deliver, MONDAY_10_UTC + timedelta(minutes=6))
    assert sorted(slow.sent + deliver.sent) == ["UA", "UB", "UC", "UD", "UE", "UF"]


def test_a_dispatcher_whose_lease_ran_out_cannot_settle_what_another_took(uow) -> None:
    rid = due(uow)
    uow.outbox.claim(MONDAY_10_UTC, MONDAY_10_UTC + timedelta(minutes=5), 10, "slow")
    uow.outbox.claim(
        MONDAY_10_UTC + timedelta(minutes=6), MONDAY_10_UTC + timedelta(minutes=11), 10, "fast"
    )
    assert uow.outbox.sent(rid, "fast", "2.0", MONDAY_10_UTC) is True
    assert uow.outbox.retry(rid, "slow", MONDAY_10_UTC, "late", MONDAY_10_UTC) is False
    assert state(uow, rid) is State.SENT
