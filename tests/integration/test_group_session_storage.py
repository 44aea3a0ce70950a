"""Contract tests (fake, SQLite, PostgreSQL) for group sessions and their invitees, and
attendance recorded by two organisers at once (SQLite, PostgreSQL): credited once."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.group_sessions.sessions import Answer, GroupSession
from domain.kernel.errors import ConcurrentChange, NotFound
from domain.kernel.people import Actor
from domain.supervision.entries import Entry, Kind
from handlers.group_sessions.commands import RecordGroupAttendance
from handlers.group_sessions.sessions import record_attendance
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import COORDINATOR, NOW, full_configuration
from tests.integration.test_concurrency import hammer

START = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)


def group(organiser: str = "ULT", **kw) -> GroupSession:
    values = {
        "kind": "review-group",
        "log_type": "review-group",
        "title": "Autumn review group",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "timezone": "Europe/London",
        "place": "Room 4 & <the annexe>",
        "agenda": "Arrive and coffee\nReports",
        "organiser": organiser,
        "created_at": NOW,
        "ics_key": "kent-medway",
    }
    return GroupSession(**values | kw)


def credit(person: str, session_id: int) -> Entry:
    return Entry(
        person,
        "review-group",
        Kind.SUPERVISION,
        date(2026, 10, 14),
        NOW,
        duration_minutes=120,
        group_session_id=session_id,
    )


def test_a_session_reads_back_field_for_field(uow) -> None:
    with uow() as u:
        stored = u.group_sessions.add(group(), "V1")
        plain = u.group_sessions.add(group("UCOORD", agenda="", ics_key=None))
        u.commit()
    assert stored.id is not None and plain.id not in (None, stored.id)
    with uow() as u:
        found = u.group_sessions.get(stored.id)
        assert found == stored and found.starts_at.tzinfo is not None
        assert u.group_sessions.lock(plain.id) == plain
        assert u.group_sessions.by_token("ULT", "V1") == stored
        assert u.group_sessions.by_token("UCOORD", "V1") is None
        for read in (u.group_sessions.get, u.group_sessions.lock):
            with pytest.raises(NotFound, match="That group session no longer exists"):
                read(404)


def test_the_same_form_twice_is_refused_by_the_token(uow) -> None:
    with uow() as u:
        u.group_sessions.add(group(), "V1")
        u.commit()
    with pytest.raises(ConcurrentChange), uow() as u:
        u.group_sessions.add(group(), "V1")
        u.commit()


def test_sessions_are_listed_soonest_first_and_cancelled_ones_say_so(uow) -> None:
    with uow() as u:
        later = u.group_sessions.add(
            group(starts_at=START + timedelta(days=7), ends_at=START + timedelta(days=7, hours=1))
        )
        sooner = u.group_sessions.add(group("UCOORD"))
        u.group_sessions.cancel(sooner.id, "UCOORD", NOW)
        u.commit()
    with uow() as u:
        assert [s.id for s in u.group_sessions.list()] == [sooner.id, later.id]
        assert [s.id for s in u.group_sessions.list(organiser="ULT")] == [later.id]
        ending = START + timedelta(hours=2)
        assert [s.id for s in u.group_sessions.list(ending_after=ending)] == [later.id]
        cancelled = u.group_sessions.get(sooner.id)
        assert (cancelled.cancelled_at, cancelled.cancelled_by) == (NOW, "UCOORD")


def test_invitations_answers_and_attendance(uow) -> None:
    with uow() as u:
        s = u.group_sessions.add(group())
        other = u.group_sessions.add(group("UCOORD"))
        u.group_sessions.invite(s.id, ["UBEN", "UANN"], NOW)
        u.group_sessions.invite(s.id, ["UANN", "UCAT"], NOW + timedelta(hours=1))  # once each
        u.group_sessions.invite(other.id, ["UANN"], NOW)
        u.group_sessions.answer(s.id, "UANN", Answer.GOING, NOW + timedelta(hours=2))
        u.entries.add(credit("UANN", s.id))
        u.entries.add(credit("UANN", other.id))
        u.commit()
    with uow() as u:
        invited = u.group_sessions.invitees([s.id, other.id])
        assert [i.person for i in invited[s.id]] == ["UANN", "UBEN", "UCAT"]
        ann = invited[s.id][0]
        assert (ann.answer, ann.answered_at, ann.invited_at) == (
            Answer.GOING,
            NOW + timedelta(hours=2),
            NOW,
        )
        assert invited[s.id][1].answer is None and u.group_sessions.invitees([404]) == {}
        assert [x.id for x in u.group_sessions.invited_to("UANN", NOW)] == [s.id, other.id]
        assert u.group_sessions.invited_to("UANN", START + timedelta(hours=3)) == []
        attended = u.group_sessions.attendance([s.id, other.id])
        assert set(attended) == {s.id, other.id} and set(attended[s.id]) == {"UANN"}
        (entry,) = [e for e in u.entries.list("UANN") if e.group_session_id == s.id]
        assert attended[s.id]["UANN"] == entry.id


def test_an_answer_from_someone_not_invited_or_a_missing_session_changes_nothing(uow) -> None:
    with uow() as u:
        s = u.group_sessions.add(group())
        u.group_sessions.invite(s.id, ["UANN"], NOW)
        u.group_sessions.answer(s.id, "UZED", Answer.GOING, NOW)  # not invited
        u.group_sessions.answer(404, "UANN", Answer.GOING, NOW)
        u.group_sessions.cancel(404, "UCOORD", NOW)
        u.group_sessions.invite(s.id, [], NOW)
        u.commit()
    with uow() as u:
        assert [(i.person, i.answer) for i in u.group_sessions.invitees([s.id])[s.id]] == [
            ("UANN", None)
        ]
        assert u.group_sessions.get(s.id).cancelled_at is None
        with pytest.raises(NotFound):
            u.group_sessions.get(404)


def test_a_person_is_credited_once_per_session_whatever_the_code_does(uow) -> None:
    with uow() as u:
        s = u.group_sessions.add(group())
        u.entries.add(credit("UANN", s.id))
        u.commit()
    with pytest.raises(ConcurrentChange), uow() as u:
        u.entries.add(credit("UANN", s.id))
        u.commit()
    with uow() as u:  # entries logged by hand (no session) are not limited by it
        u.entries.add(replace(credit("UANN", s.id), group_session_id=None))
        u.entries.add(replace(credit("UANN", s.id), group_session_id=None))
        u.commit()
    with uow() as u:
        assert len(u.entries.list("UANN")) == 3


def test_erasure_takes_the_person_out_of_sessions(uow) -> None:
    with uow() as u:
        s = u.group_sessions.add(group(), "V1")
        u.group_sessions.invite(s.id, ["ULT", "UANN"], NOW)
        u.group_sessions.cancel(s.id, "ULT", NOW)
        assert u.group_sessions.anonymise("ULT", "erased-1") == 1
        u.commit()
    with uow() as u:
        found = u.group_sessions.get(s.id)
        assert (found.organiser, found.cancelled_by) == ("erased-1", "erased-1")
        assert [i.person for i in u.group_sessions.invitees([s.id])[s.id]] == ["UANN", "erased-1"]
        assert u.group_sessions.by_token("erased-1", "V1") is None


def test_two_organisers_recording_attendance_at_once_credit_each_person_once(uow_factory) -> None:
    """The organiser and a coordinator press Save at the same moment, many times over."""
    sync_configuration(full_configuration(ics_count=22), uow_factory(), NOW)
    people = [f"UP{i}" for i in range(8)]
    with uow_factory() as u:
        s = u.group_sessions.add(group())
        u.group_sessions.invite(s.id, people, NOW)
        u.commit()
    after = START + timedelta(hours=3)

    def attempt(i: int) -> None:
        actor = Actor(user_id="ULT") if i % 2 else COORDINATOR
        cmd = RecordGroupAttendance(actor=actor, session_id=s.id, attended=frozenset(people))
        record_attendance(cmd, uow_factory.patient(), after)

    assert hammer(10, attempt) == Counter({"ok": 10})
    with uow_factory(read_only=True) as u:
        assert set(u.group_sessions.attendance([s.id])[s.id]) == set(people)
        for person in people:
            assert len([e for e in u.entries.list(person) if e.group_session_id == s.id]) == 1
