"""Several dispatchers (bot instances) on one database send each due reminder exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from domain.kernel.outbox import Message, State
from domain.supervision.reasons import SupervisionReason
from handlers.kernel.dispatch import Delivery, dispatch
from handlers.programme_admin.configuration import sync_configuration
from handlers.reminders.plan import plan_reminders
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import NOW, full_configuration

MONDAY_10 = datetime(2026, 12, 7, 10, tzinfo=NOW.tzinfo)


class CountingDeliver:
    def __init__(self) -> None:
        self.counts: Counter[int] = Counter()
        self.lock = threading.Lock()

    def __call__(self, reminder: Message) -> Delivery:
        with self.lock:
            self.counts[reminder.id] += 1
        return Delivery(ok=True, ts=f"{reminder.id}.0")


def seed(factory: UnitOfWorkFactory, count: int) -> None:
    with factory() as uow:
        uow.outbox.add(
            [
                Message(f"U{i:04d}", SupervisionReason.ACTION_DUE, f"entry:{i}", "p", MONDAY_10)
                for i in range(count)
            ],
            MONDAY_10,
        )
        uow.commit()


def test_three_dispatchers_send_each_of_1000_reminders_exactly_once(engine) -> None:
    factories = [UnitOfWorkFactory(engine) for _ in range(3)]
    sync_configuration(full_configuration(), factories[0](), NOW)
    seed(factories[0], 1000)
    deliver = CountingDeliver()
    barrier = threading.Barrier(3)

    def run(factory: UnitOfWorkFactory):
        barrier.wait()
        return dispatch(factory, deliver, MONDAY_10, batch=25)

    with ThreadPoolExecutor(3) as pool:
        reports = list(pool.map(run, factories))
    assert len(deliver.counts) == 1000 and set(deliver.counts.values()) == {1}
    assert sum(r.sent for r in reports) == 1000
    assert all(r.sent > 0 for r in reports)  # the work was really shared
    with factories[0](read_only=True) as uow:
        assert {r.state for r in uow.outbox.list()} == {State.SENT}


def test_a_dispatcher_killed_mid_batch_loses_nothing(engine) -> None:
    factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(), factory(), NOW)
    seed(factory, 40)

    class Killed(BaseException):
        pass

    def dies_after_five(reminder: Message, sent=[]) -> Delivery:  # noqa: B006
        if len(sent) == 5:
            raise Killed
        sent.append(reminder.id)
        return Delivery(ok=True)

    with pytest.raises(Killed):  # the process dies between claiming and sending
        dispatch(factory, dies_after_five, MONDAY_10, batch=20)
    with factory(read_only=True) as uow:
        states = Counter(r.state for r in uow.outbox.list())
    assert states == {State.SENT: 5, State.CLAIMED: 15, State.PENDING: 20}
    deliver = CountingDeliver()
    dispatch(factory, deliver, MONDAY_10 + timedelta(minutes=1))
    assert len(deliver.counts) == 20  # the pending ones; the leased ones wait
    dispatch(factory, deliver, MONDAY_10 + timedelta(minutes=6))
    assert len(deliver.counts) == 35 and set(deliver.counts.values()) == {1}
    with factory(read_only=True) as uow:
        assert {r.state for r in uow.outbox.list()} == {State.SENT}


def test_planners_running_at_once_never_duplicate(engine) -> None:
    factories = [UnitOfWorkFactory(engine) for _ in range(3)]
    sync_configuration(full_configuration(), factories[0](), NOW)
    barrier = threading.Barrier(3)

    def run(factory: UnitOfWorkFactory):
        barrier.wait()
        return plan_reminders(factory, NOW)

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(run, factories))
    with factories[0](read_only=True) as uow:
        keys = [(r.recipient, r.reason, r.subject, r.period) for r in uow.outbox.list()]
    assert keys and len(keys) == len(set(keys))


def test_only_the_current_claimer_settles_a_reminder(engine) -> None:
    factory = UnitOfWorkFactory(engine)
    seed(factory, 1)
    with factory() as uow:
        (mine,) = uow.outbox.claim(MONDAY_10, MONDAY_10 + timedelta(minutes=5), 5, "slow")
        uow.commit()
    later = MONDAY_10 + timedelta(minutes=6)
    with factory() as uow:
        assert uow.outbox.claim(later, later + timedelta(minutes=5), 5, "fast")
        assert uow.outbox.sent(mine.id, "fast", "1.0", later)
        assert not uow.outbox.retry(mine.id, "slow", later, "late", later)
        uow.commit()
    with factory(read_only=True) as uow:
        assert uow.outbox.get(mine.id).state is State.SENT
