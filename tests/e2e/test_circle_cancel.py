"""A circle cancelled over signed HTTP: only its facilitators or a coordinator may; everyone
with a place is told and gets the file that takes it out of their calendar, the post in the
circles channel says so, it leaves Home, takes no sign-ups and sends no reminder."""

from __future__ import annotations

from datetime import datetime

import pytest
from slack_sdk.models.views import View

from domain.circles.reasons import CircleReason
from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness, validate_blocks
from tests.e2e.test_circle_calendar import HOME, UTC, circle_id, publish
from tests.factories import NOW, circles_configuration


@pytest.fixture
def circles(harness: Harness) -> Harness:
    sync_configuration(circles_configuration(coordinators=["UCOORD"]), harness.uow_factory(), NOW)
    return harness


def told_in_home(h: Harness, user: str, action: str, value: str) -> str:
    """Click on Home; what the person is told (a notice opened over Home)."""
    before = len(h.slack.calls("views.open"))
    h.click(user, action, value, view=HOME)
    return str(h.slack.wait_for("views.open", before + 1)[-1].params["view"])


def cancel_button(home: dict) -> dict | None:
    found = [
        b["accessory"]
        for b in home["blocks"]
        if b.get("accessory", {}).get("action_id") == "circle_cancel"
    ]
    return found[0] if found else None


def post_ts(h: Harness) -> str:
    with h.uow_factory(read_only=True) as uow:
        (post,) = [m for m in uow.outbox.list(reason=CircleReason.CIRCLE_POST) if m.period == "1"]
    return post.sent_ts


def test_the_publisher_cancels_and_everyone_with_a_place_is_told(circles: Harness, jobs) -> None:
    publish(circles, day="2026-10-12", places=12)  # Monday 12 Oct, co-facilitated by UBEN
    circles.message_to("CCIRCLES", "open to all staff")
    cid = circle_id(circles)
    for person in ("UCAT", "UDAN"):
        assert "You have a place" in told_in_home(circles, person, "circle_sign_up", str(cid))
    home = circles.open_home("UANN")
    View(**home).validate_json()
    button = cancel_button(home)
    assert button is not None and button["value"] == str(cid)
    assert "Everyone with a place will be told" in str(button["confirm"])
    assert cancel_button(circles.open_home("UCAT")) is None

    refused = told_in_home(circles, "UPAT", "circle_cancel", str(cid))
    assert "Only the person who published this circle" in refused
    with circles.uow_factory(read_only=True) as uow:
        assert uow.circles.get(cid).cancelled_at is None

    done = told_in_home(circles, "UANN", "circle_cancel", str(cid))
    assert "is cancelled" in done and "Everyone with a place is being told" in done
    for person in ("UCAT", "UDAN", "UBEN"):
        told = circles.message_to(person, "was cancelled by <@UANN>")
        assert "Burnout / pandemic fatigue" in told["text"]
    assert "your place" in circles.message_to("UCAT", "was cancelled")["text"]
    circles.drained()
    files = [c.params for c in circles.slack.calls("files.completeUploadExternal")]
    cancelled = [f for f in files if "cancelled" in str(f.get("initial_comment"))]
    assert {f["channel_id"] for f in cancelled} == {"DUCAT", "DUDAN"}

    updated = circles.message_to("CCIRCLES", "Cancelled", method="chat.update")
    assert updated["ts"] == post_ts(circles)
    validate_blocks(updated["blocks"])
    assert "circle_sign_up" not in str(updated["blocks"])

    assert f"'value': '{cid}'" not in str(circles.open_home("UCAT"))  # gone from Home
    circles.click("UPAT", "circle_sign_up", str(cid), channel="CCIRCLES")
    refused = circles.slack.wait_for("chat.postEphemeral")[-1].params["text"]
    assert "has been cancelled, so it takes no sign-ups" in refused

    again = told_in_home(circles, "UANN", "circle_cancel", str(cid))  # a second click
    assert "is cancelled" in again
    circles.drained()
    assert len([m for m in circles.dms_to("UCAT") if "was cancelled" in m["text"]]) == 1

    jobs(datetime(2026, 10, 9, 8, tzinfo=UTC))  # Friday 09:00: the reminder would be due
    for person in ("UCAT", "UDAN"):
        assert not [m for m in circles.dms_to(person) if "coming up" in str(m.get("blocks"))]


def test_a_coordinator_or_a_co_facilitator_may_cancel_and_forged_ids_are_answered(
    circles: Harness,
) -> None:
    missing = told_in_home(circles, "UANN", "circle_cancel", "99999")
    assert "no longer on the calendar" in missing
    forged = told_in_home(circles, "UANN", "circle_cancel", "not-a-number")
    assert "no longer on the calendar" in forged
    publish(circles, places=12)
    cid = circle_id(circles)
    assert "You have a place" in told_in_home(circles, "UCAT", "circle_sign_up", str(cid))
    assert "is cancelled" in told_in_home(circles, "UCOORD", "circle_cancel", str(cid))
    assert circles.message_to("UANN", "was cancelled by <@UCOORD>")
    assert circles.message_to("UCAT", "was cancelled by <@UCOORD>")

    publish(circles, day="2026-10-09", places=12)
    (later,) = _upcoming(circles)  # the first one is cancelled
    assert "is cancelled" in told_in_home(circles, "UBEN", "circle_cancel", str(later))


def _upcoming(h: Harness) -> list[int]:
    with h.uow_factory(read_only=True) as uow:
        return [c.id for c in uow.circles.upcoming(NOW)]
