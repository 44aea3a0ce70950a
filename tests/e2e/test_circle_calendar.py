"""The circle calendar over signed HTTP: publish a circle, everyone sees and signs up, a full
circle refuses clearly, a place given back frees it, the calendar file and the reminder; a
co-facilitator asks for cover and the first to take it on co-facilitates."""

from __future__ import annotations

from datetime import datetime

import pytest
from icalendar import Calendar
from slack_sdk.models.views import View

from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness, select_value, text_value, validate_blocks
from tests.e2e.test_reminders import attended
from tests.factories import NOW, circles_configuration

HOME = {"type": "home", "id": "VH"}
UTC = NOW.tzinfo


@pytest.fixture
def circles(harness: Harness) -> Harness:
    sync_configuration(circles_configuration(coordinators=["UCOORD"]), harness.uow_factory(), NOW)
    return harness


def publish_values(
    day: str = "2026-10-08",
    start: str = "10:00",
    end: str = "11:30",
    places: object = 2,
    co: tuple[str, ...] = ("UBEN",),
    description: str = "<!channel> bring a cuppa",
) -> dict:
    values = {"date": {"date_input": {"type": "datepicker", "selected_date": day}}}
    for block, at in (("circle_start", start), ("circle_end", end)):
        values[block] = {f"{block}_input": {"type": "timepicker", "selected_time": at}}
    values |= select_value("circle_topic", "burnout")
    values |= text_value("place", "https://meet.example/circle")
    values |= {"places": {"places_input": {"type": "number_input", "value": str(places)}}}
    values |= text_value("description", description)
    values |= {
        "co_facilitators": {
            "co_facilitators_input": {"type": "multi_users_select", "selected_users": list(co)}
        }
    }
    values |= select_value("ics", "kent-medway")
    return values


def open_publish_form(h: Harness, user: str = "UANN") -> dict:
    before = len(h.slack.calls("views.open"))
    h.click(user, "home_circle_publish", "", view=HOME)
    h.slack.wait_for("views.open", before + 1)
    return h.opened_view()


def publish(h: Harness, **values) -> dict:
    return h.submit("UANN", open_publish_form(h), publish_values(**values))[1]


def circle_id(h: Harness) -> int:
    with h.uow_factory(read_only=True) as uow:
        (circle,) = uow.circles.upcoming(NOW)
    return circle.id


def said_to(h: Harness, user: str, count: int) -> list[str]:
    """What the person was told privately where they clicked (ephemeral or a Home modal)."""
    h.drained()
    calls = h.slack.calls("chat.postEphemeral") + h.slack.calls("views.open")
    return [str(c.params) for c in calls if c.params.get("user") == user or "view" in c.params][
        -count:
    ]


def test_a_published_circle_is_posted_signed_up_to_and_refuses_when_full(circles: Harness) -> None:
    assert "home_circle_publish" in str(circles.open_home("UANN"))
    reply = publish(circles)
    assert reply["response_action"] == "update"
    notice = str(reply["view"])
    assert "posted to <#CCIRCLES>" in notice
    assert "Circles are for 6–25 people; published anyway." in notice
    post = circles.message_to("CCIRCLES", "open to all staff")
    validate_blocks(post["blocks"])
    assert "&lt;!channel&gt; bring a cuppa" in str(post["blocks"])
    assert "Thu 8 Oct 2026, 10:00–11:30" in str(post["blocks"])
    cid = circle_id(circles)

    circles.click("UCAT", "circle_sign_up", str(cid), channel="CCIRCLES")
    told = circles.slack.wait_for("chat.postEphemeral")[-1].params
    assert told["user"] == "UCAT" and "You have a place" in told["text"]
    upload = circles.slack.wait_for("files.completeUploadExternal")[0].params
    assert upload["channel_id"] == "DUCAT"
    (event,) = Calendar.from_ical(b"".join(circles.slack.uploads.values())).walk("VEVENT")
    assert str(event["uid"]) == f"circle-{cid}@cascade"
    assert event.decoded("dtstart") == datetime(2026, 10, 8, 9, 0, tzinfo=UTC)  # 10:00 BST

    home = circles.open_home("UDAN")
    View(**home).validate_json()
    assert "Circles coming up" in str(home) and "1 of 2 places left" in str(home)
    circles.click("UDAN", "circle_sign_up", str(cid), view=HOME)
    circles.click("UPAT", "circle_sign_up", str(cid), channel="CCIRCLES")
    refused = circles.slack.wait_for("chat.postEphemeral", 2)[-1].params
    assert refused["user"] == "UPAT"
    assert "is full: all 2 places are taken" in refused["text"]
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.signups([cid])[cid] == ["UCAT", "UDAN"]
    assert "Full" in str(circles.open_home("UPAT"))
    assert f"'value': '{cid}'" not in str(circles.open_home("UPAT"))  # no Sign up when full


def test_a_place_given_back_leaves_the_calendar_and_frees_it(circles: Harness) -> None:
    publish(circles, places=12)
    cid = circle_id(circles)
    circles.click("UCAT", "circle_sign_up", str(cid), view=HOME)
    circles.drained()
    before = set(circles.slack.uploads)
    circles.click("UCAT", "circle_cancel_place", str(cid), view=HOME)
    circles.drained()
    (cancel,) = [data for key, data in circles.slack.uploads.items() if key not in before]
    assert b"METHOD:CANCEL" in cancel and b"STATUS:CANCELLED" in cancel
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.signups([cid])[cid] == []
    opened_before = len(circles.slack.calls("views.open"))
    circles.click("UCAT", "circle_cancel_place", str(cid), view=HOME)
    opened = circles.slack.wait_for("views.open", opened_before + 1)[-1].params["view"]
    assert "You do not have a place" in str(opened)


def test_people_with_a_place_are_reminded_the_working_day_before(circles: Harness, jobs) -> None:
    publish(circles, day="2026-10-12", places=12)  # Monday 12 Oct
    cid = circle_id(circles)
    for person in ("UCAT", "UDAN"):
        circles.click(person, "circle_sign_up", str(cid), view=HOME)
    circles.click("UDAN", "circle_cancel_place", str(cid), view=HOME)
    circles.drained()
    jobs(datetime(2026, 10, 8, 8, tzinfo=UTC))  # Thursday: not yet
    assert not [m for m in circles.dms_to("UCAT") if "coming up" in m["text"]]
    jobs(datetime(2026, 10, 9, 8, tzinfo=UTC))  # Friday 09:00: the working day before
    (reminder,) = [m for m in circles.dms_to("UCAT") if "coming up" in str(m["blocks"])]
    validate_blocks(reminder["blocks"])
    assert "Mon 12 Oct 2026, 10:00–11:30" in reminder["text"]
    assert not [m for m in circles.dms_to("UDAN") if "coming up" in str(m.get("blocks"))]


@pytest.mark.parametrize(
    ("values", "block", "message"),
    [
        ({"day": "2026-09-30"}, "date", "in the future"),
        ({"end": "09:00"}, "circle_end", "end after it starts"),
        ({"places": 0}, "places", "between 1 and 100"),
        ({"places": "many"}, "places", "whole number"),
        ({"co": ("UANN",)}, "co_facilitators", "not yourself"),
    ],
)
def test_every_bad_field_of_a_circle_to_publish_is_refused_inline(
    circles: Harness, values, block, message
) -> None:
    reply = publish(circles, **values)
    assert reply["response_action"] == "errors"
    assert list(reply["errors"]) == [block] and message in reply["errors"][block]
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.upcoming(NOW) == []


def test_forged_and_unwelcome_clicks_get_a_clear_answer(circles: Harness) -> None:
    circles.click("UPAT", "home_circle_publish", "", view=HOME)
    assert "Only trained circle facilitators" in str(circles.slack.wait_for("views.open")[0].params)
    circles.click("UPAT", "circle_sign_up", "99999", channel="C1")
    assert (
        "no longer on the calendar"
        in circles.slack.wait_for("chat.postEphemeral")[0].params["text"]
    )
    publish(circles)
    cid = circle_id(circles)
    circles.click("UANN", "circle_sign_up", str(cid), channel="C1")
    refused = circles.slack.wait_for("chat.postEphemeral", 2)[-1].params["text"]
    assert "You are facilitating this circle" in refused
    circles.click("UCAT", "circle_cover_ask", str(cid), channel="C1")
    refused = circles.slack.wait_for("chat.postEphemeral", 3)[-1].params["text"]
    assert "Only a co-facilitator" in refused


def test_the_first_trained_facilitator_to_cover_co_facilitates(circles: Harness) -> None:
    with circles.quietly():
        for person in ("UCAT", "UDAN"):
            attended(circles, person)  # trained in Kent and Medway
    publish(circles, places=12)
    cid = circle_id(circles)
    assert "circle_cover_ask" in str(circles.open_home("UBEN"))
    circles.click("UBEN", "circle_cover_ask", str(cid), view=HOME)
    asked = circles.message_to("UCAT", "asks for cover")
    validate_blocks(asked["blocks"])
    assert circles.message_to("UDAN", "asks for cover")
    request = next(
        e["value"]
        for b in asked["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == "circle_cover_take"
    )
    circles.click("UCAT", "circle_cover_take", request, channel="DUCAT")
    circles.click("UDAN", "circle_cover_take", request, channel="DUDAN")
    replies = {
        c.params["user"]: c.params["text"] for c in circles.slack.wait_for("chat.postEphemeral", 2)
    }
    assert "you co-facilitate this circle now" in replies["UCAT"]
    assert "<@UCAT> is covering this circle already" in replies["UDAN"]
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.get(cid).co_facilitators == ("UCAT",)
    for told in ("UANN", "UBEN"):
        assert "<@UCAT> is covering for <@UBEN>" in circles.message_to(told, "covering")["text"]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("9999-12-31", "at most three years ahead"),
        ("2029-10-02", "at most three years ahead"),
        ("2026-02-30", "That is not a real date."),
    ],
)
def test_a_circle_dated_absurdly_or_unreadably_is_refused_beside_the_date(
    circles: Harness, day: str, message: str
) -> None:
    reply = publish(circles, day=day)
    assert reply["response_action"] == "errors" and list(reply["errors"]) == ["date"]
    assert message in reply["errors"]["date"]
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.upcoming(NOW) == []
