"""Group sessions over signed HTTP: a lead trainer schedules a review group from Home, the
invitees get a DM with Going / Can't go and a calendar file, answers reach the organiser's
Home, those going are reminded the day before, and the attendance the organiser records
meets each attendee's requirement; bad, late and forged input is refused clearly."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest

from domain.group_sessions.sessions import Answer
from domain.kernel.people import Actor
from domain.programme_admin.configuration import Configuration
from domain.supervision.entries import Entry, Kind
from handlers.group_sessions.commands import AnswerGroupSession, ScheduleGroupSession
from handlers.group_sessions.sessions import answer_invitation, schedule_session
from handlers.programme_admin.configuration import sync_configuration
from tests.e2e.harness import Harness, select_value, text_value, validate_blocks
from tests.factories import NOW, catalogue_config, ics_list, programme

HOME = {"type": "home", "id": "VH"}
START = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)  # Wed 14 Oct, 10:00 in London
TITLE = "Autumn review group & reflections"


@pytest.fixture
def h(harness: Harness) -> Harness:
    """ULT, UANN and UBEN are lead trainers; UANN's last review group was 13 months ago."""
    catalogue = catalogue_config()
    catalogue["roles"][1]["members"] = ["ULT", "UANN", "UBEN", "lt@nhs.example"]
    config = Configuration(
        programmes=(programme(coordinators=["UCOORD"], grants_role="lsc-facilitator"),),
        ics=ics_list(8),
        **catalogue,
    )
    sync_configuration(config, harness.uow_factory(), NOW)
    with harness.uow_factory() as uow:
        old = Entry("UANN", "review-group", Kind.SUPERVISION, date(2025, 9, 1), NOW, None)
        old.duration_minutes = 90
        uow.entries.add(old)
        uow.commit()
    return harness


def form_values(**changes) -> dict:
    values = {
        **select_value("group_kind", "review-group"),
        **text_value("group_title", TITLE),
        "group_date": {"group_date_input": {"type": "datepicker", "selected_date": "2026-10-14"}},
        "group_start": {"group_start_input": {"type": "timepicker", "selected_time": "10:00"}},
        "group_end": {"group_end_input": {"type": "timepicker", "selected_time": "12:30"}},
        **text_value("group_place", "https://meet.example/review <b>"),
        "group_invitees": {
            "group_invitees_input": {
                "type": "multi_users_select",
                "selected_users": ["UANN", "UBEN"],
            }
        },
    }
    return values | changes


def open_schedule_form(h: Harness, user: str = "ULT") -> dict:
    before = len(h.slack.calls("views.open"))
    h.click(user, "home_group_session", "", view=HOME)
    h.slack.wait_for("views.open", before + 1)
    return h.opened_view()


def session_id(h: Harness) -> int:
    with h.uow_factory(read_only=True) as uow:
        return uow.group_sessions.list()[-1].id


def upload_to(h: Harness, user: str) -> list[bytes]:
    found = []
    for call in h.slack.calls("files.completeUploadExternal"):
        if call.params.get("channel_id") == f"D{user}":
            files = call.params["files"]
            files = json.loads(files) if isinstance(files, str) else files
            found.append(h.slack.uploads[files[0]["id"]])
    return found


def told(h: Harness, count: int = 1) -> str:
    """What the app said privately to the last person who clicked (ephemeral or a notice)."""
    replies = h.slack.wait_for("chat.postEphemeral", count)
    return replies[-1].params["text"]


def record_values(*people: str) -> dict:
    chosen = [{"value": p} for p in people]
    return {
        "group_attended:1": {
            "group_attended:1_input": {"type": "checkboxes", "selected_options": chosen}
        }
    }


def test_a_review_group_from_home_to_a_met_requirement(h: Harness) -> None:
    assert "Review group yearly: overdue" in str(h.open_home("UANN"))
    assert "Schedule a group session" in str(h.open_home("ULT"))
    form = open_schedule_form(h)
    assert "Good-practice review group" in str(form) and "Supervision day" in str(form)
    status, reply = h.submit("ULT", form, form_values())
    assert status == 200 and reply["response_action"] == "update"
    assert "Wed 14 Oct 2026, 10:00–12:30 BST" in str(reply) and "2 people were invited" in str(
        reply
    )
    h.drained()
    (invitation,) = h.dms_to("UANN")
    validate_blocks(invitation["blocks"])
    shown = str(invitation["blocks"])
    assert "Autumn review group &amp; reflections" in shown and "review &lt;b&gt;" in shown
    assert "<b>" not in shown and "group_session_answer:going" in shown
    (ics,) = upload_to(h, "UANN")
    assert b"SUMMARY:Autumn review group & reflections" in ics
    assert b"DTSTART;TZID=Europe/London:20261014T100000" in ics
    sid = session_id(h)

    h.click("UANN", "group_session_answer:going", f"{sid}:going", channel="DUANN")
    assert "you are going" in told(h)
    h.click("UBEN", "group_session_answer:not-going", f"{sid}:not-going", channel="DUBEN")
    assert "can’t go" in told(h, 2)
    with h.uow_factory(read_only=True) as uow:
        answers = {i.person: i.answer for i in uow.group_sessions.invitees([sid])[sid]}
    assert answers == {"UANN": Answer.GOING, "UBEN": Answer.NOT_GOING}
    organiser = str(h.open_home("ULT"))
    assert "Going (1): <@UANN>" in organiser and "Can't go: 1" in organiser

    h.clock.now = START + timedelta(hours=3)
    assert "Record who came" in str(h.open_home("ULT"))
    h.click("ULT", "group_session_attendance", str(sid), view=HOME)
    h.slack.wait_for("views.open", 2)
    who = h.opened_view()
    assert "<@UANN>" in str(who) and "Said going" in str(who)
    reply = h.submit("ULT", who, record_values("UANN"))[1]
    assert reply["response_action"] == "update" and "1 attended" in str(reply)
    assert "Review group yearly: met" in str(h.open_home("UANN"))
    assert any("attendance at" in m["text"] for m in h.dms_to("UANN"))
    again = h.submit("ULT", who, record_values("UANN"))[1]  # saved twice: credited once
    assert again["response_action"] == "update" and "Added 0" in str(again)
    with h.uow_factory(read_only=True) as uow:
        credited = [e for e in uow.entries.list("UANN") if e.group_session_id == sid]
    assert len(credited) == 1 and credited[0].duration_minutes == 150


def test_those_going_are_reminded_the_working_day_before(h: Harness, jobs) -> None:
    with h.quietly() as quiet:
        cmd = ScheduleGroupSession(
            actor=Actor(user_id="ULT"),
            kind="review-group",
            title=TITLE,
            day=date(2026, 10, 14),
            start=time(10),
            end=time(12),
            place="Room 4",
            invitees=("UANN", "UBEN"),
        )
        session, _ = schedule_session(cmd, quiet(), NOW)
        for person, going in (("UANN", True), ("UBEN", False)):
            answer = AnswerGroupSession(
                actor=Actor(user_id=person), session_id=session.id, going=going
            )
            answer_invitation(answer, quiet(), NOW)

    def reminders(person: str) -> list[dict]:
        return [m for m in h.dms_to(person) if "you said you are going" in str(m["blocks"])]

    jobs(datetime(2026, 10, 12, 12, tzinfo=UTC))  # two days before: nothing yet
    assert reminders("UANN") == []
    jobs(datetime(2026, 10, 13, 8, tzinfo=UTC))  # 09:00 in London, the day before
    (reminder,) = reminders("UANN")
    validate_blocks(reminder["blocks"])
    assert "Coming up: Autumn review group &amp; reflections" in reminder["text"]
    assert reminders("UBEN") == []
    jobs(datetime(2026, 10, 13, 9, tzinfo=UTC))
    assert len(reminders("UANN")) == 1  # never twice


@pytest.mark.parametrize(
    ("changes", "block", "words"),
    [
        (
            {
                "group_date": {
                    "group_date_input": {"type": "datepicker", "selected_date": "2026-10-01"}
                }
            },
            "group_start",
            "start in the future",
        ),
        (
            {"group_end": {"group_end_input": {"type": "timepicker", "selected_time": "09:00"}}},
            "group_end",
            "end must be after the start",
        ),
        (text_value("group_title", "<!channel> all come"), "group_title", "leave out < and >"),
        (text_value("group_place", ""), "group_place", "joining link"),
        (
            {
                "group_invitees": {
                    "group_invitees_input": {"type": "multi_users_select", "selected_users": []}
                }
            },
            "group_invitees",
            "Invite someone",
        ),
        (
            {
                "group_invitees": {
                    "group_invitees_input": {
                        "type": "multi_users_select",
                        "selected_users": ["not-a-user"],
                    }
                }
            },
            "group_invitees",
            "choose a person",
        ),
        (select_value("group_kind", "supervision-day"), "group_agenda", "needs an agenda"),
        (select_value("group_kind", "tea-party"), "group_kind", "what kind of group session"),
        (select_value("group_ics", "atlantis"), "group_ics", "no ICS"),
        (text_value("group_title", "x" * 151), "group_title", "at most 150 characters"),
    ],
)
def test_every_bad_field_gets_an_inline_error(h: Harness, changes, block, words) -> None:
    form = open_schedule_form(h)
    status, reply = h.submit("ULT", form, form_values(**changes))
    assert status == 200 and reply["response_action"] == "errors"
    assert list(reply["errors"]) == [block] and words in reply["errors"][block]
    with h.uow_factory(read_only=True) as uow:
        assert uow.group_sessions.list() == []


def test_only_coordinators_and_lead_trainers_schedule(h: Harness) -> None:
    h.click("UCAT", "home_group_session", "", view=HOME)
    notice = h.slack.wait_for("views.open")[0].params["view"]
    assert "Only coordinators and lead trainers" in str(notice)
    form = open_schedule_form(h)  # a lead trainer's form, submitted by someone else
    reply = h.submit("UCAT", form, form_values())[1]
    assert "Only coordinators and Lead trainers can schedule" in reply["errors"]["group_kind"]
    assert h.submit("UCOORD", form, form_values())[1]["response_action"] == "update"


def test_late_forged_and_wrong_person_clicks_change_nothing(h: Harness) -> None:
    h.submit("ULT", open_schedule_form(h), form_values())
    sid = session_id(h)
    h.click("UCAT", "group_session_answer:going", f"{sid}:going", channel="DUCAT")
    assert "not invited" in told(h)
    h.click("UANN", "group_session_answer:going", "999999:going", channel="DUANN")
    assert "no longer exists" in told(h, 2)
    h.click("UANN", "group_session_answer:going", "<@UCOORD>", channel="DUANN")
    assert "no longer exists" in told(h, 3)
    h.click("ULT", "group_session_attendance", str(sid), channel="DULT")
    assert "has not started yet" in told(h, 4)
    h.click("UANN", "group_session_cancel", str(sid), channel="DUANN")
    assert "Only the organiser or a coordinator" in told(h, 5)

    h.clock.now = START + timedelta(minutes=5)
    h.click("UANN", "group_session_answer:going", f"{sid}:going", channel="DUANN")
    assert "already started" in told(h, 6)
    h.click("UANN", "group_session_attendance", str(sid), channel="DUANN")
    assert "Only the organiser or a coordinator" in told(h, 7)
    h.click("ULT", "group_session_cancel", str(sid), channel="DULT")
    assert "record who came instead" in told(h, 8)
    h.click("ULT", "group_session_attendance", str(sid), view=HOME)
    h.slack.wait_for("views.open", 2)
    who = h.opened_view()
    reply = h.submit("ULT", who, record_values("UANN", "UCAT"))[1]  # forged: UCAT not invited
    assert reply["response_action"] == "errors"
    assert "was not invited" in reply["errors"]["group_attended:1"]
    stale = {**who, "private_metadata": json.dumps({"session": 999999})}
    reply = h.submit("ULT", stale, record_values("UANN"))[1]
    assert reply["response_action"] == "errors" and "no longer exists" in str(reply["errors"])
    reply = h.submit("UANN", who, record_values("UANN"))[1]  # the organiser's form, forged
    assert "Only the organiser or a coordinator" in str(reply["errors"])
    with h.uow_factory(read_only=True) as uow:
        assert uow.group_sessions.attendance([sid]) == {}
        assert uow.group_sessions.get(sid).cancelled_at is None


def test_a_coordinator_cancels_and_everyone_invited_is_told(h: Harness) -> None:
    h.submit("ULT", open_schedule_form(h), form_values())
    sid = session_id(h)
    h.drained()
    h.click("UCOORD", "group_session_cancel", str(sid), channel="DUCOORD")
    assert "is cancelled" in told(h)
    h.drained()
    for person in ("UANN", "UBEN", "ULT"):
        assert any("was cancelled by <@UCOORD>" in m["text"] for m in h.dms_to(person))
    cancelled = upload_to(h, "UANN")[-1]
    assert b"STATUS:CANCELLED" in cancelled and b"METHOD:CANCEL" in cancelled
    h.click("UANN", "group_session_answer:going", f"{sid}:going", channel="DUANN")
    assert "was cancelled" in told(h, 2)
    assert "_cancelled_" in str(h.open_home("ULT"))


@pytest.mark.parametrize(
    ("day", "words"),
    [("2026-02-30", "That is not a real date."), ("9999-12-31", "at most two years ahead")],
)
def test_a_session_dated_unreadably_or_absurdly_is_refused_beside_the_date(
    h: Harness, day: str, words: str
) -> None:
    picked = {"group_date": {"group_date_input": {"type": "datepicker", "selected_date": day}}}
    status, reply = h.submit("ULT", open_schedule_form(h), form_values(**picked))
    assert status == 200 and reply["response_action"] == "errors"
    assert list(reply["errors"]) == ["group_date"] and words in reply["errors"]["group_date"]
    with h.uow_factory(read_only=True) as uow:
        assert uow.group_sessions.list() == []
