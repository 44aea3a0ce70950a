"""Group sessions: schedule one from Home, answer an invitation, cancel, record who came.
What each does and says: ``bot.group_sessions.routes``."""

from __future__ import annotations

from slack_bolt import App

from bot.group_sessions.ids import Action, Block, View
from bot.group_sessions.routes import ATTENDANCE_FIELDS, SCHEDULE_FIELDS
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import any_variant
from domain.group_sessions.sessions import Answer
from domain.kernel.people import Actor
from handlers.group_sessions.commands import (
    AnswerGroupSession,
    AskGroupAttendance,
    AskGroupSchedule,
    CancelGroupSession,
    RecordGroupAttendance,
    ScheduleGroupSession,
)


def register(app: App) -> None:
    app.action(Action.GROUP_SCHEDULE_OPEN)(handle_group_schedule_open_action)
    app.view(View.GROUP_SCHEDULE)(handle_group_schedule_submission)
    app.action(any_variant(Action.GROUP_ANSWER))(handle_group_answer_action)
    app.action(Action.GROUP_CANCEL)(handle_group_cancel_action)
    app.action(Action.GROUP_ATTENDANCE_OPEN)(handle_group_attendance_open_action)
    app.view(View.GROUP_ATTENDANCE)(handle_group_attendance_submission)


def handle_group_schedule_open_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: "Schedule a group session" (coordinators and the kinds' organisers)."""
    door.submit(AskGroupSchedule(actor=actor))


def handle_group_schedule_submission(view: dict, actor: Actor, door: Door) -> None:
    """Schedule it and invite everyone, or say beside the field why not."""
    cmd = forms.command(
        ScheduleGroupSession,
        SCHEDULE_FIELDS,
        actor=actor,
        kind=forms.selected(view, Block.GROUP_KIND) or "",
        title=forms.typed(view, Block.GROUP_TITLE),
        day=forms.picked_date(view, Block.GROUP_DATE),
        start=forms.picked_time(view, Block.GROUP_START),
        end=forms.picked_time(view, Block.GROUP_END),
        place=forms.typed(view, Block.GROUP_PLACE),
        agenda=forms.typed(view, Block.GROUP_AGENDA),
        invitees=forms.picked_users(view, Block.GROUP_INVITEES),
        roles=forms.chosen(view, Block.GROUP_ROLES),
        ics_key=forms.selected(view, Block.GROUP_ICS),
        client_token=forms.typed_id(view),
    )
    door.submit(cmd)


def handle_group_answer_action(body: dict, actor: Actor, door: Door) -> None:
    """Going / Can't go, in the invitation, the reminder or on Home."""
    value = forms.clicked(body)
    going = value.choice == Answer.GOING
    door.submit(AnswerGroupSession(actor=actor, session_id=value.id, going=going))


def handle_group_cancel_action(body: dict, actor: Actor, door: Door) -> None:
    """Cancel a session (organiser or coordinator; the button asked first)."""
    door.submit(CancelGroupSession(actor=actor, session_id=forms.clicked(body).id))


def handle_group_attendance_open_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: "Record who came" (organiser or coordinator, once it has started)."""
    door.submit(AskGroupAttendance(actor=actor, session_id=forms.clicked(body).id))


def handle_group_attendance_submission(view: dict, actor: Actor, door: Door) -> None:
    """Credit each person ticked (once), take it back from those unticked."""
    ticked = {
        person
        for block in forms.blocks(view)
        if block.startswith(Block.GROUP_ATTENDED)
        for person in forms.chosen(view, block)
    }
    cmd = forms.command(
        RecordGroupAttendance,
        ATTENDANCE_FIELDS,
        actor=actor,
        session_id=forms.metadata_id(view, "session"),
        attended=frozenset(ticked),
        others=forms.picked_users(view, Block.GROUP_OTHERS),
    )
    door.submit(cmd)
