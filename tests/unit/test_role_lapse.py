"""Staying accredited in a role held without a pathway: a Lead Trainer named in the file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.accreditation.export import accreditation_csv
from domain.accreditation.pathways import DEFAULT_LAPSE_AFTER_DAYS, Status
from domain.accreditation.reasons import AccreditationReason
from domain.kernel.people import Actor
from domain.supervision.entries import Entry, Kind
from handlers.accreditation.views import everyone, my_accreditation
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.accreditation_status import review_accreditations
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry
from tests.factories import NOW, full_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

LT = Actor(user_id="ULT")  # named a Lead Trainer in the programme file
COORD = Actor(user_id="UCOORD")
# The review group was a year ago, and the default lapse days more than that.
LATER = NOW + timedelta(days=366 + DEFAULT_LAPSE_AFTER_DAYS + 2)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(full_configuration(coordinators=["UCOORD"]), uow, NOW)
    return uow


def logged(uow: FakeUnitOfWork, log_type: str, day: date, **fields: object) -> None:
    """Evidence already there when the jobs run (logged without the use case)."""
    kind = Kind.DELIVERY if log_type.endswith("delivered") else Kind.SUPERVISION
    with uow:
        uow.entries.add(Entry("ULT", log_type, kind, day, NOW, **fields))  # type: ignore[arg-type]
        uow.commit()


def told(uow: FakeUnitOfWork) -> list[tuple[str, str]]:
    return sorted(
        (m.recipient, m.payload["status"])
        for m in uow.outbox.list()
        if m.reason is AccreditationReason.ACCREDITATION_STATUS
    )


def test_a_named_lead_trainer_lapses_and_logging_the_review_group_reinstates(uow) -> None:
    logged(uow, "review-group", NOW.date(), duration_minutes=120)
    logged(uow, "tutor-training-delivered", LATER.date(), participants=8)
    logged(uow, "line-manager", LATER.date(), with_user="UPAT", duration_minutes=30)

    assert review_accreditations(lambda: uow, LATER) == 1
    assert told(uow) == [("UCOORD", "lapsed"), ("ULT", "lapsed")]
    assert review_accreditations(lambda: uow, LATER) == 0  # told once
    mine = my_accreditation(LT, uow, LATER)
    assert [(r.role, r.status) for r in mine.roles] == [("lead-trainer", Status.LAPSED)]
    assert [(r.person, r.status) for r in everyone(COORD, uow).roles] == [("ULT", Status.LAPSED)]
    exported = accreditation_csv(everyone(COORD, uow), {})
    assert f"ULT,ULT,Lead trainer,lapsed,{LATER.date().isoformat()}" in exported.splitlines()

    entry = LogEntry(
        actor=LT, log_type="review-group", occurred_on=LATER.date(), duration_minutes=90
    )
    log_entry(entry, uow, LATER)
    assert [(r.role, r.status) for r in my_accreditation(LT, uow, LATER).roles] == [
        ("lead-trainer", Status.ACTIVE)
    ]
    assert told(uow)[:2] == [("UCOORD", "active"), ("UCOORD", "lapsed")]
    assert ("ULT", "active") in told(uow)


def test_a_named_lead_trainer_within_the_lapse_days_is_at_risk_and_not_told(uow) -> None:
    soon = NOW + timedelta(days=366 + DEFAULT_LAPSE_AFTER_DAYS - 2)
    logged(uow, "review-group", NOW.date(), duration_minutes=120)
    logged(uow, "tutor-training-delivered", soon.date(), participants=8)
    logged(uow, "line-manager", soon.date(), with_user="UPAT", duration_minutes=30)

    assert review_accreditations(lambda: uow, soon) == 0
    assert told(uow) == []
    assert [r.status for r in my_accreditation(LT, uow, soon).roles] == [Status.AT_RISK]
