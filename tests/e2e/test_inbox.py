"""Acknowledged first, carried out right after: what the person sees on each side of the ack."""

from __future__ import annotations

from bot.nominations import ids as nominations_ids
from domain.nominations.nomination import Status
from handlers.kernel.inbox import accept
from handlers.nominations.commands import ConfirmPlace, Withdraw
from handlers.nominations.decisions import withdraw
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.harness import Clock, Harness, select_value, ticks
from tests.e2e.test_review import _wait_status, invited, open_eligibility, pending_via_ui
from tests.factories import COORDINATOR, NOW


def test_a_request_a_stopped_bot_acknowledged_is_carried_out_when_a_bot_starts(
    harness: Harness, slack
) -> None:
    nid = pending_via_ui(harness, "UANN")
    harness.close()  # as if it died right after the ack: the request is stored, not done
    quiet = UnitOfWorkFactory(harness.uow_factory.engine)
    command = ConfirmPlace(actor=COORDINATOR, nomination_id=nid, cohort_key="cohort-2")
    assert accept(command, "request-1", quiet(), NOW, reply_channel="CREVIEW").new
    with quiet(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.PENDING_REVIEW
    slack.reset()
    again = Harness(slack, harness.uow_factory, Clock(NOW))
    try:
        _wait_status(again, nid, Status.CONFIRMED)
        assert "is confirmed" in again.message_to("UANN", "is confirmed")["text"]
        again.drained()
        with quiet(read_only=True) as uow:
            assert uow.inbox.count() == 0
    finally:
        again.close()


def test_the_eligibility_form_is_checked_inline_before_its_ack(harness: Harness) -> None:
    nid = invited(harness, "UANN")
    view = open_eligibility(harness, nid)
    values = ticks(view)
    values.pop(
        next(k for k in values if k.startswith(nominations_ids.Block.CRITERION_PREFIX))
    )  # one left unticked
    values |= select_value("first_choice", "cohort-2", "radio_buttons")
    status, reply = harness.submit("UANN", view, values)
    assert status == 200 and reply["response_action"] == "errors"
    assert list(reply["errors"].values()) == [
        "Please tick this to confirm, or use “I can't take part” below to decline."
    ]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.AWAITING_ELIGIBILITY
        assert uow.inbox.count() == 0  # nothing stored for a form sent back


def test_a_nomination_withdrawn_while_the_form_was_open_is_explained_after_the_ack(
    harness: Harness,
) -> None:
    nid = invited(harness, "UANN")
    view = open_eligibility(harness, nid)
    with harness.quietly() as quiet:  # the lead withdraws it meanwhile
        withdraw(Withdraw(actor=COORDINATOR, nomination_id=nid, reason="moved"), quiet(), NOW)
    values = ticks(view) | select_value("first_choice", "cohort-2", "radio_buttons")
    status, reply = harness.submit("UANN", view, values)
    assert status == 200 and reply["response_action"] == "update"
    harness.drained()
    told = harness.message_to("UANN", "Nothing was changed", method="chat.postMessage")
    assert "withdrawn" in str(told["blocks"]).lower()
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.WITHDRAWN


def test_a_confirm_refused_after_the_ack_is_explained_where_it_was_clicked(
    harness: Harness,
) -> None:
    nid = pending_via_ui(harness, "UANN")
    harness.click("UCOORD", "review_waitlist", str(nid), channel="CREVIEW")
    _wait_status(harness, nid, Status.WAITLISTED)
    harness.slack.reset()
    harness.click("UCOORD", "review_waitlist", str(nid), channel="CREVIEW")  # a stale card
    whisper = harness.slack.wait_for("chat.postEphemeral")[0].params
    assert whisper["channel"] == "CREVIEW" and whisper["user"] == "UCOORD"
    assert "Nothing was changed" in str(whisper["blocks"])
