"""Repositories and the unit of work against real SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, insert, select, text

from domain.kernel.errors import ConcurrentChange, NotFound
from domain.kernel.outbox import KernelReason
from domain.nominations.nomination import Status
from domain.nominations.preference import Preference
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import Nominate, Waitlist, Withdraw
from handlers.programme_admin.configuration import sync_configuration
from storage.kernel.engine import create_engine_for
from storage.kernel.migrate import SchemaOutOfDate, ensure_up_to_date
from storage.tables import AuditRow, NominationRow
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import COORDINATOR, NOW, configuration, programme
from tests.unit.test_nomination_handlers import allocate, pending


def test_programme_configuration_round_trips(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory(read_only=True) as uow:
        assert uow.programmes.get("lsc-t4t") == programme()
        assert [i.key for i in uow.ics.list()][:2] == ["ics-00", "ics-01"]
        assert uow.ics.get("kent-medway").leads == ("ULEADKM",)
        with pytest.raises(NotFound):
            uow.programmes.get("nope")
    assert sync_configuration(configuration(ics_count=22), uow_factory(), NOW) == []


def test_nomination_round_trips_with_preference_and_audit(uow_factory, engine: Engine) -> None:
    nid = pending(uow_factory(), "UA", first="cohort-2", either=True)
    allocate(uow_factory(), nid)
    with uow_factory(read_only=True) as uow:
        n = uow.nominations.get(nid)
        assert n.status is Status.CONFIRMED and n.cohort_key == "cohort-2"
        assert n.preference == Preference("cohort-2", None, True)
        assert n.eligibility_confirmed_at == NOW and n.created_at.tzinfo is not None
        assert uow.nominations.count_holding_place("lsc-t4t") == {"cohort-2": 1}
        assert uow.nominations.count_active("lsc-t4t", "kent-medway") == 1
        assert uow.nominations.active_for("lsc-t4t", "UA").id == nid
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.from_status, AuditRow.to_status, AuditRow.actor)
            .where(AuditRow.subject == f"nomination:{nid}")
            .order_by(AuditRow.id)
        ).all()
    assert rows == [
        (None, "nominated", "UCOORD"),
        ("nominated", "pending_review", "UA"),
        ("pending_review", "confirmed", "UCOORD"),
    ]


def test_uncommitted_work_is_rolled_back(uow_factory) -> None:
    with uow_factory() as uow:
        uow.ics.save(uow.ics.get("kent-medway").model_copy(update={"name": "Changed"}))
    with uow_factory(read_only=True) as uow:
        assert uow.ics.get("kent-medway").name == "Kent and Medway"


def test_database_refuses_a_second_active_nomination_for_a_person(uow_factory, engine) -> None:
    """The partial unique index is a safety net behind the locks."""
    nominee = h.nominate(
        Nominate(actor=COORDINATOR, programme_key="lsc-t4t", ics_key="sussex", nominee_id="UA"),
        uow_factory(),
        NOW,
    )
    row = {
        "programme_key": "lsc-t4t",
        "ics_key": "kent-medway",
        "nominee_id": "UA",
        "nominated_by": "U",
        "note": "",
        "status": "nominated",
        "either": False,
        "reason": "",
        "created_at": NOW,
        "updated_at": NOW,
    }
    with pytest.raises(ConcurrentChange), uow_factory() as uow:
        uow.session.execute(insert(NominationRow).values(**row))
    decisions.withdraw(
        Withdraw(actor=COORDINATOR, nomination_id=nominee.nomination.id), uow_factory(), NOW
    )
    with uow_factory() as uow:  # allowed once the first one is no longer active
        uow.session.execute(insert(NominationRow).values(**row))
        uow.commit()


def test_start_up_refuses_an_unmigrated_database(tmp_path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'new.db'}")
    with pytest.raises(SchemaOutOfDate, match="Run `cascade db upgrade`"):
        ensure_up_to_date(engine)


def test_sqlite_is_set_up_for_concurrency(tmp_path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_withdrawal_promotes_from_the_waitlist_in_one_transaction(uow_factory) -> None:
    ids = [pending(uow_factory(), f"U{i}", ics=f"ics-{i // 5:02d}") for i in range(16)]
    for nid in ids[:15]:
        allocate(uow_factory(), nid)
    decisions.waitlist(Waitlist(actor=COORDINATOR, nomination_id=ids[15]), uow_factory(), NOW)
    out = decisions.withdraw(Withdraw(actor=COORDINATOR, nomination_id=ids[0]), uow_factory(), NOW)
    assert out.promoted is not None and out.promoted.id == ids[15]
    with uow_factory(read_only=True) as uow:
        offered = uow.nominations.get(ids[15])
        assert (offered.status, offered.cohort_key) == (Status.OFFERED, "cohort-1")
        assert offered.offer_expires_at == NOW + timedelta(days=5)  # 3 working days
        assert uow.nominations.count_holding_place("lsc-t4t") == {"cohort-1": 15}  # kept
        assert uow.nominations.active_for("lsc-t4t", "U15") == offered


def test_the_migrations_build_exactly_the_schema_the_code_declares(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from storage.tables import Base

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_requests_stored_as_one_statement_are_kept_once_each(uow_factory) -> None:
    """The intake's unit of work (no transaction around its one insert on PostgreSQL): what it
    stores is there for everyone at once, a retry is stored once, and nothing else leaks."""
    from domain.kernel.inbox import Request
    from handlers.kernel.inbox import accept_all

    def request(key: str) -> Request:
        return Request(key, "waitlist", "UCOORD", {"nomination_id": 1}, NOW, "CREVIEW")

    first = accept_all([request("K1"), request("K2"), request("K1")], uow_factory.one_statement())
    assert [a.new for a in first] == [True, True, False]
    again = accept_all([request("K2"), request("K3")], uow_factory.one_statement())
    assert [a.new for a in again] == [False, True]
    with uow_factory(read_only=True) as uow:
        assert sorted(r.key for r in uow.inbox.list()) == ["K1", "K2", "K3"]


def test_a_request_refused_after_the_inbox_emptied_still_gets_its_answer(uow_factory) -> None:
    """Each refusal's answer is keyed by its request: a later request must never share an
    earlier one's key (its answer would be dropped as a duplicate, the person told nothing)."""
    from handlers.kernel.inbox import accept, carry_out

    for i, key in enumerate(("K1", "K2", "K3")):
        command = Waitlist(actor=COORDINATOR, nomination_id=900 + i)  # forged: no such one
        assert accept(command, key, uow_factory.one_statement(), NOW, reply_channel="CREVIEW").new
        with uow_factory() as uow:
            (request,) = uow.inbox.claim(NOW, NOW + timedelta(minutes=1), 10, "worker")
            uow.commit()
        carry_out(request, uow_factory, NOW, COORDINATOR)
        with uow_factory(read_only=True) as uow:
            assert uow.inbox.count() == 0
            answers = uow.outbox.list(recipient=COORDINATOR.user_id, reason=KernelReason.REPLY)
        assert len(answers) == i + 1, f"the answer to request {key} was dropped"
        assert all(m.payload["refusal"] for m in answers)


def test_upgrading_sqlite_gives_no_request_an_id_an_earlier_answer_was_keyed_by(tmp_path) -> None:
    """Answers written before the upgrade keep their keys: the next request's id is above
    every id they name, though the inbox is empty by then."""
    from storage.kernel.migrate import upgrade

    engine = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0018")
    with engine.begin() as connection:
        for subject in ("request:41", "request:9", "home"):
            connection.execute(
                text(
                    "INSERT INTO outbox (recipient, reason, subject, period, due_at, state, "
                    "attempts, last_error, payload, dirty, created_at, updated_at) VALUES "
                    "('UCOORD', :reason, :subject, '1', :at, 'sent', 1, '', '{}', 0, :at, :at)"
                ),
                {"subject": subject, "reason": "home" if subject == "home" else "reply", "at": NOW},
            )
    upgrade(engine)
    factory = UnitOfWorkFactory(engine)
    from handlers.kernel.inbox import accept

    assert accept(Waitlist(actor=COORDINATOR, nomination_id=1), "K1", factory(), NOW).new
    with factory(read_only=True) as uow:
        assert [r.id for r in uow.inbox.list()] == [42]
    engine.dispose()
