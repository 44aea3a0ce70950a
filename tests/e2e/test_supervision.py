"""/log-supervision over signed HTTP: logging, inline errors, list, edit, delete, privacy."""

from __future__ import annotations

import csv
import io
import logging

import pytest
from slack_sdk.models.views import View

from tests.e2e.harness import Harness, select_value, text_value, user_value

NOTE = "Private: found the session on burnout hard to hold"


def open_log_form(h: Harness, user: str = "ULT") -> dict:
    before = len(h.slack.calls("views.open"))
    assert h.send_command("/log-supervision", user) == (200, "")
    h.slack.wait_for("views.open", before + 1)
    return h.opened_view()


def values(log_type: str = "line-manager", day: str = "2026-09-30", **fields) -> dict:
    data = {"date": {"date_input": {"type": "datepicker", "selected_date": day}}}
    data |= select_value("log_type", log_type)
    for block in ("duration", "participants"):
        if block in fields:
            data |= {
                block: {f"{block}_input": {"type": "number_input", "value": str(fields.pop(block))}}
            }
    if "with_user" in fields:
        data |= user_value("with_user", fields.pop("with_user"))
    for block, text in fields.items():
        data |= text_value(block, text)
    return data


def log(h: Harness, user: str = "ULT", **fields) -> dict:
    view = open_log_form(h, user)
    fields.setdefault("duration", 60)
    fields.setdefault("with_user", "UPAT")
    return h.submit(user, view, values(**fields))[1]


def test_logging_a_session_confirms_privately_with_standing(harness: Harness) -> None:
    view = open_log_form(harness)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels[:3] == ["Date", "Type", "Who with (in Slack)"]
    date_block = next(b for b in view["blocks"] if b["block_id"] == "date")
    assert date_block["element"]["initial_date"] == "2026-10-01"  # today, from the clock
    reply = harness.submit(
        "ULT", view, values(duration=50, with_user="UPAT", notes=NOTE, action="Book a review group")
    )[1]
    assert reply["response_action"] == "update"  # the form itself says what was logged
    View(**reply["view"]).validate_json()
    text = str(reply["view"]["blocks"])
    assert "1:1 supervision with line manager with <@UPAT>, 50 min" in text
    assert "Line manager quarterly: met, next due Wed 30 Dec 2026" in text
    assert NOTE not in text  # the confirmation does not echo private notes


@pytest.mark.parametrize(
    ("fields", "block", "message"),
    [
        ({"day": "2026-10-02"}, "date", "cannot be in the future"),
        ({"day": "2025-09-30"}, "date", "at most one year"),
        ({"duration": 4}, "duration", "between 5 and 480"),
        ({"duration": "an hour"}, "duration", "whole number"),
        ({"with_user": "UPAT", "with_name": "Pat"}, "with_name", "not both"),
        ({"log_type": "circle-delivered", "participants": 0}, "participants", "1 to 1000"),
        ({"action_due": None, "action": ""}, None, None),
    ],
)
def test_every_bad_field_gets_an_inline_error(harness: Harness, fields, block, message) -> None:
    if block is None:  # a control: the same form with good values is accepted
        assert log(harness)["response_action"] == "update"
        return
    view = open_log_form(harness)
    fields.setdefault("duration", 60)
    if "with_name" not in fields:
        fields.setdefault("with_user", "UPAT")
    reply = harness.submit("ULT", view, values(**fields))[1]
    assert reply["response_action"] == "errors"
    assert list(reply["errors"]) == [block] and message in reply["errors"][block]


def test_a_double_submission_logs_once(harness: Harness) -> None:
    view = {**open_log_form(harness), "id": "VSAME"}
    first = harness.submit("ULT", view, values(duration=30, with_user="UPAT"))
    second = harness.submit("ULT", view, values(duration=30, with_user="UPAT"))
    assert first[1]["response_action"] == second[1]["response_action"] == "update"
    with harness.uow_factory(read_only=True) as uow:
        assert len(uow.entries.list("ULT")) == 1


def test_list_edit_and_delete_own_entries(harness: Harness) -> None:
    log(harness, notes=NOTE)
    status, body = harness.send_command("/log-supervision", "ULT", "list")
    assert status == 200 and NOTE in body and "log_entry_edit" in body
    with harness.uow_factory(read_only=True) as uow:
        (entry,) = uow.entries.list("ULT")
    harness.click("ULT", "log_entry_edit", str(entry.id), channel="C1")
    harness.slack.wait_for("views.open", 2)
    form = harness.opened_view()
    assert form["title"]["text"] == "Edit entry" and NOTE in str(form)
    edited_reply = harness.submit("ULT", form, values(duration=75, with_user="UPAT"))[1]
    assert "75 min" in str(edited_reply["view"])
    with harness.uow_factory(read_only=True) as uow:
        (edited,) = uow.entries.list("ULT")
    assert (edited.id, edited.duration_minutes) == (entry.id, 75)
    harness.click("ULT", "log_entry_delete", str(entry.id), channel="C1")
    assert "Entry deleted" in harness.slack.wait_for("chat.postEphemeral")[0].params["text"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.entries.list("ULT") == []


def test_nobody_else_ever_sees_the_notes(harness: Harness, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    log(harness, notes=NOTE)
    with harness.uow_factory(read_only=True) as uow:
        (entry,) = uow.entries.list("ULT")
    harness.slack.reset()
    for intruder in ("UCOORD", "UANN"):
        harness.click(intruder, "log_entry_edit", str(entry.id), channel="C1")
        harness.click(intruder, "log_entry_delete", str(entry.id), channel="C1")
    refusals = harness.slack.wait_for("chat.postEphemeral", 4)
    assert all("only change your own" in r.params["text"] for r in refusals)
    assert harness.slack.calls("views.open") == []
    status, body = harness.send_command("/log-supervision", "UCOORD", "list")
    assert status == 200 and NOTE not in body
    coordinator_home = harness.open_home("UCOORD")
    View(**coordinator_home).validate_json()
    assert "Facilitators' requirements" in str(coordinator_home)
    assert "<@ULT>" in str(coordinator_home) and NOTE not in str(coordinator_home)
    harness.click("UCOORD", "home_export", "lsc-t4t", view={"type": "home", "id": "VH"})
    harness.slack.wait_for("files.completeUploadExternal")
    assert all(NOTE.encode() not in content for content in harness.slack.uploads.values())
    every_call = str([c.params for c in harness.slack.calls()])
    assert NOTE not in every_call
    assert NOTE not in caplog.text
    with harness.uow_factory(read_only=True) as uow:
        assert uow.entries.get(entry.id).notes == NOTE  # still there, for its author


def test_export_sends_the_author_all_their_own_data(harness: Harness) -> None:
    log(harness, notes=NOTE)
    status, body = harness.send_command("/log-supervision", "ULT", "export")
    assert status == 200 and "to your DMs" in body
    done = harness.slack.wait_for("files.completeUploadExternal")[0].params
    assert done["channel_id"] == "DULT"
    (content,) = harness.slack.uploads.values()
    (row,) = csv.DictReader(io.StringIO(content.decode()))
    assert row["notes"] == NOTE and row["type"] == "1:1 supervision with line manager"


def test_home_shows_my_requirements_and_logs_a_delivery(harness: Harness) -> None:
    log(harness)
    home = harness.open_home("ULT")
    View(**home).validate_json()
    text = str(home)
    assert "My supervision & requirements" in text and "Line manager quarterly: met" in text
    assert (
        "Review group yearly: due soon" in text and "1:1 supervision with line manager: 1" in text
    )
    harness.click("ULT", "log_open:delivery", "delivery", view={"type": "home", "id": "VH"})
    harness.slack.wait_for("views.open", 2)
    form = harness.opened_view()
    assert form["title"]["text"] == "Log a delivery"
    assert "Circle delivered" in str(form) and "1:1 supervision" not in str(form)
    reply = harness.submit("ULT", form, values("tutor-training-delivered", participants=14))[1]
    assert reply["response_action"] == "update" and "14 participants" in str(reply["view"])
    assert "Tutor training yearly: met" in str(reply["view"])


def test_help_and_unknown_words(harness: Harness) -> None:
    assert "/log-supervision export" in harness.send_command("/log-supervision", "ULT", "help")[1]
    assert "didn't recognise" in harness.send_command("/log-supervision", "ULT", "lots")[1]


def test_a_forged_overlong_field_gets_an_inline_error_not_a_failure(harness: Harness) -> None:
    view = open_log_form(harness)
    reply = harness.submit("ULT", view, values(duration=60, with_name="x" * 201))[1]
    assert reply["response_action"] == "errors"
    assert "at most 200 characters" in reply["errors"]["with_name"]


def test_with_no_log_types_configured_the_form_is_not_broken_it_says_why(harness) -> None:
    from handlers.programme_admin.configuration import sync_configuration
    from tests.factories import NOW, configuration

    sync_configuration(
        configuration(ics_count=8, coordinators=["UCOORD"]), harness.uow_factory(), NOW
    )
    status, text = harness.send_command("/log-supervision", "ULT")
    assert status == 200 and "no kinds of session" in text.lower()
    assert harness.slack.calls("views.open") == []
    harness.click("ULT", "log_open:supervision", "supervision", view={"type": "home", "id": "VH"})
    told = harness.slack.wait_for("views.open")[0].params["view"]
    assert "no kinds of session" in str(told).lower()


def picked(block: str, day: object) -> dict:
    return {block: {f"{block}_input": {"type": "datepicker", "selected_date": day}}}


@pytest.mark.parametrize(
    ("state", "block", "message"),
    [
        (picked("date", "2026-02-30"), "date", "That is not a real date."),
        (picked("date", "20260930"), "date", "That is not a real date."),
        (picked("date", 20260930), "date", "That is not a real date."),
        (picked("date", None), "date", "Please pick a date."),
        ({"date": {}}, "date", "Please pick a date."),
        (picked("action_due", "2026-13-01"), "action_due", "That is not a real date."),
        (picked("action_due", "9999-12-31"), "action_due", "at most three years ahead"),
    ],
)
def test_a_date_unreadable_missing_or_unbounded_is_refused_beside_it_never_defaulted(
    harness: Harness, state, block, message
) -> None:
    view = open_log_form(harness)
    reply = harness.submit("ULT", view, values(duration=60, with_user="UPAT") | state)[1]
    assert reply["response_action"] == "errors" and list(reply["errors"]) == [block]
    assert message in reply["errors"][block]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.entries.list("ULT") == []


def test_an_empty_action_due_date_stays_empty(harness: Harness) -> None:
    view = open_log_form(harness)
    state = values(duration=60, with_user="UPAT", action="Read the guide") | picked(
        "action_due", None
    )
    assert harness.submit("ULT", view, state)[1]["response_action"] == "update"
    with harness.uow_factory(read_only=True) as uow:
        (entry,) = uow.entries.list("ULT")
    assert entry.action_due is None


@pytest.mark.parametrize(
    "metadata",
    ["x", "", "[]", '{"entry": "x"}', '{"entry": true}', '{"entry": 1.5}', '{"kind": null}'],
)
def test_an_edit_whose_metadata_was_tampered_with_is_refused_and_changes_nothing(
    harness: Harness, metadata: str
) -> None:
    log(harness, duration=50)
    with harness.uow_factory(read_only=True) as uow:
        (entry,) = uow.entries.list("ULT")
    harness.click("ULT", "log_entry_edit", str(entry.id), channel="C1")
    harness.slack.wait_for("views.open", 2)
    form = {**harness.opened_view(), "private_metadata": metadata, "id": "VTAMPERED"}
    reply = harness.submit("ULT", form, values(duration=75, with_user="UPAT"))[1]
    assert reply["response_action"] == "errors" and list(reply["errors"]) == ["date"]
    assert "nothing was saved" in reply["errors"]["date"]
    with harness.uow_factory(read_only=True) as uow:
        assert [(e.id, e.duration_minutes) for e in uow.entries.list("ULT")] == [(entry.id, 50)]
