"""How each follow-up command is carried out (all before the ack: each is one quick change)
and what the person who asked is told."""

from __future__ import annotations

from typing import Any

from bot.follow_up.blocks import THANKS, thanks_form
from bot.follow_up.ids import Block
from bot.kernel.door import Route, before_ack, changes
from bot.kernel.ids import Field
from bot.kernel.replies import DONE, Open, Reply, Say
from handlers.follow_up.cascading import answer_cascade, snooze
from handlers.follow_up.commands import AddCascadeWords, AnswerCascade, RecordCall, Snooze
from handlers.follow_up.follow_through import add_words, record_call
from handlers.nominations.commands import RecordAttendance
from handlers.nominations.decisions import record_attendance

# The cascading forms' fields -> their blocks.
FIELDS = {"reason": Field.REASON, "materials": Block.MATERIALS, "support": Block.SUPPORT}


def _answered(cmd: AnswerCascade, answer: Any) -> Reply:
    """ "Yes": the chase stops at once; a short form then thanks them and asks how it is going
    (if Slack will not open it, they are thanked anyway). "Not yet" (a form): closed."""
    if cmd.started:
        return Open(thanks_form(answer.id or 0), instead=THANKS)
    return DONE


FOLLOW_UP_ROUTES: dict[type, Route] = {
    Snooze: before_ack(
        changes(snooze),
        lambda _cmd, later: Say(f"All right: I will remind you again on {later.due_at:%a %-d %b}."),
    ),
    AnswerCascade: before_ack(
        changes(answer_cascade), _answered, blocks=FIELDS, default=Field.REASON
    ),
    AddCascadeWords: before_ack(changes(add_words), blocks=FIELDS, default=Block.MATERIALS),
    RecordCall: before_ack(changes(record_call)),  # Home then shows who called, and when
    # Whether a participant attended (the coordinators' Home, which then shows it).
    RecordAttendance: before_ack(
        changes(record_attendance),
        lambda _cmd, done: Say(
            f"Recorded: {done.nomination.status.label.lower()}.", unless_home=True
        ),
    ),
}
