"""Circles as first-class deliveries, over signed HTTP: the circle form, its inline errors, and
the co-facilitator credited with the delivery."""

from __future__ import annotations

import pytest
from slack_sdk.models.views import View

from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness, select_value, text_value
from tests.factories import NOW, circles_configuration


@pytest.fixture
def circles(harness: Harness) -> Harness:
    sync_configuration(circles_configuration(coordinators=["UCOORD"]), harness.uow_factory(), NOW)
    return harness


def open_circle_form(h: Harness, user: str = "UANN") -> dict:
    before = len(h.slack.calls("views.open"))
    assert h.send_command("/log-supervision", user, "circle") == (200, "")
    h.slack.wait_for("views.open", before + 1)
    return h.opened_view()


def circle_values(
    topic: str | None = "burnout",
    size: object = 14,
    co: tuple[str, ...] = ("UBEN",),
    ics: str | None = "kent-medway",
    setting: str = "standalone",
    embedded_in: str = "",
    day: str = "2026-09-30",
) -> dict:
    values = {"date": {"date_input": {"type": "datepicker", "selected_date": day}}}
    values |= select_value("circle_topic", topic)
    values |= {"circle_size": {"circle_size_input": {"type": "number_input", "value": str(size)}}}
    values |= {
        "co_facilitators": {
            "co_facilitators_input": {"type": "multi_users_select", "selected_users": list(co)}
        }
    }
    values |= select_value("ics", ics)
    values |= select_value("circle_setting", setting, "radio_buttons")
    values |= text_value("embedded_in", embedded_in)
    return values


def test_a_circle_logged_with_a_co_facilitator_is_credited_to_them(circles: Harness) -> None:
    before = circles.open_home("UBEN")
    assert "Deliver a circle yearly: due soon" in str(before)
    form = open_circle_form(circles)
    assert form["title"]["text"] == "Log a circle"
    assert "Burnout / pandemic fatigue" in str(form) and "Kent and Medway" in str(form)
    reply = circles.submit("UANN", form, circle_values(size=4))[1]
    assert reply["response_action"] == "update"
    View(**reply["view"]).validate_json()
    said = str(reply["view"]["blocks"])
    assert "Burnout / pandemic fatigue" in said and "<@UBEN>" in said
    assert "Circles are for 6–25 people; saved anyway" in said
    assert "Deliver a circle yearly: met" in said
    home = circles.open_home("UBEN")
    View(**home).validate_json()
    assert "Deliver a circle yearly: met" in str(home)
    assert "co-facilitated with <@UANN>" in str(home)
    told = circles.message_to("UBEN", "co-facilitated")
    assert "<@UANN>" in told["text"] and "Burnout / pandemic fatigue" in told["text"]


def test_a_circle_of_a_good_size_has_no_warning_and_an_embedded_one_names_its_programme(
    circles: Harness,
) -> None:
    form = open_circle_form(circles)
    values = circle_values(size=12, co=(), setting="embedded", embedded_in="Mary Seacole <b>")
    reply = circles.submit("UANN", form, values)[1]
    assert reply["response_action"] == "errors"
    assert "must not contain < or >" in reply["errors"]["embedded_in"]
    values = circle_values(size=12, co=(), setting="embedded", embedded_in="Mary Seacole & co")
    reply = circles.submit("UANN", form, values)[1]
    said = str(reply["view"]["blocks"])
    assert "saved anyway" not in said and "part of Mary Seacole &amp; co" in said


@pytest.mark.parametrize(
    ("fields", "block", "message"),
    [
        ({"day": "2026-10-02"}, "date", "cannot be in the future"),
        ({"topic": "made-up"}, "circle_topic", "Choose the circle's topic"),
        ({"size": "lots"}, "circle_size", "whole number"),
        ({"size": 0}, "circle_size", "1 to 1000"),
        ({"co": ("UANN",)}, "co_facilitators", "not yourself"),
        ({"co": ("not-a-user",)}, "co_facilitators", "choose a person"),
        ({"ics": "nowhere"}, "ics", "Choose the ICS"),
        ({"setting": "embedded"}, "embedded_in", "Which programme"),
        ({"setting": "sideways"}, "circle_setting", "Standalone or embedded"),
    ],
)
def test_every_bad_field_of_a_circle_gets_an_inline_error(
    circles: Harness, fields, block, message
) -> None:
    form = open_circle_form(circles)
    reply = circles.submit("UANN", form, circle_values(**fields))[1]
    assert reply["response_action"] == "errors"
    assert list(reply["errors"]) == [block] and message.lower() in reply["errors"][block].lower()
    with circles.uow_factory(read_only=True) as uow:
        assert uow.entries.list("UANN") == []


def test_a_double_submission_logs_one_circle(circles: Harness) -> None:
    form = {**open_circle_form(circles), "id": "VSAMECIRCLE"}
    circles.submit("UANN", form, circle_values())
    circles.submit("UANN", form, circle_values())
    with circles.uow_factory(read_only=True) as uow:
        assert len(uow.entries.list("UANN")) == 1


def test_home_opens_the_circle_form_and_the_log_form_points_to_it(circles: Harness) -> None:
    home = circles.open_home("UANN")
    assert "home_circle_log" in str(home)
    circles.click("UANN", "home_circle_log", "", view={"type": "home", "id": "VH"})
    circles.slack.wait_for("views.open")
    assert circles.opened_view()["title"]["text"] == "Log a circle"
    circles.click("UANN", "log_open:delivery", "delivery", view={"type": "home", "id": "VH"})
    circles.slack.wait_for("views.open", 2)
    delivery_form = str(circles.opened_view())
    assert "Circle delivered" not in delivery_form and "Log a circle" in delivery_form


def test_editing_a_circle_opens_the_circle_form_and_moves_the_credit(circles: Harness) -> None:
    circles.submit("UANN", open_circle_form(circles), circle_values())
    with circles.uow_factory(read_only=True) as uow:
        (entry,) = uow.entries.list("UANN")
    before = len(circles.slack.calls("views.open"))
    circles.click("UANN", "log_entry_edit", str(entry.id), channel="C1")
    circles.slack.wait_for("views.open", before + 1)
    form = circles.opened_view()
    assert form["title"]["text"] == "Edit circle" and "UBEN" in str(form)
    reply = circles.submit("UANN", form, circle_values(co=("UCAT",)))[1]
    assert reply["response_action"] == "update" and "<@UCAT>" in str(reply["view"])
    assert "Deliver a circle yearly: met" in str(circles.open_home("UCAT"))
    assert "Deliver a circle yearly: due soon" in str(circles.open_home("UBEN"))
    with circles.uow_factory(read_only=True) as uow:
        assert [e.id for e in uow.entries.list("UANN")] == [entry.id]


@pytest.mark.parametrize(
    ("day", "message"),
    [("2026-02-30", "That is not a real date."), (None, "Please pick a date.")],
)
def test_a_circle_with_an_unreadable_or_missing_date_is_refused_not_dated_today(
    circles: Harness, day, message
) -> None:
    reply = circles.submit("UANN", open_circle_form(circles), circle_values(day=day))[1]
    assert reply["response_action"] == "errors" and reply["errors"] == {"date": message}
    with circles.uow_factory(read_only=True) as uow:
        assert uow.entries.list("UANN") == []


@pytest.mark.parametrize("metadata", ["x", '{"entry": "12:x"}', '{"entry": [1]}', "{}"])
def test_editing_a_circle_with_tampered_metadata_is_refused_and_adds_nothing(
    circles: Harness, metadata: str
) -> None:
    circles.submit("UANN", open_circle_form(circles), circle_values())
    with circles.uow_factory(read_only=True) as uow:
        (entry,) = uow.entries.list("UANN")
    before = len(circles.slack.calls("views.open"))
    circles.click("UANN", "log_entry_edit", str(entry.id), channel="C1")
    circles.slack.wait_for("views.open", before + 1)
    form = {**circles.opened_view(), "private_metadata": metadata, "id": "VTAMPERED"}
    reply = circles.submit("UANN", form, circle_values(co=("UCAT",)))[1]
    assert reply["response_action"] == "errors" and "nothing was saved" in reply["errors"]["date"]
    with circles.uow_factory(read_only=True) as uow:
        assert [e.id for e in uow.entries.list("UANN")] == [entry.id]
    assert "Deliver a circle yearly: met" in str(circles.open_home("UBEN"))  # credit unmoved
