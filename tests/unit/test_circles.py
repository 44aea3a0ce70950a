"""Circles as deliveries and the circle calendar: the rules, and the use cases on fakes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from domain.circles.calendar import CircleFull
from domain.circles.reasons import CircleReason
from domain.circles.topics import (
    SIZE_WARNING,
    CircleDelivery,
    Setting,
    check_delivery,
    size_warning,
)
from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import InvalidEntry
from domain.supervision.requirements import Standing
from handlers.circles.calendar import cancel_place, publish_circle, sign_up
from handlers.circles.commands import (
    AskForCover,
    CancelCirclePlace,
    PublishCircle,
    SignUpToCircle,
)
from handlers.circles.cover import ask_for_cover
from handlers.circles.reminders import circle_reminders
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.circle_deliveries import log_circle
from handlers.supervision.commands import DeleteEntry, LogCircle
from handlers.supervision.entries import delete_entry, my_record
from handlers.supervision.requirement_chase import requirement_chases
from tests.factories import NOW, circles_configuration
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

ANN, BEN, CAT, PAT = (Actor(user_id=u) for u in ("UANN", "UBEN", "UCAT", "UPAT"))
YESTERDAY = date(2026, 9, 30)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    sync_configuration(circles_configuration(), uow, NOW)
    return uow


def log(uow, actor=ANN, **fields):
    data = {
        "occurred_on": YESTERDAY,
        "topic": "burnout",
        "group_size": 14,
        "co_facilitators": ("UBEN",),
        "ics_key": "kent-medway",
    }
    return log_circle(LogCircle(actor=actor, **data | fields), uow, NOW)


def delivery_standing(uow, actor) -> Standing:
    record = my_record(actor, uow, NOW)
    return next(s.standing for s in record.standing if s.requirement.key == "lsc-delivery")


# --- the rules ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("size", "warned"), [(5, True), (6, False), (25, False), (26, True)])
def test_circles_outside_six_to_twenty_five_are_kept_with_a_word(size, warned) -> None:
    assert size_warning(size) == (SIZE_WARNING if warned else "")


@pytest.mark.parametrize(
    ("delivery", "field"),
    [
        (CircleDelivery("made-up", "ics"), "circle_topic"),
        (CircleDelivery("burnout", "ics", co_facilitators=("UA",)), "co_facilitators"),
        (CircleDelivery("burnout", "ics", co_facilitators=tuple("UBCDEFG")), "co_facilitators"),
        (CircleDelivery("burnout", "elsewhere"), "ics"),
        (CircleDelivery("burnout", "ics", Setting.EMBEDDED), "embedded_in"),
        (CircleDelivery("burnout", "ics", Setting.EMBEDDED, "<!here>"), "embedded_in"),
    ],
)
def test_a_bad_circle_record_names_its_field(delivery, field) -> None:
    with pytest.raises(InvalidEntry) as refused:
        check_delivery(delivery, "UA", ["burnout"], ["ics"])
    assert refused.value.field == field


def test_the_catalogue_checks_circle_types_and_topics() -> None:
    base = circles_configuration().catalogue.model_dump()
    odd = {"key": "x", "name": "X", "kind": "supervision", "circle": True}
    with pytest.raises(ValidationError, match="a circle is a delivery"):
        Catalogue.model_validate(base | {"log_types": [*base["log_types"], odd]})
    with pytest.raises(ValidationError, match="same key"):
        Catalogue.model_validate(base | {"circle_topics": [base["circle_topics"][0]] * 2})


def test_the_shipped_programme_file_has_the_three_named_topics() -> None:
    from bot.config_file import load_configuration

    config = load_configuration("config/programme.example.toml")
    assert [t.name for t in config.circle_topics] == [
        "Burnout / pandemic fatigue",
        "Agile working",
        "Hybrid working / ‘team leadership in the new world’",
    ]
    assert [t.key for t in config.catalogue.circle_types()] == ["circle-delivered"]


# --- logging a circle ----------------------------------------------------------------------------
def test_a_co_facilitator_is_credited_with_the_circle_and_told(uow) -> None:
    assert delivery_standing(uow, BEN) is Standing.DUE_SOON  # nothing yet: due today
    logged = log(uow, group_size=4)
    assert logged.warning == SIZE_WARNING and logged.ics == "Kent and Medway"
    assert delivery_standing(uow, BEN) is Standing.MET
    assert delivery_standing(uow, ANN) is Standing.MET
    assert my_record(BEN, uow, NOW).entries == []  # credited, not logged by them
    told = [m for m in uow.outbox.items.values() if m.reason is CircleReason.CIRCLE_CREDITED]
    assert [(m.recipient, m.payload) for m in told] == [("UBEN", {"entry": logged.entry.id})]


def test_planning_counts_a_co_facilitated_circle(uow) -> None:
    def chased(person: str) -> list[str]:
        found = requirement_chases(uow, uow.catalogue.get().reminders, NOW, {}, {})
        return [m.subject for m in found if m.recipient == person]

    assert "requirement:lsc-delivery" in chased("UBEN")
    log(uow)
    assert "requirement:lsc-delivery" not in chased("UBEN")


def test_editing_a_circle_moves_the_credit_and_tells_only_the_newly_named(uow) -> None:
    entry = log(uow).entry
    log(uow, co_facilitators=("UCAT",), entry_id=entry.id, client_token=None)
    assert delivery_standing(uow, BEN) is Standing.DUE_SOON
    assert delivery_standing(uow, CAT) is Standing.MET
    told = sorted(
        m.recipient for m in uow.outbox.items.values() if m.reason is CircleReason.CIRCLE_CREDITED
    )
    assert told == ["UBEN", "UCAT"]
    with pytest.raises(NotAllowed):
        log(uow, actor=BEN, entry_id=entry.id)  # not theirs to change
    delete_entry(DeleteEntry(actor=ANN, entry_id=entry.id), uow, NOW)
    assert delivery_standing(uow, CAT) is Standing.DUE_SOON


def test_a_repeated_submission_logs_one_circle(uow) -> None:
    first = log(uow, client_token="V1")
    again = log(uow, client_token="V1", group_size=20)
    assert again.entry.id == first.entry.id and again.entry.participants == 14
    assert len(my_record(ANN, uow, NOW).entries) == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"occurred_on": date(2026, 10, 2)}, "date"),
        ({"group_size": None}, "participants"),
        ({"setting": "sideways"}, "circle_setting"),
        ({"log_type": "review-group"}, "log_type"),
        ({"co_facilitators": ("UANN",)}, "co_facilitators"),
    ],
)
def test_nothing_is_logged_for_a_bad_field(uow, fields, field) -> None:
    with pytest.raises(InvalidEntry) as refused:
        log(uow, **fields)
    assert refused.value.field == field
    assert my_record(ANN, uow, NOW).entries == [] and not uow.outbox.items


# --- the calendar --------------------------------------------------------------------------------
def publish(uow, actor=ANN, **fields):
    data = {
        "topic": "burnout",
        "day": date(2026, 10, 12),
        "start": time(10),
        "end": time(11, 30),
        "place": "https://meet.example/c",
        "places": 2,
        "co_facilitators": ("UBEN",),
        "ics_key": "kent-medway",
    }
    return publish_circle(PublishCircle(actor=actor, **data | fields), uow, NOW)


def test_only_trained_facilitators_publish_and_the_circle_is_posted(uow) -> None:
    with pytest.raises(NotAllowed, match="trained circle facilitators"):
        publish(uow, actor=PAT)
    published = publish(uow)
    assert published.circle.starts_at == datetime(2026, 10, 12, 9, tzinfo=NOW.tzinfo)  # BST
    assert published.channels == ("CCIRCLES",) and "published anyway" in published.warning
    posts = [m for m in uow.outbox.items.values() if m.reason is CircleReason.CIRCLE_POST]
    assert [m.recipient for m in posts] == ["CCIRCLES"]


def test_a_full_circle_refuses_and_a_place_given_back_is_free_again(uow) -> None:
    cid = publish(uow).circle.id
    for person in ("UCAT", "UDAN"):
        sign_up(SignUpToCircle(actor=Actor(user_id=person), circle_id=cid), uow, NOW)
    sign_up(SignUpToCircle(actor=CAT, circle_id=cid), uow, NOW)  # twice: still one place
    with pytest.raises(CircleFull, match="all 2 places are taken"):
        sign_up(SignUpToCircle(actor=PAT, circle_id=cid), uow, NOW)
    with pytest.raises(NotAllowed, match="facilitating"):
        sign_up(SignUpToCircle(actor=BEN, circle_id=cid), uow, NOW)
    cancel_place(CancelCirclePlace(actor=CAT, circle_id=cid), uow, NOW)
    with pytest.raises(NotAllowed, match="do not have a place"):
        cancel_place(CancelCirclePlace(actor=CAT, circle_id=cid), uow, NOW)
    sign_up(SignUpToCircle(actor=PAT, circle_id=cid), uow, NOW)
    assert uow.circles.signups([cid])[cid] == ["UDAN", "UPAT"]
    later = datetime(2026, 10, 12, 9, 30, tzinfo=NOW.tzinfo)
    with pytest.raises(NotAllowed, match="already started"):
        cancel_place(CancelCirclePlace(actor=PAT, circle_id=cid), uow, later)


def test_the_reminder_is_due_the_working_day_before_and_only_for_places_held(uow) -> None:
    cid = publish(uow, places=12).circle.id  # Monday 12 Oct
    sign_up(SignUpToCircle(actor=CAT, circle_id=cid), uow, NOW)
    policy = uow.catalogue.get().reminders
    assert (
        list(circle_reminders(uow, policy, datetime(2026, 10, 8, 12, tzinfo=NOW.tzinfo), {})) == []
    )
    friday = datetime(2026, 10, 9, 12, tzinfo=NOW.tzinfo)
    (due,) = circle_reminders(uow, policy, friday, {})
    assert (due.recipient, due.due_at) == ("UCAT", datetime(2026, 10, 9, 8, tzinfo=NOW.tzinfo))
    cancel_place(CancelCirclePlace(actor=CAT, circle_id=cid), uow, NOW)
    assert list(circle_reminders(uow, policy, friday, {})) == []


def test_cover_with_nobody_trained_in_the_ics_says_so(uow) -> None:
    cid = publish(uow, places=12).circle.id
    with pytest.raises(NotAllowed, match="no other trained facilitator"):
        ask_for_cover(AskForCover(actor=BEN, circle_id=cid), uow, NOW)
    with pytest.raises(NotAllowed, match="Only a co-facilitator"):
        ask_for_cover(AskForCover(actor=ANN, circle_id=cid), uow, NOW)
    assert not [m for m in uow.outbox.items.values() if m.reason is CircleReason.COVER_ASKED]


def test_a_start_in_the_past_or_an_end_before_it_is_refused(uow) -> None:
    with pytest.raises(InvalidEntry) as refused:
        publish(uow, day=NOW.date() - timedelta(days=1))
    assert refused.value.field == "date"
    with pytest.raises(InvalidEntry) as refused:
        publish(uow, end=time(9))
    assert refused.value.field == "circle_end"


def test_erasing_a_person_takes_them_out_of_circles_and_the_calendar(uow) -> None:
    from handlers.accounts.erasure import erase_person

    entry = log(uow).entry
    cid = publish(uow, places=12).circle.id
    sign_up(SignUpToCircle(actor=CAT, circle_id=cid), uow, NOW)
    erase_person("UBEN", uow, NOW)
    erase_person("UCAT", uow, NOW)
    delivery = uow.circle_deliveries.of_entries([entry.id])[entry.id]
    assert delivery.co_facilitators[0].startswith("erased-")
    circle = uow.circles.get(cid)
    assert circle.co_facilitators[0].startswith("erased-")
    assert uow.circles.signups([cid])[cid][0].startswith("erased-")
