"""Hostile text and forged requests, over signed HTTP: nobody is pinged, nothing breaks."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.test_nominate import nominate_values, open_form
from tests.e2e.test_review import card_for, confirm
from tests.unit.test_blocks import HOSTILE


def test_a_leads_note_cannot_ping_the_review_channel_or_disguise_a_link(harness: Harness):
    view = open_form(harness)
    assert harness.submit("ULEADKM", view, nominate_values("UANN", note=HOSTILE))[0] == 200
    harness.message_to("UANN", "has nominated you")
    with harness.uow_factory(read_only=True) as uow:
        nid = uow.nominations.active_for("lsc-t4t", "UANN").id
    from domain.nomination import Status
    from tests.e2e.test_nominate import _wait_status

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
