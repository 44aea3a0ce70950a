"""Reminders end to end: `cascade jobs run --now` against the fake Slack, and their buttons."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.cli import main
from bot.reminders.messages import FOOTER
from domain.kernel.people import Actor
from domain.nominations.nomination import Status
from handlers.nominations import decisions
from handlers.nominations import nominate as h
from handlers.nominations.commands import (
    ConfirmEligibility,
    ConfirmPlace,
    Nominate,
    RecordAttendance,
)
from handlers.nominations.eligibility import confirm_eligibility
from tests.e2e.harness import Harness, eventually, validate_blocks
from tests.factories import ALL_CONFIRMATIONS, ALL_CRITERIA, COORDINATOR, LEAD_KM, NOW

UTC = NOW.tzinfo
COHORT_2_END = datetime(2026, 11, 30, 17, tzinfo=UTC)


def dms(harness: Harness, user: str) -> list[dict]:
    """The reminders a person was sent (not the announcements, which go at once)."""
    return [m for m in harness.dms_to(user) if FOOTER in str(m.get("blocks"))]


def nominate(h_: Harness, nominee: str = "UANN") -> int:
    return h.nominate(
        Nominate(actor=LEAD_KM, programme_key="lsc-t4t", ics_key="kent-medway", nominee_id=nominee),
        h_.uow_factory(),
        NOW,
    ).nomination.id


def attended(h_: Harness, nominee: str = "UANN") -> int:
    nid = confirmed(h_, nominee)
    decisions.record_attendance(
        RecordAttendance(actor=COORDINATOR, nomination_id=nid, attended=True),
        h_.uow_factory(),
        COHORT_2_END + timedelta(hours=1),
    )
    return nid


def confirmed(h_: Harness, nominee: str = "UANN") -> int:
    """Nominated, eligible and confirmed on cohort 2."""
    nid = nominate(h_, nominee)
    confirm_eligibility(
        ConfirmEligibility(
            actor=Actor(user_id=nominee),
            nomination_id=nid,
            criteria=ALL_CRITERIA,
            confirmations=ALL_CONFIRMATIONS,
            first_choice="cohort-2",
        ),
        h_.uow_factory(),
        NOW,
    )
    decisions.confirm_place(
        ConfirmPlace(actor=COORDINATOR, nomination_id=nid), h_.uow_factory(), NOW
    )
    return nid


def test_eligibility_reminder_waits_for_monday_and_is_sent_once(harness: Harness, jobs) -> None:
    nid = nominate(harness)
    sunday = NOW + timedelta(days=3)  # Sun 4 Oct: three days after the nomination
    jobs(sunday)
    assert dms(harness, "UANN") == []  # not at the weekend
    monday = datetime(2026, 10, 5, 8, tzinfo=UTC)  # 09:00 in London (BST)
    jobs(monday)
    (reminder,) = dms(harness, "UANN")
    validate_blocks(reminder["blocks"])
    assert "gentle reminder" in reminder["text"]
    assert f"'value': '{nid}'" in str(reminder["blocks"]) and "eligibility_open" in str(
        reminder["blocks"]
    )
    jobs(monday + timedelta(hours=1))
    assert len(dms(harness, "UANN")) == 1  # never twice


def test_reminders_wait_for_the_morning_where_the_person_is(harness: Harness, jobs) -> None:
    nominate(harness, "UKIWI")  # never used Cascade: their time zone is learnt from Slack
    monday_london = datetime(2026, 10, 5, 8, tzinfo=UTC)  # 09:00 London, 21:00 Auckland
    jobs(monday_london)
    assert dms(harness, "UKIWI") == []
    jobs(datetime(2026, 10, 5, 20, tzinfo=UTC))  # Tuesday 09:00 in Auckland
    assert len(dms(harness, "UKIWI")) == 1


def test_cascading_question_buttons_record_answers(harness: Harness, jobs) -> None:
    nid = attended(harness)
    jobs(datetime(2026, 12, 15, 10, tzinfo=UTC))  # two weeks after the cohort, a Tuesday
    question = next(m for m in dms(harness, "UANN") if "started delivering" in m["text"])
    validate_blocks(question["blocks"])
    assert {"cascade_yes", "cascade_not_yet", "reminder_snooze"} <= {
        e["action_id"] for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    harness.click("UANN", "cascade_not_yet", str(nid), channel="DUANN")
    form = harness.slack.wait_for("views.open")[0].params["view"]
    reply = harness.submit(
        "UANN",
        {**form, "id": "VNY"},
        {"reason": {"reason_input": {"type": "plain_text_input", "value": "Waiting for a venue"}}},
    )[1]
    assert reply == {}
    home = harness.open_home("UCOORD")
    assert "<@UANN>: ⏳ not yet" in str(home) and "Waiting for a venue" in str(home)
    opened = len(harness.slack.calls("views.open"))
    harness.click("UANN", "cascade_yes", str(nid), channel="DUANN")
    thanks = harness.slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "Wonderful" in str(thanks)  # and it asks how it is going (test_follow_through)

    def answered() -> bool:
        with harness.uow_factory(read_only=True) as uow:
            return uow.cascade_answers.latest([nid])[nid][0]

    eventually(answered, "the yes to be recorded")
    harness.slack.reset()
    jobs(datetime(2026, 12, 29, 10, tzinfo=UTC))  # the next ask would be due: none comes
    assert not [m for m in dms(harness, "UANN") if "started delivering" in m["text"]]


def test_remind_me_next_week(harness: Harness, jobs) -> None:
    attended(harness)
    jobs(datetime(2026, 12, 15, 10, tzinfo=UTC))
    with harness.uow_factory(read_only=True) as uow:
        (ask,) = [r for r in uow.outbox.list(recipient="UANN") if r.reason == "cascade-check"]
    harness.clock.now = datetime(2026, 12, 15, 10, 5, tzinfo=UTC)
    harness.click("UANN", "reminder_snooze", str(ask.id), channel="DUANN")
    told = harness.slack.wait_for("chat.postEphemeral")[0].params["text"]
    assert "remind you again on Tue 22 Dec" in told
    harness.slack.reset()
    jobs(datetime(2026, 12, 22, 10, 10, tzinfo=UTC))
    assert [m for m in dms(harness, "UANN") if "started delivering" in m["text"]]


def test_coordinator_records_attendance_from_home(harness: Harness) -> None:
    nid = nominate(harness)
    confirm_eligibility(
        ConfirmEligibility(
            actor=Actor(user_id="UANN"),
            nomination_id=nid,
            criteria=ALL_CRITERIA,
            confirmations=ALL_CONFIRMATIONS,
            first_choice="cohort-2",
        ),
        harness.uow_factory(),
        NOW,
    )
    decisions.confirm_place(
        ConfirmPlace(actor=COORDINATOR, nomination_id=nid), harness.uow_factory(), NOW
    )
    harness.clock.now = COHORT_2_END + timedelta(days=1)
    home = harness.open_home("UCOORD")
    assert "*Record attendance* (1 to mark)" in str(home)
    harness.click("UCOORD", "attendance:yes", f"{nid}:yes", view={"type": "home", "id": "VH"})

    def marked() -> bool:
        with harness.uow_factory(read_only=True) as uow:
            return uow.nominations.get(nid).status is Status.ATTENDED

    eventually(marked, "attendance to be recorded")
    harness.click("ULEADKM", "attendance:no", f"{nid}:no", view={"type": "home", "id": "VH"})
    refused = harness.slack.wait_for("views.open")[0].params["view"]
    assert "Only the coordinators" in str(refused)


def test_a_dry_run_prints_what_would_be_sent_and_sends_and_changes_nothing(
    harness: Harness, monkeypatch, tmp_path, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", harness.uow_factory.engine.url.render_as_string(False))
    monkeypatch.setenv("SLACK_API_URL", harness.slack.api_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)  # a dry run needs no Slack secrets
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    nominate(harness)
    harness.drained()
    harness.slack.reset()
    with harness.uow_factory(read_only=True) as uow:
        before = [(m.id, m.state) for m in uow.outbox.list()]
    monday = datetime(2026, 10, 5, 8, tzinfo=UTC)
    assert main(["jobs", "run", "--dry-run", "--now", monday.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "would send to UANN (eligibility): A gentle reminder" in out
    assert re.search(r"\n\d+ messages? would be sent\.\n$", out)
    assert harness.slack.calls("chat.postMessage") == []
    with harness.uow_factory(read_only=True) as uow:
        assert [(m.id, m.state) for m in uow.outbox.list()] == before
