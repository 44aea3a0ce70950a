"""Contract tests (fake, SQLite, PostgreSQL) for debrief requests; one taker under
concurrency."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from domain.kernel.errors import NotFound
from domain.networks.debrief import Debrief, DebriefKind
from tests.factories import NOW
from tests.integration.test_concurrency import hammer


def test_a_request_is_stored_taken_once_and_read_back(uow) -> None:
    with uow() as u:
        first = u.debriefs.add(Debrief("UF", DebriefKind.GROUP, "After the circle", NOW))
        u.debriefs.add(Debrief("UG", DebriefKind.ONE_TO_ONE, "", NOW + timedelta(hours=1)))
        u.commit()
    with uow() as u:
        assert u.debriefs.take(first.id, "US", NOW) is True
        assert u.debriefs.take(first.id, "UT", NOW) is False
        assert u.debriefs.take(999, "UT", NOW) is False
        u.commit()
    with uow(read_only=True) as u:
        got = u.debriefs.get(first.id)
        assert (got.taken_by, got.taken_at, got.about) == ("US", NOW, "After the circle")
        assert [d.requester for d in u.debriefs.list()] == ["UF", "UG"]
        assert [d.kind for d in u.debriefs.list("UG")] == [DebriefKind.ONE_TO_ONE]
        with pytest.raises(NotFound):
            u.debriefs.get(999)


def test_requests_are_listed_in_the_order_they_were_asked_for(uow) -> None:
    with uow() as u:
        late = u.debriefs.add(Debrief("UF", DebriefKind.GROUP, "Later", NOW + timedelta(hours=2)))
        early = u.debriefs.add(Debrief("UG", DebriefKind.GROUP, "Earlier", NOW))
        again = u.debriefs.add(Debrief("UF", DebriefKind.ONE_TO_ONE, "Same time", NOW))
        u.commit()
    with uow(read_only=True) as u:
        assert [d.id for d in u.debriefs.list()] == [early.id, again.id, late.id]
        assert [d.id for d in u.debriefs.list("UF")] == [again.id, late.id]
        assert u.debriefs.list("UNOBODY") == []


def test_erasing_someone_removes_them_and_what_they_asked_about(uow) -> None:
    with uow() as u:
        mine = u.debriefs.add(Debrief("UF", DebriefKind.GROUP, "A hard week", NOW))
        theirs = u.debriefs.add(Debrief("UG", DebriefKind.GROUP, "Kept", NOW))
        u.debriefs.take(theirs.id, "UF", NOW)
        assert u.debriefs.anonymise("UF", "erased-1") == 2
        u.commit()
    with uow(read_only=True) as u:
        assert (u.debriefs.get(mine.id).requester, u.debriefs.get(mine.id).about) == (
            "erased-1",
            "",
        )
        assert (u.debriefs.get(theirs.id).taken_by, u.debriefs.get(theirs.id).about) == (
            "erased-1",
            "Kept",
        )


def test_many_supervisors_at_once_leave_one_taker(uow_factory) -> None:
    with uow_factory() as u:
        debrief = u.debriefs.add(Debrief("UF", DebriefKind.ONE_TO_ONE, "", NOW))
        u.commit()
    took: Counter[bool] = Counter()

    def attempt(i: int) -> None:
        with uow_factory.patient() as u:
            took[u.debriefs.take(debrief.id, f"US{i}", NOW)] += 1
            u.commit()

    assert hammer(12, attempt) == Counter({"ok": 12})
    assert took == Counter({True: 1, False: 11})
