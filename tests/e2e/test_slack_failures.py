"""Slack failing: messages are delayed, never lost, never doubled; acks stay fast meanwhile;
what Slack will never deliver is shown to the coordinators."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from domain.nominations.nomination import Status
from handlers.programme_admin.configuration import sync_configuration
from storage.unit_of_work import UnitOfWorkFactory
from tests.conftest import sqlite_copy
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Clock, Harness, eventually
from tests.e2e.test_nominate import _wait_status
from tests.e2e.test_review import invited, pending_via_ui
from tests.factories import NOW, full_configuration

SENDS = ("chat.postMessage", "chat.update", "files.getUploadURLExternal", "views.publish")


@pytest.fixture
def harness(slack: FakeSlack, migrated_sqlite, tmp_path) -> Iterator[Harness]:
    """The app with a dispatcher that gives up on a hung call quickly and looks often."""
    engine = sqlite_copy(migrated_sqlite, tmp_path / "failures.db")
    factory = UnitOfWorkFactory(engine)
    sync_configuration(full_configuration(ics_count=8, coordinators=["UCOORD"]), factory(), NOW)
    running = Harness(
        slack, factory, Clock(NOW), send_timeout_seconds=0.3, dispatch_every_seconds=0.05
    )
    slack.reset()
    yield running
    running.close()
    engine.dispose()


def confirmation_messages(h: Harness, nominee: str, lead: str) -> tuple[int, int, int, int]:
    """(nominee's DM, lead's DM, calendar files, card updates) about a confirmed place."""
    posts = [c for c in h.slack.calls("chat.postMessage") if c.ok]
    to_nominee = [c for c in posts if c.params["channel"] == nominee and "is confirmed" in str(c)]
    to_lead = [c for c in posts if c.params["channel"] == lead and f"<@{nominee}>'s" in str(c)]
    files = [
        c
        for c in h.slack.calls("files.completeUploadExternal")
        if c.ok and c.params["channel_id"] == "D" + nominee
    ]
    cards = [
        c
        for c in h.slack.calls("chat.update")
        if c.ok and f"Nominee*\\n<@{nominee}>" in str(c.params["blocks"]) and "Confirmed" in str(c)
    ]
    return len(to_nominee), len(to_lead), len(files), len(cards)


def time_passes(h: Harness, until, *, step=timedelta(seconds=30), steps: int = 40) -> None:
    """Move the clock on (retries fall due) until ``until()`` holds."""
    for _ in range(steps):
        h.clock.now += step
        h.cascade.dispatcher.wake()
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            if until():
                return
            time.sleep(0.01)
    with h.uow_factory(read_only=True) as uow:
        left = [(m.reason, m.state, m.last_error, m.due_at) for m in uow.outbox.list()]
    raise AssertionError(f"the messages never all arrived: {left} at {h.clock.now}")


def test_a_5xx_storm_a_rate_limit_and_ratelimited_delay_messages_but_lose_none(harness) -> None:
    nid = pending_via_ui(harness, "UANN")
    harness.drained()
    harness.slack.reset()
    harness.slack.fail_next("chat.postMessage", "service_unavailable", status=503, times=4)
    harness.slack.fail_next("chat.update", status=429, retry_after=1)
    harness.slack.fail_next("files.getUploadURLExternal", "ratelimited")
    status, _ = harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2")
    assert status == 200
    _wait_status(harness, nid, Status.CONFIRMED)
    time_passes(harness, lambda: min(confirmation_messages(harness, "UANN", "ULEADKM")) >= 1)
    harness.drained()
    assert confirmation_messages(harness, "UANN", "ULEADKM") == (1, 1, 1, 1)


def test_a_hung_slack_holds_up_no_ack_and_every_message_follows_once_it_answers(harness):
    ids = [pending_via_ui(harness, nominee) for nominee in ("UANN", "UBEN", "UCAT")]
    harness.drained()
    harness.slack.reset()
    harness.slack.hold(*SENDS)  # Slack stops answering
    for nid in ids:
        started = time.monotonic()
        assert harness.click("UCOORD", "review_confirm:cohort-2", f"{nid}:cohort-2")[0] == 200
        assert time.monotonic() - started < 2.0  # well inside Slack's 3 s, Slack hung or not
    assert harness.command("ULEADKM", "help")[0] == 200
    for nid in ids:
        _wait_status(harness, nid, Status.CONFIRMED)
    time.sleep(0.5)  # the dispatcher gives up on its hung calls meanwhile (0.3 s each)
    assert confirmation_messages(harness, "UANN", "ULEADKM") == (0, 0, 0, 0)
    harness.slack.release()
    everyone = lambda: all(  # noqa: E731
        min(confirmation_messages(harness, n, "ULEADKM")) >= 1 for n in ("UANN", "UBEN", "UCAT")
    )
    time_passes(harness, everyone)
    harness.drained()
    for nominee in ("UANN", "UBEN", "UCAT"):
        assert confirmation_messages(harness, nominee, "ULEADKM") == (1, 1, 1, 1)


def test_what_slack_will_never_deliver_is_shown_to_the_coordinators(harness) -> None:
    harness.slack.add_user("UGONE", name="Gone", deleted=True)
    harness.slack.fail_next("chat.postMessage", "account_inactive")
    nid = None

    def nominated():
        with harness.uow_factory(read_only=True) as uow:
            found = uow.nominations.active_for("lsc-t4t", "UGONE")
            return found.id if found else None

    from tests.e2e.test_nominate import nominate

    nominate(harness, "UGONE", user="ULEADKM", ics="kent-medway")
    nid = eventually(nominated, "the nomination")
    told = harness.message_to("ULEADKM", "could not send <@UGONE>")
    assert "account_inactive" in told["text"]
    with harness.uow_factory(read_only=True) as uow:
        assert uow.nominations.get(nid).status is Status.NOMINATED  # not reached yet
    home = harness.open_home("UCOORD")
    assert "1 message could not be delivered" in str(home) and "account_inactive" in str(home)
    lead = harness.open_home("ULEADKM")
    assert "<@UGONE>: Nominated, not reached yet" in str(lead)
    invited(harness, "UANN")  # everyone else is reached as before
