"""Contract tests (fake, SQLite, PostgreSQL) for people's leave, and leave booked twice at once
(SQLite, PostgreSQL): never overlapping, a double submission stored once."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from domain.kernel.errors import NotFound
from domain.kernel.people import Actor
from domain.leave.leave import InvalidLeave, Leave
from handlers.leave.commands import RecordLeave
from handlers.leave.leave import record_leave
from tests.factories import NOW
from tests.integration.test_concurrency import hammer


def leave(person: str = "ULT", start: date = date(2026, 10, 5), days: int = 5, **kw) -> Leave:
    end = start + timedelta(days=days - 1)
    return Leave(person=person, start=start, end=end, created_at=NOW, **kw)


def test_leave_reads_back_field_for_field(uow) -> None:
    with uow() as u:
        stored = u.leave.add(leave(reason="Surgery <private>", client_token="V1"))
        other = u.leave.add(leave("UANN", date(2026, 9, 1)))
        u.commit()
    assert stored.id is not None and other.id not in (None, stored.id)
    with uow() as u:
        found = u.leave.get(stored.id)
        assert found == stored and found.reason == "Surgery <private>"
        assert found.created_at.tzinfo is not None
        assert u.leave.by_token("ULT", "V1") == stored
        assert u.leave.by_token("UANN", "V1") is None
        assert [s.person for s in u.leave.list()] == ["UANN", "ULT"]  # earliest first
        assert u.leave.list("ULT") == [stored]


def test_leave_not_ended_by_a_day_for_some_people(uow) -> None:
    with uow() as u:
        past = u.leave.add(leave(start=date(2026, 9, 1)))  # to 5 Sep
        now = u.leave.add(leave(start=date(2026, 10, 1)))
        u.leave.add(leave("UANN", date(2026, 10, 1)))
        u.commit()
    with uow(read_only=True) as u:
        assert u.leave.not_ended(["ULT"], date(2026, 9, 5)) == {"ULT": [past, now]}
        assert u.leave.not_ended(["ULT"], date(2026, 9, 6)) == {"ULT": [now]}
        assert u.leave.not_ended(["UBEN"], date(2026, 9, 6)) == {}
        assert u.leave.not_ended([], date(2026, 9, 6)) == {}


def test_leave_is_shortened_removed_and_erased(uow) -> None:
    with uow() as u:
        mine = u.leave.add(leave(days=10))
        gone = u.leave.add(leave(start=date(2026, 12, 1)))
        theirs = u.leave.add(leave("UANN"))
        u.commit()
    with uow() as u:
        u.leave.lock_person("ULT")
        u.leave.shorten(mine.id, date(2026, 10, 6))
        u.leave.remove(gone.id)
        u.commit()
    with uow() as u:
        assert u.leave.get(mine.id).end == date(2026, 10, 6)
        with pytest.raises(NotFound):
            u.leave.get(gone.id)
        assert u.leave.erase("ULT") == 1
        u.commit()
    with uow(read_only=True) as u:
        assert u.leave.list() == [theirs]


def book(uow, start: date, token: str | None = None) -> Leave:
    cmd = RecordLeave(
        actor=Actor(user_id="ULT"), start=start, end=start + timedelta(days=6), client_token=token
    )
    return record_leave(cmd, uow(), NOW)


@pytest.mark.parametrize("uow", ["sqlite", "postgresql"], indirect=True)
def test_overlapping_leave_booked_at_once_is_stored_once(uow) -> None:
    outcomes = hammer(12, lambda i: book(uow, date(2026, 10, 5) + timedelta(days=i % 3)))
    assert outcomes == Counter({"ok": 1, InvalidLeave.__name__: 11})
    with uow(read_only=True) as u:
        assert len(u.leave.list("ULT")) == 1


@pytest.mark.parametrize("uow", ["sqlite", "postgresql"], indirect=True)
def test_a_form_submitted_twice_at_once_records_one_leave(uow) -> None:
    ids = []
    outcomes = hammer(8, lambda i: ids.append(book(uow, date(2026, 10, 5), "VSAME").id))
    assert outcomes == Counter({"ok": 8}) and len(set(ids)) == 1
    with uow(read_only=True) as u:
        assert len(u.leave.list("ULT")) == 1
