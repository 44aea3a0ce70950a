"""How each group sessions command is carried out (before the ack, or right after it) and
what the person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.group_sessions.blocks import attendance_modal, schedule_modal, when
from bot.group_sessions.ids import Block
from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.replies import Open, Say, Update
from handlers.group_sessions.commands import (
    AnswerGroupSession,
    AskGroupAttendance,
    AskGroupSchedule,
    CancelGroupSession,
    RecordGroupAttendance,
    ScheduleGroupSession,
)
from handlers.group_sessions.reads import attendance_form, schedule_form
from handlers.group_sessions.sessions import (
    answer_invitation,
    cancel_session,
    record_attendance,
    schedule_session,
)

# The scheduling form's fields (the use case's names and the form's own) -> its blocks.
SCHEDULE_FIELDS = {
    "kind": Block.GROUP_KIND,
    "title": Block.GROUP_TITLE,
    "day": Block.GROUP_DATE,
    "date": Block.GROUP_DATE,
    "start": Block.GROUP_START,
    "end": Block.GROUP_END,
    "place": Block.GROUP_PLACE,
    "agenda": Block.GROUP_AGENDA,
    "invitees": Block.GROUP_INVITEES,
    "roles": Block.GROUP_ROLES,
    "ics": Block.GROUP_ICS,
    "ics_key": Block.GROUP_ICS,
}
# The attendance form's (a reason about none of them goes beside its first block).
ATTENDANCE_FIELDS = {"attended": f"{Block.GROUP_ATTENDED}1", "others": Block.GROUP_OTHERS}


def _schedule_form(cmd: AskGroupSchedule, s: Services) -> Any:
    return schedule_form(cmd.actor, s.uow_factory(read_only=True), s.clock())


def _attendance_form(cmd: AskGroupAttendance, s: Services) -> Any:
    return attendance_form(cmd.actor, cmd.session_id, s.uow_factory(read_only=True), s.clock())


def _scheduled(_cmd: ScheduleGroupSession, done: Any) -> Update:
    session, invited = done
    said = (
        f"*{session.title}* is scheduled for {when(session)}. {invited} "
        f"{'person was' if invited == 1 else 'people were'} invited; Home shows who is going."
    )
    return Update(notice_view("Scheduled", said))


def _answered(cmd: AnswerGroupSession, session: Any) -> Say:
    return Say(
        f"Thank you: you {'are going' if cmd.going else 'can’t go'} to “{session.title}”."
        + ("" if cmd.going else " The organiser will know.")
    )


def _recorded(_cmd: RecordGroupAttendance, done: Any) -> Update:
    said = (
        f"{len(done.present)} attended “{done.session.title}”: each is credited with it once. "
        f"Added {len(done.added)}, taken off {len(done.removed)}."
    )
    return Update(notice_view("Saved", said))


GROUP_SESSION_ROUTES: dict[type, Route] = {
    AskGroupSchedule: after_ack(_schedule_form, lambda _cmd, form: Open(schedule_modal(form))),
    ScheduleGroupSession: before_ack(
        changes(schedule_session), _scheduled, blocks=SCHEDULE_FIELDS, default=Block.GROUP_TITLE
    ),
    AnswerGroupSession: before_ack(changes(answer_invitation), _answered),
    CancelGroupSession: before_ack(
        changes(cancel_session),
        lambda _cmd, session: Say(
            f"“{session.title}” is cancelled. Everyone invited is being told."
        ),
    ),
    AskGroupAttendance: after_ack(
        _attendance_form, lambda _cmd, form: Open(attendance_modal(form))
    ),
    RecordGroupAttendance: before_ack(
        changes(record_attendance), _recorded, blocks=ATTENDANCE_FIELDS
    ),
}
