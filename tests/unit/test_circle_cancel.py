"""Cancelling a circle with the fakes: who may, when, once, and what it causes."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.circles.reasons import CircleReason
from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from handlers.circles.calendar import cancel_place, sign_up
from handlers.circles.cancel import cancel_circle
from handlers.circles.commands import CancelCircle, CancelCirclePlace, SignUpToCircle
from handlers.circles.reminders import circle_reminders
from handlers.programme_admin.configuration import sync_configuration
from tests.factories import NOW, circles_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.test_circles import ANN, BEN, CAT, PAT, publish

COORD = Actor(user_id="UCOORD")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(circles_configuration(), uow, NOW)
    return uow


def cancel(uow, actor, cid, now=NOW):
    return cancel_circle(CancelCircle(actor=actor, circle_id=cid), uow, now)


def sent(uow, reason) -> list[str]:
    return sorted(m.recipient for m in uow.outbox.items.values() if m.reason is reason)


def test_only_its_facilitators_or_a_coordinator_cancel_it_before_it_starts(
    uow: FakeUnitOfWork,
) -> None:
    cid = publish(uow, places=12).circle.id
    with pytest.raises(NotAllowed, match="Only the person who published this circle"):
        cancel(uow, PAT, cid)
    started = datetime(2026, 10, 12, 9, 30, tzinfo=NOW.tzinfo)
    with pytest.raises(NotAllowed, match="already started"):
        cancel(uow, ANN, cid, started)
    assert uow.circles.get(cid).cancelled_at is None
    assert cancel(uow, BEN, cid).cancelled_at == NOW  # a co-facilitator
    other = publish(uow, places=12, day=NOW.date().replace(day=13)).circle.id
    assert cancel(uow, COORD, other).cancelled_at == NOW


def test_everyone_with_a_place_is_told_once_and_nothing_is_reminded(uow: FakeUnitOfWork) -> None:
    cid = publish(uow, places=12).circle.id  # Monday 12 Oct, co-facilitated by UBEN
    for person in (CAT, PAT):
        sign_up(SignUpToCircle(actor=person, circle_id=cid), uow, NOW)
    cancel(uow, ANN, cid)
    cancel(uow, ANN, cid)  # a second click: nothing more is said
    assert sent(uow, CircleReason.CIRCLE_CANCELLED) == ["UBEN", "UCAT", "UPAT"]
    files = [m for m in uow.outbox.items.values() if m.reason is CircleReason.CIRCLE_CALENDAR]
    assert sorted(m.recipient for m in files if m.payload["cancelled"]) == ["UCAT", "UPAT"]
    posts = [m for m in uow.outbox.items.values() if m.reason is CircleReason.CIRCLE_POST]
    assert [(m.recipient, m.period) for m in posts] == [
        ("CCIRCLES", "1"),
        ("CCIRCLES", "cancelled"),
    ]
    friday = datetime(2026, 10, 9, 12, tzinfo=NOW.tzinfo)
    assert list(circle_reminders(uow, uow.catalogue.get().reminders, friday, {})) == []
    with pytest.raises(NotAllowed, match="has been cancelled, so it takes no sign-ups"):
        sign_up(SignUpToCircle(actor=Actor(user_id="UDAN"), circle_id=cid), uow, NOW)
    with pytest.raises(NotAllowed, match="no place to give back"):
        cancel_place(CancelCirclePlace(actor=CAT, circle_id=cid), uow, NOW)
