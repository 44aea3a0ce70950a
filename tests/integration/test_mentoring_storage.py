"""Contract tests (fake, SQLite, PostgreSQL) for mentoring pairs and the sessions they log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.accreditation.mentoring import Pair
from domain.kernel.errors import NotFound
from domain.supervision.entries import Entry, Kind
from tests.factories import NOW

SESSIONS = ("mentoring-given", "mentoring-received")


def pair(mentor: str = "UM", mentee: str = "UA", **kw) -> Pair:
    return Pair(mentor, mentee, kw.pop("paired_by", "UCOORD"), kw.pop("paired_at", NOW), **kw)


def test_pairs_are_active_until_they_end(uow) -> None:
    with uow() as u:
        u.pairs.lock_mentor("UM")
        first = u.pairs.add(pair(paired_at=NOW - timedelta(days=1), line_manager="UM"))
        second = u.pairs.add(pair(mentee="UB", override_reason="No one else in the team"))
        third = u.pairs.add(pair("UN", "UA"))
        u.commit()
    assert len({first.id, second.id, third.id} - {None}) == 3
    with uow() as u:
        assert u.pairs.get(first.id) == first and first.line_manager == "UM"
        assert u.pairs.get(second.id).override_reason == "No one else in the team"
        assert u.pairs.active() == [first, second, third]
        assert u.pairs.active(mentor="UM") == [first, second]
        assert u.pairs.active(mentee="UA") == [first, third]
        assert u.pairs.active(mentor="UN", mentee="UA") == [third]
        u.pairs.end(first.id, NOW + timedelta(hours=2))
        u.commit()
    with uow() as u:
        ended = u.pairs.get(first.id)
        assert ended.ended_at == NOW + timedelta(hours=2) and ended.ended_at.tzinfo is not None
        assert u.pairs.active(mentor="UM") == [second]
        assert u.pairs.get(second.id).paired_at.tzinfo is not None


def test_a_missing_pair_is_not_found(uow) -> None:
    with uow() as u:
        with pytest.raises(NotFound, match="That mentoring pair no longer exists"):
            u.pairs.get(404)
        with pytest.raises(NotFound):
            u.pairs.end(404, NOW)


def test_erasing_a_person_replaces_their_id_in_every_pair(uow) -> None:
    with uow() as u:
        theirs = u.pairs.add(pair(line_manager="UM", override_reason="Small team"))
        managed = u.pairs.add(pair("UN", "UB", line_manager="UA", paired_by="UA"))
        other = u.pairs.add(pair("UN", "UC"))
        u.commit()
    with uow() as u:
        assert u.pairs.anonymise("UA", "erased-1") == 2
        u.commit()
    with uow() as u:
        gone = u.pairs.get(theirs.id)
        assert (gone.mentor, gone.mentee, gone.line_manager) == ("UM", "erased-1", "UM")
        assert gone.override_reason == ""  # why they were paired says who they are
        kept = u.pairs.get(managed.id)
        assert (kept.mentee, kept.paired_by, kept.line_manager) == ("UB", "erased-1", "erased-1")
        assert u.pairs.get(other.id) == other


def session(author: str, day: int, with_user: str | None, log_type: str = SESSIONS[0]) -> Entry:
    made = NOW.replace(day=day)
    return Entry(author, log_type, Kind.SUPERVISION, made.date(), made, with_user=with_user)


def test_sessions_credit_the_person_they_were_with(uow) -> None:
    with uow() as u:
        for entry in (
            session("UM", 3, "UA"),
            session("UM", 5, "UA"),
            session("UM", 4, "UA", "line-manager"),
            session("UN", 5, "UA", SESSIONS[1]),
            session("UM", 9, "UB"),
            session("UA", 8, "UM"),  # UA's own log: not credited to UA
            session("UA", 6, "UA"),  # nor one with themselves
            session("UM", 7, None),
        ):
            u.entries.add(entry)
        u.commit()
    with uow() as u:
        credited = u.entries.credited("UA", SESSIONS)
        assert [(e.author_id, e.occurred_on.day) for e in credited] == [
            ("UN", 5),
            ("UM", 5),
            ("UM", 3),
        ]
        assert u.entries.credited("UA", ["line-manager"])[0].author_id == "UM"
        assert u.entries.credited("UZ", SESSIONS) == []
        assert u.entries.latest_between(SESSIONS) == {
            ("UM", "UA"): date(2026, 10, 5),
            ("UN", "UA"): date(2026, 10, 5),
            ("UM", "UB"): date(2026, 10, 9),
            ("UA", "UM"): date(2026, 10, 8),
            ("UA", "UA"): date(2026, 10, 6),
        }
        assert u.entries.latest_between(["nothing"]) == {}
