"""Acks first: work after an ack gives way to requests still waiting for theirs."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from slack_bolt import BoltRequest
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

from bot.kernel.acks_first import AcksFirst
from bot.kernel.after_ack import FORM_PATIENCE, AfterAck
from bot.people import People
from bot.slack_app import CascadeApp


def test_work_waits_while_a_request_is_being_acked_and_goes_as_soon_as_it_is() -> None:
    gate = AcksFirst(patience=5.0)
    done = threading.Event()
    with gate.acking():
        worker = threading.Thread(target=lambda: (gate.wait_turn(), done.set()))
        worker.start()
        assert not done.wait(0.2)  # held while the request is in flight
    assert done.wait(1.0)  # and released by its ack, long before its patience runs out
    worker.join()


def test_a_steady_stream_of_requests_never_starves_the_work_behind_them() -> None:
    gate = AcksFirst(patience=0.1)
    with gate.acking():
        started = time.monotonic()
        assert gate.wait_turn() is False
        assert 0.08 <= time.monotonic() - started < 1.0


class CountingCondition(threading.Condition):
    """Counts the times a waiter woke up (each costs the process a turn of Python's lock)."""

    def __init__(self) -> None:
        super().__init__()
        self.wakeups = 0

    def wait(self, timeout: float | None = None) -> bool:
        woken = super().wait(timeout)
        self.wakeups += 1
        return woken


def test_many_forms_waiting_are_not_all_woken_by_each_ack_of_a_burst() -> None:
    """Opening day: sixty forms wait while the burst's acks go out. Each ack that leaves none
    in flight used to wake all sixty to look (a few thousand wake-ups in a burst, each one
    competing with the acks); one looks for them, and once it is quiet they go one after
    another, at once."""
    gate = AcksFirst(patience=10.0, quiet=0.05)
    gate._quiet = CountingCondition()
    went: list[float] = []
    with gate.acking():
        waiters = [
            threading.Thread(target=lambda: (gate.wait_turn(), went.append(time.monotonic())))
            for _ in range(60)
        ]
        for waiter in waiters:
            waiter.start()
        time.sleep(0.2)  # all sixty are waiting
    for _ in range(40):  # the rest of the burst: acks one after another, none overlapping
        with gate.acking():
            time.sleep(0.002)
        time.sleep(0.005)
    last_ack = time.monotonic()
    for waiter in waiters:
        waiter.join(5)
    assert len(went) == 60  # every form went
    assert max(went) - last_ack < 1.0  # soon after the burst, long before their patience
    assert gate._quiet.wakeups < 60 + 5 * 41  # each went once; each ack woke a few (was 2,520)


def test_nothing_in_flight_means_no_wait() -> None:
    gate = AcksFirst(patience=5.0)
    started = time.monotonic()
    assert gate.wait_turn() is True
    assert time.monotonic() - started < 0.5


def test_the_app_counts_a_request_from_its_arrival_to_its_ack() -> None:
    gate = AcksFirst()
    app = CascadeApp(
        gate,
        signing_secret="secret",
        request_verification_enabled=False,
        authorize=lambda **_: AuthorizeResult(
            enterprise_id=None, team_id="T1", bot_token="xoxb-test", bot_user_id="UB", bot_id="B"
        ),
    )
    seen: list[int] = []

    @app.command("/nominate")
    def listener(ack) -> None:
        seen.append(gate.in_flight)
        ack()

    body = "command=%2Fnominate&user_id=U1&team_id=T1&channel_id=C1&trigger_id=1.2"
    response = app.dispatch(BoltRequest(body=body, headers={}))
    assert response.status == 200
    assert seen == [1] and gate.in_flight == 0


def test_after_ack_work_waits_for_the_acks_in_flight() -> None:
    gate = AcksFirst(patience=5.0)
    after_ack = AfterAck(workers=1, acks_first=gate)
    ran = threading.Event()
    with gate.acking():
        future = after_ack.later({}, WebClient(), ran.set)
        assert not ran.wait(0.2)
    future.result(timeout=2)
    assert ran.is_set()
    after_ack.shutdown()


def test_a_form_gives_way_to_acks_for_a_bounded_time_counted_from_its_own_ack() -> None:
    """Slack's trigger lasts 3 s from the click: however many acks keep arriving, and however
    long the forms ahead of it took, a form waits at most FORM_PATIENCE after its own ack
    (opening day's burst opened forms too late when the wait was counted from later)."""
    assert FORM_PATIENCE + 0.5 < 3.0  # the ack, the reading and Slack's answer fit too
    gate = AcksFirst(patience=5.0)
    after_ack = AfterAck(workers=1, acks_first=gate, now_workers=2)
    opened = threading.Event()
    with gate.acking():  # requests keep arriving all along
        after_ack.run({}, WebClient(), time.sleep, FORM_PATIENCE / 2)  # a form ahead of it
        started = time.monotonic()
        after_ack.run({}, WebClient(), opened.set)
        assert opened.wait(FORM_PATIENCE + 0.5), "the form waited past its patience"
        assert time.monotonic() - started >= FORM_PATIENCE * 0.9  # acks went first meanwhile
    after_ack.shutdown()


class _NoDatabase:
    calls = 0

    def __call__(self, **kwargs):
        _NoDatabase.calls += 1
        raise AssertionError("the database was asked before the ack")

    patient = __call__


def test_a_request_from_someone_not_in_memory_reads_nothing_before_its_ack() -> None:
    gate = AcksFirst(patience=5.0)
    client = WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/")  # never reachable
    people = People(client, _NoDatabase(), lambda: datetime(2026, 11, 24, tzinfo=UTC), gate)
    with gate.acking():  # the learner waits behind the request
        actor = people.actor("U0NEW")
        time.sleep(0.3)
        assert actor.user_id == "U0NEW"
        assert _NoDatabase.calls == 0


def test_what_start_up_made_is_left_out_of_garbage_collections() -> None:
    """A full collection walked the whole start-up heap while every request waited."""
    import gc

    from bot.runtime import settle_memory

    try:
        settle_memory()
        assert gc.get_freeze_count() > 10_000  # modules, the app, compiled statements
    finally:
        gc.unfreeze()


def test_a_listener_handing_work_on_after_its_ack_never_waits_for_a_thread_to_start() -> None:
    """A pool starts a thread when a task finds none idle, and the submit waits for it to
    run: in a burst that wait (behind every thread wanting Python's lock) held /nominate acks
    up to 50 ms after they were ready. The threads are all running before the first request."""
    after_ack = AfterAck(workers=2, now_workers=8)
    try:
        threads = threading.active_count()
        release = threading.Event()
        body = {"user": {"id": "UA"}}
        futures = [after_ack.run(body, None, release.wait, 5) for _ in range(8)]
        futures += [after_ack.later(body, None, release.wait, 5) for _ in range(2)]
        assert threading.active_count() == threads  # none started for these
        release.set()
        for future in futures:
            future.result(5)
    finally:
        after_ack.shutdown()
