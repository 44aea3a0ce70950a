"""Logging supervision and deliveries, requirements and standing, privacy and erasure."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from domain.kernel.errors import NotAllowed, NotFound
from domain.kernel.people import Actor, Person
from domain.supervision.entries import InvalidEntry
from domain.supervision.requirements import Standing, add_months
from handlers.accounts.erasure import erase_person
from handlers.nominations import decisions
from handlers.nominations.commands import RecordAttendance
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import DeleteEntry, LogEntry
from handlers.supervision.compliance import compliance
from handlers.supervision.entries import delete_entry, log_entry, my_record
from tests.factories import COORDINATOR, NOW, full_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_nomination_handlers import allocate, pending

LEAD_TRAINER = Actor(user_id="ULT")
TODAY = date(2026, 10, 1)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(ics_count=4), uow, NOW)
    return uow


def log(uow, actor=LEAD_TRAINER, now=NOW, **fields):
    data = {
        "log_type": "line-manager",
        "occurred_on": TODAY,
        "with_name": "Pat (manager)",
        "duration_minutes": 60,
    }
    data.update(fields)
    return log_entry(LogEntry(actor=actor, **data), uow, now)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"occurred_on": TODAY + timedelta(days=1)}, "date", "cannot be in the future"),
        ({"occurred_on": TODAY - timedelta(days=366)}, "date", "at most one year"),
        ({"duration_minutes": 4}, "duration", "between 5 and 480"),
        ({"duration_minutes": 481}, "duration", "between 5 and 480"),
        ({"duration_minutes": None}, "duration", "between 5 and 480"),
        ({"with_name": ""}, "with_user", "Who was the 1:1 supervision"),
        ({"with_user": "UPAT"}, "with_name", "not both"),
        ({"action_due": TODAY}, "action", "Describe the agreed action"),
        ({"action": "Read", "action_due": TODAY - timedelta(days=1)}, "action_due", "before"),
        ({"log_type": "circle-delivered", "participants": 0}, "participants", "1 to 1000"),
    ],
)
def test_every_bad_field_is_refused_with_its_name(uow, fields, field, message) -> None:
    with pytest.raises(InvalidEntry, match=message) as refused:
        log(uow, **fields)
    assert refused.value.field == field
    assert uow.entries.items == {}


def test_unknown_type_is_refused_on_the_type_field(uow) -> None:
    with pytest.raises(NotFound) as refused:
        log(uow, log_type="knitting")
    assert refused.value.field == "log_type"


def test_a_logged_session_updates_the_standing_at_once(uow) -> None:
    before = my_record(LEAD_TRAINER, uow, NOW)
    assert {s.requirement.key: s.standing for s in before.standing} == {
        "lt-review": Standing.DUE_SOON,
        "lt-tutor": Standing.DUE_SOON,
        "lt-manager": Standing.DUE_SOON,
    }  # never logged: due now
    entry, record = log(uow, action="Book review group", action_due=TODAY + timedelta(days=14))
    assert entry.id and entry.notes == "" and entry.kind == "supervision"
    manager = next(s for s in record.standing if s.requirement.key == "lt-manager")
    assert (manager.last, manager.due, manager.standing) == (TODAY, date(2027, 1, 1), Standing.MET)
    _, record = log(
        uow,
        log_type="tutor-training-delivered",
        duration_minutes=None,
        with_name="",
        participants=12,
    )
    assert record.counts() == {"line-manager": 1, "tutor-training-delivered": 1}


def test_requirements_fall_overdue_after_their_period(uow) -> None:
    log(uow, log_type="review-group", with_name="", occurred_on=TODAY - timedelta(days=300))
    later = NOW + timedelta(days=70)
    review = next(
        s for s in my_record(LEAD_TRAINER, uow, later).standing if s.requirement.key == "lt-review"
    )
    assert review.standing is Standing.OVERDUE and not review.met
    assert review.due == add_months(TODAY - timedelta(days=300), 12)


def test_attending_the_training_makes_someone_an_lsc_facilitator(uow) -> None:
    nid = pending(uow, "UFAC")
    allocate(uow, nid)
    assert my_record(Actor(user_id="UFAC"), uow, NOW).standing == []
    after = datetime(2026, 11, 3, 12, tzinfo=NOW.tzinfo)
    decisions.record_attendance(
        RecordAttendance(actor=COORDINATOR, nomination_id=nid, attended=True), uow, after
    )
    (status,) = my_record(Actor(user_id="UFAC"), uow, after).standing
    assert status.requirement.key == "lsc-supervision"
    assert status.due == date(2027, 2, 2)  # three months after the cohort's last session


def test_a_repeated_submission_creates_one_entry(uow) -> None:
    first, _ = log(uow, client_token="V123")
    again, _ = log(uow, client_token="V123")
    assert again.id == first.id and len(uow.entries.items) == 1


def test_only_the_author_edits_or_deletes_and_only_for_30_days(uow) -> None:
    entry, _ = log(uow)
    with pytest.raises(NotAllowed, match="only change your own"):
        log(uow, actor=Actor(user_id="UOTHER"), entry_id=entry.id)
    edited, _ = log(uow, entry_id=entry.id, duration_minutes=90, notes="Felt heard")
    assert (edited.id, edited.duration_minutes, edited.notes) == (entry.id, 90, "Felt heard")
    with pytest.raises(NotAllowed, match="30 days"):
        delete_entry(
            DeleteEntry(actor=LEAD_TRAINER, entry_id=entry.id), uow, NOW + timedelta(days=31)
        )
    delete_entry(DeleteEntry(actor=LEAD_TRAINER, entry_id=entry.id), uow, NOW)
    assert uow.entries.items == {}


def test_people_are_dated_in_their_own_time_zone(uow) -> None:
    uow.people.save(Person(user_id="ULT", tz="Pacific/Auckland"), NOW)
    late_evening_utc = datetime(2026, 10, 1, 20, tzinfo=NOW.tzinfo)  # already 2 Oct in NZ
    log(uow, now=late_evening_utc, occurred_on=date(2026, 10, 2))


def test_coordinators_see_standing_but_never_notes(uow) -> None:
    log(uow, notes="Private reflection about a hard week")
    people = compliance(COORDINATOR, uow, NOW)
    assert [p.user_id for p in people] == ["ULT"]
    assert "Private reflection" not in repr(people)
    with pytest.raises(NotAllowed):
        compliance(LEAD_TRAINER, uow, NOW)


def test_erasure_keeps_anonymised_counts_and_removes_personal_data(uow) -> None:
    log(uow, notes="Private", action="Call Sam", action_due=TODAY)
    nid = pending(uow, "ULT")
    uow.people.save(Person(user_id="ULT", name="Lee", email="lt@nhs.example"), NOW)
    alias = erase_person("ULT", uow, NOW)
    (entry,) = uow.entries.items.values()
    assert (entry.author_id, entry.notes, entry.action, entry.with_name) == (alias, "", "", "")
    assert entry.duration_minutes == 60  # the count and shape survive
    assert uow.nominations.get(nid).nominee_id == alias
    assert uow.people.get("ULT") is None
    assert uow.audit.notes[-1][1:3] == (f"person:{alias}", "erased personal data")


def test_only_the_number_that_belongs_to_the_type_is_kept(uow) -> None:
    entry, _ = log(uow, participants=10**12)  # typed into the other box of the same form
    assert (entry.duration_minutes, entry.participants) == (60, None)
    delivery, _ = log(
        uow, log_type="circle-delivered", with_name="", duration_minutes=10**12, participants=8
    )
    assert (delivery.duration_minutes, delivery.participants) == (None, 8)


def test_remembering_the_same_person_twice_at_once_is_harmless() -> None:
    from domain.kernel.errors import ConcurrentChange
    from handlers.kernel.people import remember_people

    class Racing(FakeUnitOfWork):
        def commit(self) -> None:
            raise ConcurrentChange("someone else stored them first")

    remember_people([Person(user_id="UNEW", tz="Europe/London")], Racing(), NOW)
