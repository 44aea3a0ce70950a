"""Hostile text and forged requests, over signed HTTP: nobody is pinged, nothing breaks."""

from __future__ import annotations

import json
import logging

import pytest

from domain.nominations.nomination import Status
from tests.e2e import signing
from tests.e2e.harness import (
    SECRET,
    Harness,
    _submission,
    select_value,
    text_value,
    user_value,
)
from tests.e2e.test_nominate import _wait_status, nominate_values, open_form
from tests.e2e.test_review import card_for, confirm
from tests.unit.test_blocks import HOSTILE


def test_a_leads_note_cannot_ping_the_review_channel_or_disguise_a_link(harness: Harness):
    view = open_form(harness)
    assert harness.submit("ULEADKM", view, nominate_values("UANN", note=HOSTILE))[0] == 200
    harness.message_to("UANN", "has nominated you")
    with harness.uow_factory(read_only=True) as uow:
        nid = uow.nominations.active_for("lsc-t4t", "UANN").id

    _wait_status(harness, nid, Status.AWAITING_ELIGIBILITY)
    assert confirm(harness, nid)["response_action"] == "update"
    card = str(card_for(harness)["blocks"])
    assert "<!channel>" not in card and "<!here>" not in card and "<https://evil" not in card
    assert "&lt;!channel&gt; &lt;!here&gt;" in card  # shown as typed, harmless


def test_a_busy_database_says_so_in_time_and_changes_nothing(harness: Harness) -> None:
    """Another process holds SQLite's write lock: the answer comes inside Slack's 3 s, says
    nothing was changed, and nothing is applied when the lock goes."""
    import sqlite3
    import time

    from tests.e2e.test_review import pending_via_ui

    nid = pending_via_ui(harness, "UBEN")
    view = open_form(harness)
    blocker = sqlite3.connect(harness.uow_factory.engine.url.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # a long write elsewhere
    try:
        started = time.monotonic()
        status, reply = harness.submit("ULEADKM", view, nominate_values("UANN"))
        assert time.monotonic() - started < 2.5 and status == 200
        assert "busy" in str(reply["errors"]) and "nothing was changed" in str(reply["errors"])
        started = time.monotonic()
        status, _ = harness.click(
            "UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2", channel="CREVIEW"
        )
        assert time.monotonic() - started < 2.5 and status == 200
        told = harness.slack.wait_for("chat.postEphemeral")[-1].params["text"]
        assert "busy" in told and "nothing was changed" in told
        health = harness.health()
        assert health["database"] == "busy"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    time.sleep(0.2)
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.active_for("lsc-t4t", "UANN") is None
        assert uow.nominations.get(nid).status.value == "pending_review"
    assert harness.health()["database"] == "ok"


# --- forged and malformed requests (#9.3, #9.4) --------------------------------------------------
FORGED_NOMINATIONS = {
    "an over-long note": lambda v: v | text_value("note", "x" * 5000),
    "state values as a string": lambda v: "nominee",
    "state values as a list": lambda v: [v],
    "a block value as a list": lambda v: v | {"nominee": [1, 2]},
    "selected_user as an object": lambda v: (
        v | {"nominee": {"nominee_input": {"type": "users_select", "selected_user": {"id": "U1"}}}}
    ),
    "no nominee": lambda v: (
        v | {"nominee": {"nominee_input": {"type": "users_select", "selected_user": None}}}
    ),
    "the nominee <!channel>": lambda v: v | user_value("nominee", "<!channel>"),
    "a 300-character nominee": lambda v: v | user_value("nominee", "U" + "A" * 299),
}


@pytest.mark.parametrize("forgery", sorted(FORGED_NOMINATIONS))
def test_a_forged_nomination_gets_an_inline_error_and_uses_no_place(harness, forgery) -> None:
    view = open_form(harness)
    values = FORGED_NOMINATIONS[forgery](nominate_values("UANN"))
    payload = _submission("ULEADKM", view, {})
    payload["view"]["state"] = {"values": values}
    status, text = harness.send(signing.interaction(payload))
    assert status == 200, text
    reply = json.loads(text)
    assert reply["response_action"] == "errors" and all(reply["errors"].values())
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.count_active("lsc-t4t") == 0


@pytest.mark.parametrize(
    "metadata",
    [
        "abc",
        "[1]",
        '{"nomination": "abc"}',
        '{"nomination": 1e30}',
        '{"nomination": [1]}',
        '{"nomination": 123456789012345678901234567890}',
    ],
)
def test_forged_form_metadata_is_refused_inline(harness, metadata) -> None:
    for callback, values in (
        ("eligibility", select_value("first_choice", "cohort-1", "radio_buttons")),
        ("decline", text_value("reason", "A good enough reason")),
    ):
        view = {
            "type": "modal",
            "callback_id": callback,
            "private_metadata": metadata,
            "blocks": [],
        }
        status, text = harness.send(signing.interaction(_submission("UCOORD", view, values)))
        assert status == 200, text
        assert json.loads(text)["response_action"] in ("errors", "update")


@pytest.mark.parametrize(
    ("action", "value"),
    [
        ("review_confirm:cohort-1", "1" * 30 + ":cohort-1"),
        ("review_waitlist", "1" * 30),
        ("withdraw", "-5"),
        ("eligibility_open", "1e30"),
        ("attendance:yes", "abc:yes"),
        ("log_entry_delete", "9" * 40),
    ],
)
def test_forged_button_values_are_explained_not_failed(harness, action, value) -> None:
    assert harness.click("UCOORD", action, value, channel="C1")[0] == 200
    told = harness.slack.wait_for("chat.postEphemeral")[-1].params["text"]
    assert "no longer exists" in told or "not found" in told.lower()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("[1, 2]", "application/json"),
        ('"text"', "application/json"),
        ("null", "application/json"),
        ("42", "application/json"),
        ("{not json", "application/json"),
        ("payload=%5B1%5D", "application/x-www-form-urlencoded"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ("payload=%22x%22", "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_bodies_get_a_4xx(harness, body, content_type) -> None:
    status, _ = harness.send((body, content_type))
    assert 400 <= status < 500


def test_invalid_utf8_and_a_megabyte_form_get_a_4xx(harness) -> None:
    status, _, _ = signing.post(
        f"{harness.url}/slack/events",
        b"payload=\xff\xfe".decode("latin-1"),
        "application/x-www-form-urlencoded",
        secret=SECRET,
    )
    assert 400 <= status < 500
    status, _ = harness.send(("text=" + "x" * 1_000_000, "application/x-www-form-urlencoded"))
    assert 400 <= status < 500


def test_a_response_url_smuggled_in_metadata_is_never_called(harness: Harness) -> None:
    from tests.e2e.test_supervision import open_log_form, values

    view = open_log_form(harness)
    evil = harness.slack.response_url("evil")  # stands in for any host an attacker names
    forged = {**view, "private_metadata": json.dumps({"response_url": evil, "entry": None})}
    status, reply = harness.submit("ULT", forged, values(duration=30, with_user="UPAT"))
    assert status == 200 and reply["response_action"] == "update"  # told in the form itself
    harness.drained()
    assert harness.slack.calls("response_url:evil") == []


def test_a_slack_retry_gets_the_first_answer_and_does_nothing_twice(harness: Harness) -> None:
    export = signing.command("/log-supervision", "export", user_id="ULT", trigger_id="T.exp.1")
    first = harness.send(export)
    assert first == harness.send(export, retry=1) == harness.send(export, retry=2)
    harness.drained()
    assert len([c for c in harness.slack.calls("files.completeUploadExternal") if c.ok]) == 1
    view = open_form(harness)
    payload = _submission("ULEADKM", view, nominate_values("UANN"))
    nominated = harness.send(signing.interaction(payload))
    assert "is nominated" in nominated[1]
    assert harness.send(signing.interaction(payload), retry=1) == nominated
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.count_active("lsc-t4t") == 1


def _without_user(body: tuple[str, str]) -> tuple[str, str]:
    from urllib.parse import parse_qs

    payload = json.loads(parse_qs(body[0])["payload"][0])
    payload.pop("user")
    return signing.interaction(payload)


@pytest.mark.parametrize("action", ["log_open", "home_ics", "review_confirm", "withdraw"])
def test_a_signed_click_naming_nobody_is_acknowledged_and_goes_no_further(
    harness: Harness, action: str, caplog
) -> None:
    """A request with no user (forged: Slack always says who clicked) has nobody to act for
    or to answer: it is acknowledged and dropped, never an error that finds no one to tell."""
    caplog.set_level(logging.WARNING)
    forged = _without_user(signing.block_action("UCOORD", action, "1:cohort-1", channel_id="C1"))
    status, text = harness.send(forged)
    assert status == 200 and text == ""
    view = {"type": "modal", "callback_id": "log_entry", "private_metadata": "", "blocks": []}
    submission = _without_user(signing.interaction(_submission("UCOORD", view, {})))
    assert harness.send(submission) == (200, "")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("names no user" in r.getMessage() for r in caplog.records)


def test_a_decline_clicked_outside_the_form_is_answered_in_a_message(
    harness: Harness, caplog
) -> None:
    """The nominee's "I can't take part" belongs to the eligibility form; clicked from a
    message (forged: no form to update) the answer comes as a private message instead."""
    caplog.set_level(logging.ERROR)
    harness.click("UANN", "eligibility_nominee_declines", "999999", channel="C1")
    told = harness.slack.wait_for("chat.postEphemeral")[-1].params
    assert told["user"] == "UANN" and "no longer exists" in told["text"]
    home = {"type": "home", "id": "VHOME", "callback_id": ""}  # the Home tab is no form either
    harness.click("UANN", "eligibility_nominee_declines", "999998", view=home)
    notice = harness.slack.wait_for("views.open")[-1].params["view"]  # a small modal on Home
    assert "no longer exists" in str(notice["blocks"])
    assert harness.slack.calls("views.update") == []
    assert [r.getMessage() for r in caplog.records] == []
