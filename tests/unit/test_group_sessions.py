"""Group sessions: scheduling and its rules, answers, cancelling, attendance that credits
requirements (once), the reminder the day before, and erasure."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest

from domain.group_sessions.reasons import GroupSessionReason
from domain.group_sessions.sessions import Answer, InvalidSession
from domain.kernel.errors import NotAllowed, NotFound
from domain.kernel.people import Actor
from domain.supervision.entries import Entry, Kind
from domain.supervision.requirements import Standing
from handlers.accounts.erasure import erase_person
from handlers.group_sessions.commands import (
    AnswerGroupSession,
    CancelGroupSession,
    RecordGroupAttendance,
    ScheduleGroupSession,
)
from handlers.group_sessions.reads import group_home, group_session_reminders
from handlers.group_sessions.sessions import (
    answer_invitation,
    cancel_session,
    record_attendance,
    schedule_session,
)
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import DeleteEntry
from handlers.supervision.entries import delete_entry, my_record
from tests.factories import COORDINATOR, NOW, full_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

LT = Actor(user_id="ULT")  # a lead trainer (from the configuration)
DAY = date(2026, 10, 14)  # a Wednesday; London is on BST (UTC+1)
START = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)  # 10:00 in London
AFTER = START + timedelta(hours=3)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(ics_count=4), uow, NOW)
    return uow


def schedule(uow, actor=LT, now=NOW, **fields):
    data = {
        "kind": "review-group",
        "title": "Autumn review group",
        "day": DAY,
        "start": time(10, 0),
        "end": time(12, 30),
        "place": "https://meet.example/review & <more>",
        "invitees": ("UANN", "UBEN"),
    }
    data.update(fields)
    return schedule_session(ScheduleGroupSession(actor=actor, **data), uow, now)


def answer(uow, session_id, person="UANN", going=True, now=NOW):
    cmd = AnswerGroupSession(actor=Actor(user_id=person), session_id=session_id, going=going)
    return answer_invitation(cmd, uow, now)


def attend(uow, session_id, *people, actor=LT, now=AFTER, others=()):
    cmd = RecordGroupAttendance(
        actor=actor, session_id=session_id, attended=frozenset(people), others=others
    )
    return record_attendance(cmd, uow, now)


def sent(uow, reason):
    return sorted((m.recipient, m.period) for m in uow.outbox.items.values() if m.reason is reason)


def test_a_lead_trainer_schedules_and_each_invitee_is_asked_with_a_calendar_file(uow) -> None:
    session, invited = schedule(uow)
    assert invited == 2 and session.id is not None
    assert (session.starts_at, session.ends_at) == (START, START + timedelta(hours=2.5))
    assert session.timezone == "Europe/London" and session.log_type == "review-group"
    assert sent(uow, GroupSessionReason.GROUP_INVITATION) == [("UANN", "1"), ("UBEN", "1")]
    assert sent(uow, GroupSessionReason.GROUP_CALENDAR) == [("UANN", "1"), ("UBEN", "1")]
    assert [n[2] for n in uow.audit.notes][-1:] == ["scheduled"]


def test_everyone_holding_a_role_is_invited(uow) -> None:
    _, invited = schedule(uow, invitees=(), roles=("lead-trainer",))
    assert invited == 1  # ULT: the other member is known only by an address nobody used yet
    home = group_home(LT, uow, NOW)
    assert [s.session.title for s in home.invited] == ["Autumn review group"]


def test_only_coordinators_and_the_kinds_organisers_may_schedule(uow) -> None:
    with pytest.raises(NotAllowed, match="Only coordinators and Lead trainers can schedule"):
        schedule(uow, actor=Actor(user_id="UANN"))
    assert schedule(uow, actor=COORDINATOR)[0].organiser == "UCOORD"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": "  "}, "title", "Give the session a title"),
        ({"title": "<!channel> come"}, "title", "leave out < and >"),
        ({"day": date(2026, 10, 1), "start": time(9, 0)}, "start", "start in the future"),
        ({"day": None}, "date", "Choose the day"),
        ({"end": None}, "end", "when the session ends"),
        ({"end": time(9, 0)}, "end", "end must be after the start"),
        ({"day": date(2029, 1, 1)}, "date", "two years ahead"),
        ({"place": " "}, "place", "joining link"),
        ({"invitees": ()}, "invitees", "Invite someone"),
        ({"kind": "supervision-day"}, "agenda", "supervision day needs an agenda"),
        ({"kind": "tea-party"}, "kind", "what kind of group session"),
        ({"ics_key": "atlantis"}, "ics", "no ICS"),
        ({"roles": ("astronaut",)}, "roles", "no role"),
    ],
)
def test_each_bad_field_is_refused_by_name(uow, fields, field, words) -> None:
    with pytest.raises((InvalidSession, NotFound)) as refused:
        schedule(uow, **fields)
    assert refused.value.field == field and words in refused.value.message
    assert uow.group_sessions.items == {} and uow.outbox.items == {}


def test_a_repeated_submission_schedules_once(uow) -> None:
    first, _ = schedule(uow, client_token="V1")
    again, invited = schedule(uow, client_token="V1")
    assert again.id == first.id and invited == 2 and len(uow.group_sessions.items) == 1
    assert len(sent(uow, GroupSessionReason.GROUP_INVITATION)) == 2


def test_answers_are_recorded_and_changed_until_the_start(uow) -> None:
    session, _ = schedule(uow)
    answer(uow, session.id, "UANN", going=True)
    answer(uow, session.id, "UBEN", going=False)
    answer(uow, session.id, "UBEN", going=True, now=NOW + timedelta(days=1))
    (mine,) = group_home(LT, uow, NOW).managing
    assert mine.answered(Answer.GOING) == ["UANN", "UBEN"]
    notes = [(n[0], n[2]) for n in uow.audit.notes if n[2].startswith("answered")]
    assert notes == [
        ("UANN", "answered going"),
        ("UBEN", "answered not-going"),
        ("UBEN", "answered going"),
    ]
    with pytest.raises(NotAllowed, match="already started"):
        answer(uow, session.id, "UANN", going=False, now=START)
    with pytest.raises(NotAllowed, match="not invited"):
        answer(uow, session.id, "UCAT")
    with pytest.raises(NotFound):
        answer(uow, 999)


def test_cancelling_tells_everyone_invited_and_only_the_organiser_or_a_coordinator_may(
    uow,
) -> None:
    session, _ = schedule(uow)
    with pytest.raises(NotAllowed, match="organiser or a coordinator"):
        cancel_session(
            CancelGroupSession(actor=Actor(user_id="UANN"), session_id=session.id), uow, NOW
        )
    cancel_session(CancelGroupSession(actor=COORDINATOR, session_id=session.id), uow, NOW)
    assert sent(uow, GroupSessionReason.GROUP_CANCELLED) == [
        ("UANN", "1"),
        ("UBEN", "1"),
        ("ULT", "1"),
    ]
    assert ("UANN", "cancelled") in sent(uow, GroupSessionReason.GROUP_CALENDAR)
    with pytest.raises(NotAllowed, match="cancelled already"):
        cancel_session(CancelGroupSession(actor=LT, session_id=session.id), uow, NOW)
    with pytest.raises(NotAllowed, match="cancelled"):
        answer(uow, session.id)
    with pytest.raises(NotAllowed, match="nobody attended"):
        attend(uow, session.id, "UANN")


def test_a_started_session_cannot_be_cancelled(uow) -> None:
    session, _ = schedule(uow)
    with pytest.raises(NotAllowed, match="record who came instead"):
        cancel_session(CancelGroupSession(actor=LT, session_id=session.id), uow, START)


def overdue_review(uow, person="ULT") -> None:
    """The lead trainer's last review group was 13 months ago: overdue."""
    uow.entries.add(
        Entry(person, "review-group", Kind.SUPERVISION, date(2025, 9, 1), NOW, duration_minutes=90)
    )


def standing(uow, person="ULT", now=AFTER) -> Standing:
    record = my_record(Actor(user_id=person), uow, now)
    return next(s.standing for s in record.standing if s.requirement.key == "lt-review")


def test_recorded_attendance_meets_each_attendees_requirement_once(uow) -> None:
    overdue_review(uow)
    session, _ = schedule(uow, invitees=("ULT", "UANN", "UBEN"))
    assert standing(uow) is Standing.OVERDUE
    with pytest.raises(NotAllowed, match="has not started yet"):
        attend(uow, session.id, "ULT", now=NOW)
    done = attend(uow, session.id, "ULT", "UANN")
    assert done.added == ("UANN", "ULT") and done.removed == ()
    assert standing(uow) is Standing.MET
    (entry,) = [e for e in uow.entries.list("ULT") if e.group_session_id == session.id]
    assert (entry.occurred_on, entry.duration_minutes, entry.log_type) == (DAY, 150, "review-group")
    again = attend(uow, session.id, "ULT", "UANN", now=AFTER + timedelta(days=1))
    assert again.added == again.removed == ()
    assert len(uow.group_sessions.attendance([session.id])[session.id]) == 2
    assert sent(uow, GroupSessionReason.GROUP_ATTENDED) == [
        ("UANN", f"{AFTER:%Y%m%dT%H%M%S.%f}"),
        ("ULT", f"{AFTER:%Y%m%dT%H%M%S.%f}"),
    ]


def test_taking_someone_off_removes_their_credit(uow) -> None:
    overdue_review(uow)
    session, _ = schedule(uow, invitees=("ULT", "UANN"))
    attend(uow, session.id, "ULT", "UANN")
    done = attend(uow, session.id, "UANN")
    assert done.removed == ("ULT",) and standing(uow) is Standing.OVERDUE


def test_the_attendees_cannot_change_or_delete_the_credited_entry(uow) -> None:
    session, _ = schedule(uow, invitees=("ULT",))
    attend(uow, session.id, "ULT")
    (entry,) = uow.entries.list("ULT")
    assert not entry.editable(AFTER)
    with pytest.raises(NotAllowed, match="recorded by its organiser"):
        delete_entry(DeleteEntry(actor=LT, entry_id=entry.id), uow, AFTER)


def test_attendance_is_for_the_organiser_or_a_coordinator_and_for_invitees(uow) -> None:
    session, _ = schedule(uow)
    with pytest.raises(NotAllowed, match="organiser or a coordinator"):
        attend(uow, session.id, "UANN", actor=Actor(user_id="UANN"))
    with pytest.raises(InvalidSession, match="UCAT> was not invited") as refused:
        attend(uow, session.id, "UCAT")
    assert refused.value.field == "attended"
    done = attend(uow, session.id, "UANN", actor=COORDINATOR, others=("UCAT",))
    assert done.present == ("UANN", "UCAT")  # someone who came uninvited is added
    with pytest.raises(NotAllowed, match="up to a year"):
        attend(uow, session.id, "UANN", now=START + timedelta(days=366))


def test_those_going_are_reminded_the_working_day_before(uow) -> None:
    session, _ = schedule(uow)
    answer(uow, session.id, "UANN", going=True)
    answer(uow, session.id, "UBEN", going=False)
    policy = uow.catalogue.get().reminders

    def due(now):
        return [(m.recipient, m.due_at) for m in group_session_reminders(uow, policy, now, {})]

    assert due(NOW) == []
    day_before = datetime(2026, 10, 13, 8, 0, tzinfo=UTC)  # 09:00 in London
    assert due(day_before) == [("UANN", day_before)]
    assert due(START) == []  # started: nothing more to say
    cancel_session(CancelGroupSession(actor=LT, session_id=session.id), uow, NOW)
    assert due(day_before) == []


def test_erasing_a_person_anonymises_their_invitations_and_sessions(uow) -> None:
    session, _ = schedule(uow)
    answer(uow, session.id, "UANN")
    alias = erase_person("UANN", uow, NOW)
    people = [i.person for i in uow.group_sessions.invitees([session.id])[session.id]]
    assert "UANN" not in people and alias in people
    erase_person("ULT", uow, NOW)
    assert uow.group_sessions.get(session.id).organiser.startswith("erased-")


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ({"log_type": "tea"}, "unknown log type 'tea'"),
        ({"organised_by": ["astronaut"]}, "unknown role(s) ['astronaut']"),
        ({"key": "review-group", "name": "Again"}, "duplicate session kind key(s): review-group"),
    ],
)
def test_a_bad_session_kind_in_the_programme_file_is_named(kind, words) -> None:
    from pydantic import ValidationError

    from domain.programme_admin.configuration import Configuration
    from tests.factories import catalogue_config, ics_list, programme

    catalogue = catalogue_config()
    catalogue["session_kinds"].append({"key": "x", "name": "X", "log_type": "review-group"} | kind)
    with pytest.raises(ValidationError, match=re.escape(words)):
        Configuration(programmes=(programme(),), ics=ics_list(2), **catalogue)
