"""How each leave command is carried out (before the ack, or right after it) and what the
person who asked is told."""

from __future__ import annotations

from datetime import date

from bot.kernel.blocks import notice_view
from bot.kernel.door import Route, Services, after_ack, before_ack, changes
from bot.kernel.replies import Open, Say, Text, Update
from bot.leave import blocks
from bot.leave.ids import Block
from handlers.leave.commands import AskLeaveForm, EndLeave, RecordLeave, ShowLeave
from handlers.leave.leave import MyLeave, end_leave, leave_form_context, my_leave, record_leave

#: The command's fields, by the form block that holds each.
FIELDS = {"start": Block.LEAVE_FROM, "end": Block.LEAVE_TO, "reason": Block.LEAVE_REASON}


def _mine(cmd: ShowLeave, s: Services) -> MyLeave:
    return my_leave(cmd.actor, s.uow_factory(read_only=True), s.clock())


def _form(cmd: AskLeaveForm, s: Services) -> tuple[date, bool]:
    return leave_form_context(cmd.actor, s.uow_factory(read_only=True), s.clock())


LEAVE_ROUTES: dict[type, Route] = {
    ShowLeave: before_ack(_mine, lambda _cmd, mine: Text("Your leave", blocks.list_blocks(mine))),
    AskLeaveForm: after_ack(_form, lambda _cmd, found: Open(blocks.leave_modal(*found))),
    RecordLeave: before_ack(
        changes(record_leave),
        lambda _cmd, leave: Update(notice_view("Leave recorded", blocks.recorded_notice(leave))),
        blocks=FIELDS,
        default=Block.LEAVE_FROM,
    ),
    EndLeave: before_ack(changes(end_leave), lambda _cmd, ended: Say(blocks.ended_notice(ended))),
}
