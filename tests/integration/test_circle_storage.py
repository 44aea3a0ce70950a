"""Contract tests (fake, SQLite, PostgreSQL) for circle deliveries and the circle calendar,
and sign-ups and cover under real concurrency (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from domain.circles.calendar import Circle
from domain.circles.cover import CoverRequest
from domain.circles.topics import CircleDelivery, Setting
from domain.kernel.errors import ConcurrentChange, NotFound
from domain.kernel.people import Actor
from domain.supervision.entries import Entry, Kind
from handlers.circles.calendar import publish_circle, sign_up
from handlers.circles.cancel import cancel_circle
from handlers.circles.commands import CancelCircle, CoverCircle, PublishCircle, SignUpToCircle
from handlers.circles.cover import take_cover
from handlers.programme_admin.configuration import sync_configuration
from storage.unit_of_work import UnitOfWorkFactory
from tests.factories import NOW, circles_configuration
from tests.integration.test_concurrency import hammer

DAY = NOW.date() - timedelta(days=1)


def circle_entry(author: str = "UA", day: date = DAY, log_type: str = "circle-delivered") -> Entry:
    return Entry(author, log_type, Kind.DELIVERY, day, NOW, participants=12, notes="private")


def circle(**overrides) -> Circle:
    values = {
        "facilitator": "UA",
        "topic": "burnout",
        "starts_at": NOW + timedelta(days=7),
        "ends_at": NOW + timedelta(days=7, hours=1),
        "timezone": "Europe/London",
        "place": "Room <1> & the link",
        "places": 12,
        "description": "Bring a cuppa",
        "ics_key": "kent-medway",
        "co_facilitators": ("UB", "UC"),
        "published_at": NOW,
    }
    return Circle(**values | overrides)


def test_a_circle_delivery_reads_back_and_credits_its_co_facilitators(uow) -> None:
    delivery = CircleDelivery(
        "burnout", "kent-medway", Setting.EMBEDDED, "Mary Seacole", ("UC", "UB")
    )
    with uow() as u:
        entry, older, mine = (
            circle_entry(),
            circle_entry(day=DAY - timedelta(days=9)),
            circle_entry("UB"),
        )
        for e in (entry, older, mine):
            u.entries.add(e)
        u.circle_deliveries.save(entry.id, delivery)
        u.circle_deliveries.save(older.id, replace(delivery, co_facilitators=("UB",)))
        u.circle_deliveries.save(mine.id, replace(delivery, co_facilitators=()))
        u.commit()
    with uow() as u:
        found = u.circle_deliveries.of_entries([entry.id, mine.id, 404])
        assert found == {
            entry.id: replace(delivery, co_facilitators=("UB", "UC")),
            mine.id: replace(delivery, co_facilitators=()),
        }
        assert [e.id for e in u.circle_deliveries.co_facilitated("UB")] == [entry.id, older.id]
        assert u.circle_deliveries.co_facilitated("UA") == []
        assert u.circle_deliveries.latest_co_facilitated(["circle-delivered", "other"]) == {
            "circle-delivered": {"UB": DAY, "UC": DAY}
        }


def test_the_topics_circles_are_about(uow) -> None:
    with uow() as u:
        assert u.circle_deliveries.topics_used() == set() and u.circles.topics_used() == set()
        entry = circle_entry()
        u.entries.add(entry)
        u.circle_deliveries.save(entry.id, CircleDelivery("burnout", "sussex"))
        u.circles.add(circle(topic="agile-working"))
        u.circles.add(circle(topic="agile-working", facilitator="UB"))
        u.commit()
    with uow() as u:
        assert u.circle_deliveries.topics_used() == {"burnout"}
        assert u.circles.topics_used() == {"agile-working"}


def test_changing_and_deleting_a_circle_changes_who_is_credited(uow) -> None:
    with uow() as u:
        entry = circle_entry()
        u.entries.add(entry)
        u.circle_deliveries.save(
            entry.id, CircleDelivery("burnout", "sussex", co_facilitators=("UB",))
        )
        u.commit()
    with uow() as u:
        u.circle_deliveries.save(
            entry.id, CircleDelivery("agile-working", "sussex", co_facilitators=("UC",))
        )
        u.commit()
    with uow() as u:
        assert u.circle_deliveries.co_facilitated("UB") == []
        assert u.circle_deliveries.of_entries([entry.id])[entry.id].topic == "agile-working"
        u.entries.delete(entry.id)
        u.commit()
    with uow() as u:
        assert u.circle_deliveries.of_entries([entry.id]) == {}
        assert u.circle_deliveries.co_facilitated("UC") == []


def test_erasing_a_co_facilitator_keeps_the_count(uow) -> None:
    with uow() as u:
        entry = circle_entry()
        u.entries.add(entry)
        u.circle_deliveries.save(
            entry.id, CircleDelivery("burnout", "sussex", co_facilitators=("UB",))
        )
        u.commit()
    with uow() as u:
        assert u.circle_deliveries.anonymise("UB", "erased-1") == 1
        u.commit()
    with uow() as u:
        assert u.circle_deliveries.of_entries([entry.id])[entry.id].co_facilitators == ("erased-1",)


def test_the_calendar_keeps_circles_in_order_and_one_place_a_person(uow) -> None:
    with uow() as u:
        later = u.circles.add(circle(starts_at=NOW + timedelta(days=9)), client_token="V1")
        sooner = u.circles.add(circle(facilitator="UB", co_facilitators=(), ics_key=None))
        u.circles.add(circle(starts_at=NOW - timedelta(hours=1)))  # started: not upcoming
        u.commit()
    with uow() as u:
        assert u.circles.get(later.id) == later and u.circles.lock(sooner.id) == sooner
        assert [x.id for x in u.circles.upcoming(NOW)] == [sooner.id, later.id]
        assert u.circles.by_token("UA", "V1") == later and u.circles.by_token("UB", "V1") is None
        with pytest.raises(NotFound, match="no longer on the calendar"):
            u.circles.get(404)
        u.circles.sign_up(later.id, "UX", NOW)
        u.circles.sign_up(later.id, "UY", NOW + timedelta(seconds=1))
        u.commit()
    with pytest.raises(ConcurrentChange), uow() as u:  # the primary key, behind the handler
        u.circles.sign_up(later.id, "UX", NOW)
        u.commit()
    with uow() as u:
        assert u.circles.signups([later.id, sooner.id]) == {later.id: ["UX", "UY"], sooner.id: []}
        assert u.circles.count_signups(later.id) == 2
        assert u.circles.cancel_sign_up(later.id, "UX") and not u.circles.cancel_sign_up(
            later.id, "UX"
        )
        u.circles.set_co_facilitators(later.id, ("UZ",))
        u.commit()
    with uow() as u:
        assert u.circles.signups([later.id])[later.id] == ["UY"]
        assert u.circles.get(later.id).co_facilitators == ("UZ",)


def test_cover_is_taken_once(uow) -> None:
    with uow() as u:
        on = u.circles.add(circle())
        asked = u.circles.ask_cover(CoverRequest(on.id, "UB", NOW))
        u.commit()
    with uow() as u:
        assert u.circles.take_cover(asked.id, "UX", NOW)
        assert not u.circles.take_cover(asked.id, "UY", NOW)
        u.commit()
    with uow() as u:
        assert u.circles.cover(asked.id).taken_by == "UX"
        assert [r.id for r in u.circles.covers(on.id)] == [asked.id]
        with pytest.raises(NotFound):
            u.circles.cover(404)


def test_a_circle_is_cancelled_once_and_leaves_the_calendar(uow) -> None:
    with uow() as u:
        on = u.circles.add(circle())
        u.commit()
    with uow() as u:
        assert u.circles.cancel(on.id, NOW)
        assert not u.circles.cancel(on.id, NOW + timedelta(minutes=1))
        u.commit()
    with uow() as u:
        assert u.circles.get(on.id).cancelled_at == NOW
        assert u.circles.upcoming(NOW) == []


def test_erasing_someone_removes_them_from_the_calendar(uow) -> None:
    with uow() as u:
        on = u.circles.add(circle(co_facilitators=("UB",)))
        u.circles.sign_up(on.id, "UB", NOW)
        u.circles.ask_cover(CoverRequest(on.id, "UB", NOW))
        u.commit()
    with uow() as u:
        u.circles.anonymise("UB", "erased-1")
        u.commit()
    with uow() as u:
        assert u.circles.get(on.id).co_facilitators == ("erased-1",)
        assert u.circles.signups([on.id])[on.id] == ["erased-1"]
        assert u.circles.covers(on.id)[0].asked_by == "erased-1"


# --- concurrency (SQLite and PostgreSQL) -----------------------------------------------------
@pytest.fixture
def circles_factory(engine) -> UnitOfWorkFactory:
    factory = UnitOfWorkFactory(engine)
    sync_configuration(circles_configuration(ics_count=3), factory(), NOW)
    return factory


def _published(factory: UnitOfWorkFactory, places: int, co: tuple[str, ...] = ()) -> int:
    cmd = PublishCircle(
        actor=Actor(user_id="UANN"),
        topic="burnout",
        day=date(2026, 10, 8),
        start="10:00",
        end="11:00",
        place="Online",
        places=places,
        co_facilitators=co,
        ics_key="kent-medway",
    )
    return publish_circle(cmd, factory(), NOW).circle.id


def test_forty_people_signing_up_at_once_fill_exactly_twelve_places(circles_factory) -> None:
    cid = _published(circles_factory, places=12)

    def attempt(i: int) -> None:
        sign_up(
            SignUpToCircle(actor=Actor(user_id=f"U{i:03d}"), circle_id=cid),
            circles_factory(),
            NOW,
        )

    assert hammer(40, attempt) == Counter({"ok": 12, "CircleFull": 28})
    with circles_factory(read_only=True) as uow:
        assert uow.circles.count_signups(cid) == 12
        calendars = [m for m in uow.outbox.list() if m.reason.value == "circle-calendar"]
        assert len(calendars) == 12  # a calendar file for each place taken, none for refusals


def test_one_person_clicking_sign_up_ten_times_at_once_takes_one_place(circles_factory) -> None:
    cid = _published(circles_factory, places=12)
    me = Actor(user_id="UPAT")

    def attempt(i: int) -> None:
        sign_up(SignUpToCircle(actor=me, circle_id=cid), circles_factory(), NOW)

    assert hammer(10, attempt) == Counter({"ok": 10})
    with circles_factory(read_only=True) as uow:
        assert uow.circles.signups([cid])[cid] == ["UPAT"]
        assert len([m for m in uow.outbox.list() if m.reason.value == "circle-calendar"]) == 1


def test_of_several_taking_on_the_same_cover_at_once_one_covers(circles_factory) -> None:
    cid = _published(circles_factory, places=12, co=("UBEN",))
    with circles_factory() as uow:
        request = uow.circles.ask_cover(CoverRequest(cid, "UBEN", NOW))
        uow.commit()
    takers = ["UCAT", "UDAN"] * 4

    def attempt(i: int) -> None:
        take_cover(
            CoverCircle(actor=Actor(user_id=takers[i]), request_id=request.id),
            circles_factory(),
            NOW,
        )

    outcomes = hammer(len(takers), attempt)
    assert outcomes["ok"] >= 1 and outcomes["ok"] + outcomes["NotAllowed"] == len(takers)
    with circles_factory(read_only=True) as uow:
        taker = uow.circles.cover(request.id).taken_by
        assert uow.circles.get(cid).co_facilitators == (taker,)
        told = [m for m in uow.outbox.list() if m.reason.value == "cover-taken"]
        assert {m.recipient for m in told} == {"UANN", "UBEN"} and len(told) == 2


def test_several_cancelling_a_circle_at_once_cancel_it_once(circles_factory) -> None:
    cid = _published(circles_factory, places=12, co=("UBEN",))
    sign_up(SignUpToCircle(actor=Actor(user_id="UCAT"), circle_id=cid), circles_factory(), NOW)
    cancellers = ["UANN", "UBEN"] * 4

    def attempt(i: int) -> None:
        cancel_circle(
            CancelCircle(actor=Actor(user_id=cancellers[i]), circle_id=cid),
            circles_factory(),
            NOW,
        )

    assert hammer(len(cancellers), attempt) == Counter({"ok": len(cancellers)})
    with circles_factory(read_only=True) as uow:
        assert uow.circles.get(cid).cancelled_at == NOW
        told = [m for m in uow.outbox.list() if m.reason.value == "circle-cancelled"]
        assert "UCAT" in {m.recipient for m in told} and len(told) == 2  # UCAT, one facilitator
