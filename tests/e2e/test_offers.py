"""Waitlist offers end to end: a freed place is offered with Accept / Decline and a deadline,
passes to the next person when unanswered, is confirmed once however often it is accepted;
coordinators reorder the waitlist from App Home; anyone can leave it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from domain.nominations.nomination import Status
from storage.tables import AuditRow
from tests.e2e import signing
from tests.e2e.harness import Harness, eventually, validate_blocks
from tests.e2e.test_review import _wait_status, fill_cohort, pending_via_ui

DEADLINE = datetime(2026, 10, 6, 9, 0, tzinfo=UTC)  # three working days after NOW (a Thursday)


def waitlist_behind_a_full_cohort(h_: Harness) -> tuple[int, int, int]:
    """Cohort 2 full, Ann holding its last place; Ben then Cat waitlisted for it."""
    fill_cohort(h_, "cohort-2", 14)
    ann, ben, cat = (pending_via_ui(h_, nominee) for nominee in ("UANN", "UBEN", "UCAT"))
    h_.click("UCOORD", "review_confirm:cohort-2", f"{ann}:cohort-2", channel="CREVIEW")
    _wait_status(h_, ann, Status.CONFIRMED)
    for nid in (ben, cat):
        h_.click("UCOORD", "review_waitlist", str(nid), channel="CREVIEW")
        _wait_status(h_, nid, Status.WAITLISTED)
    return ann, ben, cat


def offered(h_: Harness, nominee: str, deadline: str = "Tue 6 Oct 2026 10:00") -> dict:
    offer = h_.message_to(nominee, "is yours if you want it")
    validate_blocks(offer["blocks"])
    assert "Accept the place" in str(offer["blocks"]) and deadline in str(offer)
    return offer


def test_an_unanswered_offer_passes_to_the_next_person(harness: Harness, jobs) -> None:
    ann, ben, cat = waitlist_behind_a_full_cohort(harness)
    harness.slack.reset()
    harness.click("UANN", "withdraw", str(ann), channel="DUANN")
    _wait_status(harness, ben, Status.OFFERED)
    offered(harness, "UBEN")
    assert "is offered to <@UBEN>" in harness.message_to("ULEADKM", "is offered to")["text"]
    harness.message_to("CREVIEW", "It is offered to <@UBEN>")
    # A coordinator cannot give the kept place to someone else meanwhile.
    harness.click("UCOORD", "review_confirm:cohort-2", f"{cat}:cohort-2", channel="CREVIEW")
    harness.message_to("CREVIEW", "Cohort 2 is full", "chat.postEphemeral")

    jobs(DEADLINE + timedelta(minutes=1))
    _wait_status(harness, ben, Status.WAITLISTED)
    _wait_status(harness, cat, Status.OFFERED)
    assert "not accepted in time" in harness.message_to("UBEN", "not accepted in time")["text"]
    offered(harness, "UCAT", "Fri 9 Oct 2026 10:01")  # three working days on

    harness.clock.now = DEADLINE + timedelta(minutes=2)
    harness.click("UBEN", "offer_accept", str(ben), channel="DUBEN")  # too late
    harness.message_to("DUBEN", "This offer is no longer open", "chat.postEphemeral")
    harness.click("UCAT", "offer_accept", str(cat), channel="DUCAT")
    _wait_status(harness, cat, Status.CONFIRMED)
    assert "is confirmed: *Cohort 2*" in harness.message_to("UCAT", "is confirmed")["text"]
    harness.slack.wait_for("files.completeUploadExternal", 1)
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.count_holding_place("lsc-t4t")["cohort-2"] == 15
        assert uow.nominations.get(ben).status is Status.WAITLISTED


def test_two_accepts_of_one_offered_place_at_once_confirm_it_once(harness: Harness) -> None:
    ann, ben, _ = waitlist_behind_a_full_cohort(harness)
    harness.click("UANN", "withdraw", str(ann), channel="DUANN")
    _wait_status(harness, ben, Status.OFFERED)
    harness.slack.reset()
    clicks = [
        signing.block_action("UBEN", "offer_accept", str(ben), channel_id="DUBEN") for _ in range(2)
    ]
    assert clicks[0][0] != clicks[1][0]  # two devices: two different clicks
    with ThreadPoolExecutor(2) as pool:
        assert [s for s, _ in pool.map(harness.send, clicks)] == [200, 200]
    _wait_status(harness, ben, Status.CONFIRMED)
    harness.drained()
    confirmed = [m for m in harness.dms_to("UBEN") if "is confirmed" in m["text"]]
    ephemerals = [c.params for c in harness.slack.calls("chat.postEphemeral")]
    refused = [p for p in ephemerals if p["user"] == "UBEN"]
    assert len(confirmed) == 1
    assert len(refused) == 1 and "already confirmed" in str(refused[0])
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.count_holding_place("lsc-t4t")["cohort-2"] == 15


def test_declining_an_offer_passes_it_on_and_anyone_can_leave_the_waitlist(
    harness: Harness,
) -> None:
    ann, ben, cat = waitlist_behind_a_full_cohort(harness)
    waitlisted = harness.message_to("UCAT", "is on the waitlist")
    assert "Leave the waitlist" in str(waitlisted["blocks"])
    harness.click("UANN", "withdraw", str(ann), channel="DUANN")
    _wait_status(harness, ben, Status.OFFERED)
    harness.click("UBEN", "offer_decline", str(ben), channel="DUBEN")
    _wait_status(harness, ben, Status.WITHDRAWN)
    _wait_status(harness, cat, Status.OFFERED)
    harness.click("UCAT", "withdraw", str(cat), channel="DUCAT")  # changes their mind
    _wait_status(harness, cat, Status.WITHDRAWN)
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.count_holding_place("lsc-t4t")["cohort-2"] == 14  # free again


def test_a_coordinator_reorders_the_waitlist_from_home_with_a_reason(harness: Harness) -> None:
    _, ben, cat = waitlist_behind_a_full_cohort(harness)
    home = harness.open_home("UCOORD")
    assert "Change position" in str(home)
    before = len(harness.slack.calls("views.open"))
    harness.click("UCOORD", "waitlist_reorder", str(cat), view={"type": "home", "id": "VHOME"})
    harness.slack.wait_for("views.open", before + 1)
    form = harness.opened_view()
    assert "number 2 of 2" in str(form)
    values = {
        "position": {
            "position_input": {"type": "static_select", "selected_option": {"value": "1"}}
        },
        "reason": {"reason_input": {"type": "plain_text_input", "value": " "}},
    }
    _, answer = harness.submit("UCOORD", form, values)
    assert answer == {"response_action": "errors", "errors": {"reason": "Please give a reason."}}
    values["reason"]["reason_input"]["value"] = "Cat's service needs it first"
    assert harness.submit("UCOORD", form, values)[1] == {}
    with harness.uow_factory(read_only=True) as uow:
        ranks = {n.id: n.waitlist_rank for n in uow.nominations.list("lsc-t4t")}
    with harness.uow_factory.engine.connect() as connection:
        why = connection.execute(
            select(AuditRow.actor, AuditRow.detail)
            .where(AuditRow.subject == f"nomination:{cat}")
            .order_by(AuditRow.id.desc())
        ).first()
    assert ranks[cat] == 1 and ranks[ben] == 2
    assert tuple(why) == (
        "UCOORD",
        "moved to position 1 on the waitlist: Cat's service needs it first",
    )
    eventually(lambda: "1. <@UCAT>" in str(harness.open_home("UCOORD")), "the new order on Home")
    # Only coordinators may do it.
    opened = len(harness.slack.calls("views.open"))
    harness.click("UBEN", "waitlist_reorder", str(ben), view={"type": "home", "id": "VHOME"})
    notice = harness.slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "Only the coordinators" in str(notice) and "Waitlist position" not in str(notice)
