"""The group session forms, messages and Home section pass Slack's Block Kit rules, at size,
and show people's words escaped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.group_sessions.blocks import attendance_modal, group_home_blocks, schedule_modal
from bot.group_sessions.ics import session_calendar
from bot.group_sessions.messages import invitation_message, soon_message
from domain.group_sessions.sessions import Answer, GroupSession, Invitee
from handlers.group_sessions.reads import GroupHome, ScheduleForm, SessionNow
from tests.blockkit import valid_message, valid_view
from tests.factories import NOW, full_configuration

START = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)


def shown(people: int = 23, **kw) -> SessionNow:
    session = GroupSession(
        kind="supervision-day",
        log_type="review-group",
        title="Lead Trainer supervision day & <more>",
        starts_at=START,
        ends_at=START + timedelta(hours=6),
        timezone="Europe/London",
        place="<!channel> Maidstone & District Hall",
        organiser="ULT",
        created_at=NOW,
        agenda="Arrive and coffee\n<@U123> Reports\n" * 200,
        id=7,
        **kw,
    )
    invitees = [
        Invitee(7, f"U{i:03d}", NOW, [Answer.GOING, Answer.NOT_GOING, None][i % 3])
        for i in range(people)
    ]
    return SessionNow(session, invitees, frozenset(), "Supervision day", "Review group", "Kent")


def test_the_attendance_form_ticks_those_going_ten_to_a_group() -> None:
    view = attendance_modal(shown())
    valid_view(view)
    groups = [b for b in view["blocks"] if b.get("block_id", "").startswith("group_attended:")]
    assert [len(b["element"]["options"]) for b in groups] == [10, 10, 3]
    ticked = [o["value"] for b in groups for o in b["element"].get("initial_options", [])]
    assert ticked == [f"U{i:03d}" for i in range(0, 23, 3)]
    assert "&lt;more&gt;" in str(view["blocks"][0])


def test_the_schedule_form_and_home_are_valid() -> None:
    catalogue = full_configuration(ics_count=8).catalogue
    config = full_configuration(ics_count=8)
    form = ScheduleForm(
        list(catalogue.session_kinds), catalogue.roles, list(config.ics), NOW.date()
    )
    valid_view(schedule_modal(form))
    home = GroupHome("U000", True, [shown()] * 6, [shown()] * 6)
    blocks = group_home_blocks(home, NOW)
    valid_view({"type": "home", "blocks": blocks})
    assert len(blocks) <= 2 + 5 + 5 * 2 and "<!channel>" not in str(blocks)
    assert "you: going" in str(blocks) and "and 8 more" not in str(blocks)


def test_messages_escape_what_people_typed_and_fit() -> None:
    for text, blocks in (invitation_message(shown()), soon_message(shown())):
        valid_message(blocks)
        assert "<!channel>" not in str(blocks) and "<@U123>" not in str(blocks)
        assert "&lt;!channel&gt;" in str(blocks) and "&lt;more&gt;" in text


def test_the_calendar_file_has_the_session_and_cancels_it_later() -> None:
    ics = session_calendar(shown().session, "Supervision day", NOW)
    assert b"DTSTART;TZID=Europe/London:20261014T100000" in ics and b"BEGIN:VTIMEZONE" in ics
    assert b"UID:group-session-7@cascade" in ics and b"SEQUENCE:0" in ics
    cancelled = session_calendar(shown(cancelled_at=NOW).session, "Supervision day", NOW)
    assert b"STATUS:CANCELLED" in cancelled and b"SEQUENCE:1" in cancelled
