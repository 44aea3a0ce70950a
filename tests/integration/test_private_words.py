"""Private words at rest (issue 26, part 1): what people write for a restricted audience is
never in the database as they wrote it, on SQLite (the file and its WAL, byte for byte) and on
PostgreSQL (its rows as the database returns them); Cascade still reads them back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, Text, cast, select

from domain.kernel.people import Actor
from domain.supervision.reasons import SupervisionReason
from handlers.kernel.inbox import request_for
from handlers.leave.commands import RecordLeave
from handlers.leave.leave import my_leave, record_leave
from handlers.nominations import decisions
from handlers.nominations.commands import Decline, Nominate
from handlers.programme_admin.configuration import sync_configuration
from handlers.reminders.plan import plan_reminders
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry, my_record
from storage.kernel import crypto, keys
from storage.tables import NominationRow
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import DATA_KEY
from tests.factories import COORDINATOR, LEAD_KM, NOW, full_configuration
from tests.unit.test_nomination_handlers import pending

ME = Actor(user_id="ULT")
ACTION_DUE = datetime(2026, 10, 15, 9, tzinfo=UTC)
WORDS = {
    "notes": "Reflection: the circle on Tuesday left me shaken",
    "action": "Ring Dr Okafor about the rota",
    "leave": "Compassionate leave, my father's funeral",
    "decline": "Not yet in a line-management role at Medway",
    "inbox": "Lead's note: returning from sick leave in May",
}


def _write_every_kind(factory: UnitOfWorkFactory) -> int:
    """One of each private word, through the use cases; the declined nomination's id."""
    sync_configuration(full_configuration(), factory(), NOW)
    log_entry(
        LogEntry(
            actor=ME,
            log_type="line-manager",
            occurred_on=date(2026, 9, 1),
            with_user="UPAT",
            duration_minutes=45,
            notes=WORDS["notes"],
            action=WORDS["action"],
            action_due=date(2026, 10, 15),
        ),
        factory(),
        NOW,
    )
    leave = RecordLeave(actor=ME, start=date(2026, 12, 14), end=date(2026, 12, 18))
    record_leave(leave.model_copy(update={"reason": WORDS["leave"]}), factory(), NOW)
    nid = pending(factory(), "UANN")
    decisions.decline(
        Decline(actor=COORDINATOR, nomination_id=nid, reason=WORDS["decline"]), factory(), NOW
    )
    asked = Nominate(
        actor=LEAD_KM,
        programme_key="lsc-t4t",
        ics_key="kent-medway",
        nominee_id="UBEN",
        note=WORDS["inbox"],
    )
    with factory() as uow:
        uow.inbox.accept([request_for(asked, "key-1", NOW)])
        uow.commit()
    plan_reminders(factory.patient, ACTION_DUE)  # the agreed action's reminder, words and all
    with factory(read_only=True) as uow:
        assert [
            m.payload["action"] for m in uow.outbox.list(reason=SupervisionReason.ACTION_DUE)
        ] == [WORDS["action"]]
    return nid


def _raw_values(engine: Engine) -> list[str]:
    """Every sealed column's values as the database holds them (no decryption)."""
    with engine.connect() as connection:
        return [
            value
            for column in keys.sealed_columns()
            for value in connection.execute(select(cast(column, Text))).scalars()
            if value
        ]


def test_private_words_are_stored_sealed_and_read_back_as_written(engine: Engine) -> None:
    factory = UnitOfWorkFactory(engine)
    nid = _write_every_kind(factory)

    raw = _raw_values(engine)
    assert not [value for value in raw for words in WORDS.values() if words in value]
    assert sum(crypto.PREFIX in value for value in raw) >= len(WORDS)

    (entry,) = my_record(ME, factory(read_only=True), NOW).entries
    assert (entry.notes, entry.action) == (WORDS["notes"], WORDS["action"])
    assert [stay.reason for stay in my_leave(ME, factory(read_only=True), NOW).leave] == [
        WORDS["leave"]
    ]
    with factory(read_only=True) as uow:
        assert uow.nominations.get(nid).reason == WORDS["decline"]
        (request,) = uow.inbox.list()
        assert request.payload["note"] == WORDS["inbox"]
        assert request.payload["ics_key"] == "kent-medway"  # still counted by the database


def test_the_sqlite_file_and_its_wal_hold_none_of_the_words(
    tmp_path: Path, migrated_sqlite
) -> None:
    from tests.conftest import sqlite_copy

    engine = sqlite_copy(migrated_sqlite, tmp_path / "at-rest.db")
    _write_every_kind(UnitOfWorkFactory(engine))
    files = [Path(engine.url.database or ""), Path(f"{engine.url.database}-wal")]
    held = b"".join(f.read_bytes() for f in files if f.exists())
    assert files[1].exists() and held  # the WAL is read too, not only what was checkpointed
    for words in WORDS.values():
        assert words.encode() not in held, words
    engine.dispose()


def test_a_missing_or_wrong_key_is_refused_before_any_words_are_read(engine: Engine) -> None:
    factory = UnitOfWorkFactory(engine)
    nid = _write_every_kind(factory)
    keys.check(engine)  # the tests' key opens it
    try:
        crypto.use_keys(None)
        with pytest.raises(crypto.DataKeyError, match="CASCADE_DATA_KEY is not set"):
            keys.check(engine)
        crypto.use_keys(crypto.new_key())
        with pytest.raises(crypto.DataKeyError, match="does not open the private words"):
            keys.check(engine)
        with pytest.raises(crypto.DataKeyError), factory(read_only=True) as uow:
            uow.nominations.get(nid)
    finally:
        crypto.use_keys(DATA_KEY)


def test_rotation_moves_every_word_to_the_new_key_and_seals_older_plain_text(
    engine: Engine,
) -> None:
    factory = UnitOfWorkFactory(engine)
    nid = _write_every_kind(factory)
    with engine.begin() as connection:  # as an older Cascade stored it: in plain text
        table = NominationRow.__table__
        connection.execute(
            table.update().where(table.c.id == nid).values(reason=cast("plain reason", Text))
        )
    new = crypto.new_key()
    try:
        crypto.use_keys(f"{new},{DATA_KEY}")
        counts = keys.rotate(engine)
        assert counts["nominations.reason"] >= 1 and sum(counts.values()) >= len(WORDS)
        crypto.use_keys(new)  # the old key is gone: everything opens under the new one alone
        keys.check(engine)
        assert "plain reason" not in " ".join(_raw_values(engine))
        with factory(read_only=True) as uow:
            assert uow.nominations.get(nid).reason == "plain reason"
        (entry,) = my_record(ME, factory(read_only=True), NOW).entries
        assert entry.notes == WORDS["notes"]
    finally:
        crypto.use_keys(DATA_KEY)


def test_the_first_start_with_a_key_seals_what_an_older_cascade_stored_in_plain_text(
    engine: Engine,
) -> None:
    factory = UnitOfWorkFactory(engine)
    nid = _write_every_kind(factory)
    with engine.begin() as connection:  # as an older Cascade stored it
        table = NominationRow.__table__
        connection.execute(
            table.update().where(table.c.id == nid).values(reason=cast("older words", Text))
        )
    assert "older words" in _raw_values(engine)
    keys.check(engine)  # the first start with a key
    assert "older words" not in " ".join(_raw_values(engine))
    with factory(read_only=True) as uow:
        assert uow.nominations.get(nid).reason == "older words"
    keys.check(engine)  # and the starts after it only read the check
