"""The hard limits hold under real concurrency, on SQLite and PostgreSQL alike.

Every refusal must be a clean domain error: never a database exception, never a lost update.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from domain.kernel.errors import Busy, DomainError, NoPlacesLeft, QuotaExceeded
from domain.nominations.nomination import Status
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import (
    AnswerOffer,
    ConfirmPlace,
    MovePlace,
    Nominate,
    Waitlist,
    Withdraw,
)
from storage.kernel import crypto
from storage.kernel.engine import create_engine_for
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import DATA_KEY
from tests.factories import COORDINATOR, LEAD_KM, NOW
from tests.unit.test_nomination_handlers import pending

TRIES = 20


def persist(attempt: Callable[[], object]) -> str:
    """The outcome of ``attempt`` for a person who tries again when told Cascade is busy (their
    request waited its 1.5 s for the lock and changed nothing: a loaded machine does that),
    as the message asks them to."""
    for _ in range(TRIES):
        try:
            attempt()
            return "ok"
        except Busy:
            continue
        except DomainError as refused:
            return type(refused).__name__
    return Busy.__name__


def hammer(count: int, attempt: Callable[[int], object]) -> Counter[str]:
    """Run ``count`` attempts at once (released together by a barrier); tally the outcomes."""
    barrier = threading.Barrier(count)

    def run(i: int) -> str:
        barrier.wait()
        return persist(lambda: attempt(i))

    with ThreadPoolExecutor(max_workers=count) as pool:
        return Counter(pool.map(run, range(count)))


def test_fifty_concurrent_nominations_for_one_ics_leave_exactly_five(uow_factory) -> None:
    def attempt(i: int) -> None:
        cmd = Nominate(
            actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id=f"U{i}"
        )
        h.nominate(cmd, uow_factory(), NOW)

    outcomes = hammer(50, attempt)
    assert outcomes == Counter({"ok": 5, QuotaExceeded.__name__: 45})
    with uow_factory(read_only=True) as uow:
        assert uow.nominations.count_active("lsc-t4t", "kent-medway") == 5


def test_hundred_concurrent_confirmations_fill_exactly_thirty_places(uow_factory) -> None:
    ids = [
        pending(uow_factory(), f"U{i}", ics=f"ics-{i // 5:02d}", first=f"cohort-{i % 2 + 1}")
        for i in range(100)
    ]

    def attempt(i: int) -> None:
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=ids[i]), uow_factory(), NOW
        )

    outcomes = hammer(100, attempt)
    assert outcomes == Counter({"ok": 30, NoPlacesLeft.__name__: 70})
    with uow_factory(read_only=True) as uow:
        assert uow.nominations.count_holding_place("lsc-t4t") == {"cohort-1": 15, "cohort-2": 15}
        confirmed = uow.nominations.list("lsc-t4t", statuses=frozenset({Status.CONFIRMED}))
        assert len(confirmed) == 30


def test_moves_and_confirmations_racing_for_a_cohorts_last_places_never_overfill_it(
    uow_factory,
) -> None:
    """Cohort 2 has 2 places left; 10 participants move in from Cohort 1 while 10 new places
    are confirmed there, all at once: exactly 2 win, and nobody loses the place they had."""

    def confirmed(i: int, cohort: str) -> int:
        nid = pending(uow_factory(), f"U{i}", ics=f"ics-{i // 5:02d}", first=cohort)
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow_factory(), NOW
        )
        return nid

    for i in range(13):
        confirmed(i, "cohort-2")
    movers = [confirmed(i, "cohort-1") for i in range(13, 23)]
    newcomers = [pending(uow_factory(), f"U{i}", ics=f"ics-{i // 5:02d}") for i in range(23, 33)]

    def attempt(i: int) -> None:
        if i < 10:
            cmd = MovePlace(actor=COORDINATOR, nomination_id=movers[i], cohort_key="cohort-2")
            decisions.move_place(cmd, uow_factory(), NOW)
        else:
            nid = newcomers[i - 10]
            cmd = ConfirmPlace(actor=COORDINATOR, nomination_id=nid, cohort_key="cohort-2")
            decisions.confirm_place(cmd, uow_factory(), NOW)

    outcomes = hammer(20, attempt)
    assert outcomes == Counter({"ok": 2, NoPlacesLeft.__name__: 18})
    with uow_factory(read_only=True) as uow:
        held = uow.nominations.count_holding_place("lsc-t4t")
        joined = [uow.nominations.get(n).status is Status.CONFIRMED for n in newcomers]
        still = [uow.nominations.get(n) for n in movers]
    assert held["cohort-2"] == 15
    assert sum(held.values()) == 13 + 10 + sum(joined)  # a move neither adds nor frees a place
    assert all(n.status is Status.CONFIRMED for n in still)  # moved or not, each kept a place


def test_an_offered_place_accepted_many_times_at_once_and_confirmed_by_a_coordinator_once(
    uow_factory,
) -> None:
    """Thirty places held, one freed and offered: the offered person's accepts (several
    devices) and a coordinator's confirmations of others race for it; exactly one wins."""
    from domain.kernel.people import Actor
    from handlers.nominations import offers

    ids = [
        pending(uow_factory(), f"U{i}", ics=f"ics-{i // 5:02d}", first=f"cohort-{i % 2 + 1}")
        for i in range(30)
    ] + [pending(uow_factory(), f"U{i}", ics=f"ics-{i // 5:02d}") for i in range(30, 34)]
    for nid in ids[:30]:
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow_factory(), NOW
        )
    for nid in ids[30:]:
        decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=nid), uow_factory(), NOW)
    decisions.withdraw(Withdraw(actor=COORDINATOR, nomination_id=ids[0]), uow_factory(), NOW)
    offered, others = ids[30], ids[31:]
    accept = AnswerOffer(actor=Actor(user_id="U30"), nomination_id=offered, accept=True)

    def attempt(i: int) -> None:
        if i < 8:
            offers.answer_offer(accept, uow_factory(), NOW)
        else:
            cmd = ConfirmPlace(actor=COORDINATOR, nomination_id=others[i % len(others)])
            decisions.confirm_place(cmd, uow_factory(), NOW)

    outcomes = hammer(12, attempt)
    assert outcomes["ok"] == 1 and set(outcomes) <= {"ok", "InvalidTransition", "NoPlacesLeft"}
    with uow_factory(read_only=True) as uow:
        assert uow.nominations.get(offered).status is Status.CONFIRMED
        assert sum(uow.nominations.count_holding_place("lsc-t4t").values()) == 30
        assert {uow.nominations.get(n).status for n in others} == {Status.WAITLISTED}


def test_double_clicks_on_the_same_card_confirm_once(uow_factory) -> None:
    nid = pending(uow_factory(), "UA")

    def attempt(_: int) -> None:
        decisions.confirm_place(
            ConfirmPlace(actor=COORDINATOR, nomination_id=nid), uow_factory(), NOW
        )

    outcomes = hammer(10, attempt)
    assert outcomes == Counter({"ok": 1, "InvalidTransition": 9})


def _nominate_in_process(url: str, start: multiprocessing.synchronize.Event, i: int) -> str:
    crypto.use_keys(DATA_KEY)  # a fresh interpreter, as a bot process would be
    factory = UnitOfWorkFactory(create_engine_for(url))
    start.wait()
    cmd = Nominate(
        actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id=f"UP{i}"
    )
    return persist(lambda: h.nominate(cmd, factory(), NOW))


def test_separate_processes_on_one_sqlite_file_respect_the_ics_limit(tmp_path) -> None:
    """Several bot processes sharing one SQLite file still never make a sixth nomination."""
    from handlers.programme_admin.configuration import sync_configuration
    from storage.kernel.migrate import upgrade
    from tests.factories import configuration

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    engine = create_engine_for(url)
    upgrade(engine)
    sync_configuration(configuration(), UnitOfWorkFactory(engine)(), NOW)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(8) as pool:
            results = pool.starmap_async(_nominate_in_process, [(url, start, i) for i in range(24)])
            start.set()
            outcomes = Counter(results.get(timeout=120))
    assert outcomes == Counter({"ok": 5, QuotaExceeded.__name__: 19})
    with UnitOfWorkFactory(engine)(read_only=True) as uow:
        assert uow.nominations.count_active("lsc-t4t", "kent-medway") == 5


def test_a_request_gives_up_on_a_held_lock_in_time_and_changes_nothing(uow_factory) -> None:
    """Another transaction holds the programme for long: a person's request says Cascade is
    busy (inside Slack's 3 s) instead of waiting and being applied after Slack gave up."""
    import time

    holder = uow_factory.patient()
    with holder:
        holder.programmes.lock("lsc-t4t")  # held until the block ends
        started = time.monotonic()
        cmd = Nominate(
            actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id="UWAIT"
        )
        with pytest.raises(Busy, match="nothing was changed"):
            h.nominate(cmd, uow_factory(), NOW)
        assert time.monotonic() - started < 2.5
    with uow_factory(read_only=True) as uow:
        assert uow.nominations.active_for("lsc-t4t", "UWAIT") is None


def test_background_work_waits_for_a_lock_held_longer_than_a_person_would(uow_factory) -> None:
    """Sending and planning wait their turn: a lock held past a person's 1.5 s bound (each
    connection's default on PostgreSQL) delays them, and they are then carried out."""
    import threading
    import time

    from storage.kernel.engine import REQUEST_WAIT_MS

    held = threading.Event()

    def hold() -> None:
        with uow_factory.patient() as holder:
            holder.programmes.lock("lsc-t4t")
            held.set()
            time.sleep(REQUEST_WAIT_MS / 1000 + 0.5)

    holding = threading.Thread(target=hold)
    holding.start()
    assert held.wait(5)
    started = time.monotonic()
    cmd = Nominate(
        actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id="UPATIENT"
    )
    h.nominate(cmd, uow_factory.patient(), NOW)  # waits for the holder, then nominates
    waited = time.monotonic() - started
    holding.join()
    assert waited > REQUEST_WAIT_MS / 1000
    with uow_factory(read_only=True) as uow:
        assert uow.nominations.active_for("lsc-t4t", "UPATIENT") is not None
