"""Supervision entries on SQLite and PostgreSQL: round trip, de-duplication, erasure."""

from __future__ import annotations

from datetime import date, timedelta

from domain.kernel.people import Actor
from domain.nominations.reasons import NominationReason
from handlers.accounts.erasure import erase_person
from handlers.nominations.commands import Nominate, Withdraw
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry, my_record
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import NOW, full_configuration

ME = Actor(user_id="ULT")


def test_entries_round_trip_and_standing(engine) -> None:
    factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(), factory(), NOW)
    entry, _ = log_entry(
        LogEntry(
            actor=ME,
            log_type="line-manager",
            occurred_on=date(2026, 9, 1),
            with_user="UPAT",
            duration_minutes=45,
            notes="mine",
            action="Read chapter 3",
            action_due=date(2026, 10, 15),
            client_token="V1",
        ),
        factory(),
        NOW,
    )
    again, record = log_entry(
        LogEntry(
            actor=ME,
            log_type="review-group",
            occurred_on=date(2026, 9, 2),
            duration_minutes=240,
            client_token="V1",
        ),
        factory(),
        NOW,
    )
    assert again == entry
    (stored,) = my_record(ME, factory(read_only=True), NOW).entries
    assert stored == entry
    assert stored.action_due == date(2026, 10, 15) and stored.created_at == NOW
    manager = next(s for s in record.standing if s.requirement.key == "lt-manager")
    assert manager.due == date(2026, 12, 1)


def test_erasure_on_each_database(engine) -> None:
    factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(), factory(), NOW)
    for days in (1, 2):
        log_entry(
            LogEntry(
                actor=ME,
                log_type="review-group",
                duration_minutes=60,
                occurred_on=NOW.date() - timedelta(days=days),
                notes="x",
            ),
            factory(),
            NOW,
        )
    alias = erase_person("ULT", factory(), NOW)
    assert my_record(ME, factory(read_only=True), NOW).entries == []
    kept = my_record(Actor(user_id=alias), factory(read_only=True), NOW).entries
    assert len(kept) == 2 and {e.notes for e in kept} == {""}


def test_database_errors_never_carry_the_notes(engine) -> None:
    """Statement parameters are hidden from error messages (and so from logs)."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from storage.tables import EntryRow

    row = {
        "author_id": "ULT",
        "log_type": "review-group",
        "kind": "supervision",
        "occurred_on": NOW.date(),
        "with_name": "",
        "notes": "SECRET reflection",
        "action": "",
        "client_token": "V9",
        "created_at": NOW,
        "updated_at": NOW,
    }
    with engine.begin() as connection:
        connection.execute(insert(EntryRow), row)
    try:
        with engine.begin() as connection:
            connection.execute(insert(EntryRow), row)
    except IntegrityError as error:
        assert "SECRET" not in str(error)
    else:
        raise AssertionError("the duplicate was not refused")


def test_erasure_reaches_reminders_answers_and_audit_details(engine) -> None:
    from domain.kernel.outbox import Message
    from handlers.nominations import decisions
    from handlers.nominations import nominate as h
    from tests.factories import COORDINATOR

    factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(), factory(), NOW)
    made = h.nominate(
        Nominate(actor=COORDINATOR, programme_key="lsc-t4t", ics_key="sussex", nominee_id="ULT"),
        factory(),
        NOW,
    )
    nid = made.nomination.id
    decisions.withdraw(
        Withdraw(actor=COORDINATOR, nomination_id=nid, reason="ULT moved to Leeds"),
        factory(),
        NOW,
    )
    with factory() as uow:
        uow.outbox.add(
            [
                Message(
                    "ULT", NominationReason.ELIGIBILITY, f"nomination:{nid}", "1", NOW, {"x": 1}
                ),
                Message(
                    "ULEAD",
                    NominationReason.ELIGIBILITY_LEAD,
                    f"nomination:{nid}",
                    "1",
                    NOW,
                    {"nominee": "ULT"},
                ),
            ],
            NOW,
        )
        uow.cascade_answers.add(nid, False, "My manager left", NOW)
        uow.commit()
    alias = erase_person("ULT", factory(), NOW)
    with factory(read_only=True) as uow:
        left = uow.outbox.list()
        assert "ULT" not in {m.recipient for m in left}  # nothing more is sent to them
        (lead,) = [m for m in left if m.recipient == "ULEAD"]
        assert lead.payload == {"nominee": alias}
        assert uow.cascade_answers.latest([nid])[nid][1] == ""
        assert uow.nominations.get(nid).reason == ""
    from sqlalchemy import select

    from storage.tables import AuditRow

    with engine.connect() as connection:
        details = connection.scalars(
            select(AuditRow.detail).where(AuditRow.subject == f"nomination:{nid}")
        ).all()
    assert details and not any("Leeds" in d for d in details)
