"""Requirements that fit real lives, over signed HTTP against the fake Slack: 30 hours of CPD
logged with durations, leave that pauses every chase and escalation and moves due dates, and a
bank holiday skipped."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from slack_sdk.models.views import View

from bot.reminders.messages import FOOTER
from domain.kernel.people import Actor
from handlers.programme_admin.configuration import sync_configuration
from handlers.supervision.commands import LogEntry
from handlers.supervision.entries import log_entry
from tests.e2e.harness import Harness, text_value, validate_blocks
from tests.e2e.test_supervision import open_log_form, values
from tests.factories import NOW, hours_configuration

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = "Chemotherapy, please keep this to yourself"


def reminders_to(h: Harness, user: str) -> list[str]:
    """The reminder DMs a person was sent, as text (announcements left out)."""
    return [str(m["blocks"]) for m in h.dms_to(user) if FOOTER in str(m.get("blocks"))]


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_thirty_hours_of_cpd_logged_with_durations_meet_the_requirement(harness) -> None:
    sync_configuration(hours_configuration(coordinators=["UCOORD"]), harness.uow_factory(), NOW)
    replies = []
    for day, minutes in (("2026-09-01", 480), ("2026-09-08", 480), ("2026-09-15", 480)):
        view = open_log_form(harness)
        replies.append(harness.submit("ULT", view, values("cpd", day, duration=minutes))[1])
    assert "30 hours of CPD a year: 24 of 30 hours, due soon" in str(replies[-1]["view"])
    view = open_log_form(harness)
    done = harness.submit("ULT", view, values("cpd", "2026-09-22", duration=360))[1]
    assert "30 hours of CPD a year: 30 of 30 hours, met, next due Wed 1 Sep 2027" in str(
        done["view"]
    )
    home = str(harness.open_home("ULT"))
    assert "30 hours of CPD a year: 30 of 30 hours, met" in home
    coordinator = str(harness.open_home("UCOORD"))
    assert "30 hours of CPD a year (due" not in coordinator  # not late


def open_leave_form(h: Harness, user: str = "ULT") -> dict:
    before = len(h.slack.calls("views.open"))
    assert h.send_command("/leave", user) == (200, "")
    h.slack.wait_for("views.open", before + 1)
    return h.opened_view()


def leave_values(first: str | None, last: str | None, reason: str = "") -> dict:
    picked = {
        block: {f"{block}_input": {"type": "datepicker", "selected_date": day}}
        for block, day in (("leave_from", first), ("leave_to", last))
    }
    return picked | text_value("leave_reason", reason)


def record_leave(h: Harness, first: str, last: str, reason: str = "") -> dict:
    return h.submit("ULT", open_leave_form(h), leave_values(first, last, reason))[1]


def test_leave_pauses_every_chase_and_escalation_and_moves_the_due_date(harness, jobs) -> None:
    harness.slack.add_user("UMGR", name="Manager")
    with harness.quietly() as quiet:
        log_entry(  # quarterly with the line manager: due Thu 1 Oct, the day of this test
            LogEntry(
                actor=Actor(user_id="ULT"),
                log_type="line-manager",
                occurred_on=date(2026, 7, 1),
                with_user="UMGR",
                duration_minutes=60,
                action="Book a review group",
                action_due=date(2026, 10, 20),
            ),
            quiet(),
            NOW,
        )
    jobs(NOW)
    assert any("Line manager quarterly" in r for r in reminders_to(harness, "ULT"))  # control
    reply = record_leave(harness, "2026-10-05", "2026-11-01", PRIVATE)
    assert reply["response_action"] == "update"
    assert "Leave recorded: Mon 5 Oct 2026 to Sun 1 Nov 2026 (28 days)" in str(reply["view"])
    harness.slack.reset()
    for day in (8, 15, 20, 22, 29):  # weekly, the escalation's day, the action's day…
        jobs(at(date(2026, 10, day)))
    assert reminders_to(harness, "ULT") == [] and reminders_to(harness, "UMGR") == []
    harness.clock.now = at(date(2026, 10, 8))
    coordinator_home = harness.open_home("UCOORD")
    View(**coordinator_home).validate_json()
    coordinator = str(coordinator_home)
    assert "<@ULT>" in coordinator and "on leave until 1 Nov 2026" in coordinator
    assert PRIVATE not in coordinator
    others = [c.params for c in harness.slack.calls() if "ULT" not in str(c.params.get("channel"))]
    assert PRIVATE not in str([p for p in others if p.get("user_id") != "ULT"])
    # Back on Monday 2 November: the chases resume, and the due date moved by the 28 days.
    jobs(at(date(2026, 11, 2)))
    back = reminders_to(harness, "ULT")
    assert any("Book a review group" in r for r in back)  # the agreed action, held till now
    assert any("Line manager quarterly" in r and "Thu 29 Oct 2026" in r for r in back)
    harness.clock.now = at(date(2026, 11, 2))
    assert "Line manager quarterly: overdue, next due Thu 29 Oct 2026" in str(
        harness.open_home("ULT")
    )
    jobs(at(date(2026, 11, 12)))  # two weeks after the moved date: the manager is told
    (told,) = reminders_to(harness, "UMGR")
    assert "overdue since Thu 29 Oct 2026" in told and PRIVATE not in told


def test_leave_form_errors_are_inline_and_leave_is_ended_from_slack(harness) -> None:
    cases = [
        (leave_values("2026-10-09", "2026-10-08"), "leave_to", "before the first"),
        (leave_values("2026-10-01", "2027-10-05"), "leave_to", "at most one year"),
        (leave_values("2026-10-05", None), "leave_to", "pick a date"),
        (leave_values("2026-10-05", "2026-10-09", "x" * 301), "leave_reason", "at most 300"),
        (leave_values("not-a-date", "2026-10-09"), "leave_from", "not a real date"),
        (leave_values("2026-10-05", "2026-02-30"), "leave_to", "not a real date"),
    ]
    for state, block, message in cases:
        reply = harness.submit("ULT", open_leave_form(harness), state)[1]
        assert reply["response_action"] == "errors" and message in reply["errors"][block]
    assert record_leave(harness, "2026-09-28", "2026-10-09")["response_action"] == "update"
    overlap = record_leave(harness, "2026-10-09", "2026-10-12")
    assert "already have leave from Mon 28 Sep" in overlap["errors"]["leave_from"]
    status, listed = harness.send_command("/leave", "ULT", "list")
    assert status == 200 and "On leave until Fri 9 Oct 2026" in listed and "leave_end" in listed
    with harness.uow_factory(read_only=True) as uow:
        (leave,) = uow.leave.list("ULT")
    harness.click("UANN", "leave_end", str(leave.id), channel="C1")
    harness.click("ULT", "leave_end", "99999", channel="C1")  # forged: names nothing
    refusals = str([r.params["text"] for r in harness.slack.wait_for("chat.postEphemeral", 2)])
    assert "only change your own leave" in refusals and "no longer recorded" in refusals
    validate_blocks(json.loads(listed)["blocks"])
    home = harness.open_home("ULT")
    View(**home).validate_json()
    assert "My leave" in str(home) and "On leave until Fri 9 Oct 2026" in str(home)
    opened = len(harness.slack.calls("views.open"))
    harness.click("ULT", "leave_end", str(leave.id), view={"type": "home", "id": "VH"})
    harness.slack.wait_for("views.open", opened + 1)  # on Home, the answer is a small modal
    assert "Welcome back: your leave now ended on Wed 30 Sep 2026" in str(harness.opened_view())
    assert "On leave until" not in str(harness.open_home("ULT"))  # the Home tab shows it
    harness.click("ULT", "leave_open", "", view={"type": "home", "id": "VH"})
    harness.slack.wait_for("views.open", opened + 2)
    assert harness.opened_view()["title"]["text"] == "Record leave"
    assert "/leave list" in harness.send_command("/leave", "ULT", "help")[1]
    assert "didn't recognise" in harness.send_command("/leave", "ULT", "soon")[1]
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert "/leave" in {c["command"] for c in manifest["features"]["slash_commands"]}


def test_a_reminder_due_on_a_bank_holiday_is_sent_the_next_working_day(harness, jobs) -> None:
    with harness.quietly() as quiet:
        log_entry(
            LogEntry(
                actor=Actor(user_id="ULT"),
                log_type="review-group",
                occurred_on=date(2026, 9, 30),
                duration_minutes=90,
                action="Write up the Christmas review",
                action_due=date(2026, 12, 25),
            ),
            quiet(),
            NOW,
        )

    def actions() -> list[str]:
        return [r for r in reminders_to(harness, "ULT") if "Christmas review" in r]

    jobs(at(date(2026, 12, 25), 10))  # Christmas Day, a Friday
    jobs(at(date(2026, 12, 28), 10))  # Boxing Day's substitute Monday
    assert actions() == []
    jobs(at(date(2026, 12, 29)))  # Tuesday, 09:00 in London
    (reminder,) = actions()
    assert "due on Fri 25 Dec" in reminder
