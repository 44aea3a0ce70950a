"""Following attendees up: snoozing a reminder, the answers about cascading (and the words
added after them), the coordinators' "Called" and attendance. What each does and says:
``bot.follow_up.routes``."""

from __future__ import annotations

from slack_bolt import App

from bot.follow_up.blocks import not_yet_form
from bot.follow_up.ids import Action, Block, View
from bot.follow_up.routes import FIELDS
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field, any_variant
from bot.kernel.replies import Open
from domain.kernel.people import Actor
from handlers.follow_up.commands import AddCascadeWords, AnswerCascade, RecordCall, Snooze
from handlers.nominations.commands import RecordAttendance


def register(app: App) -> None:
    app.action(Action.SNOOZE)(handle_snooze_action)
    app.action(Action.CASCADE_YES)(handle_cascade_yes_action)
    app.action(Action.CASCADE_NOT_YET)(handle_cascade_not_yet_action)
    app.view(View.CASCADE_NOT_YET)(handle_cascade_not_yet_submission)
    app.view(View.CASCADE_WORDS)(handle_cascade_words_submission)
    app.action(Action.FOLLOW_UP_CALLED)(handle_follow_up_called_action)
    app.action(any_variant(Action.ATTENDANCE))(handle_attendance_action)


def handle_snooze_action(body: dict, actor: Actor, door: Door) -> None:
    """The "Remind me next week" button."""
    door.submit(Snooze(actor=actor, reminder_id=forms.clicked(body).id))


def handle_cascade_yes_action(body: dict, actor: Actor, door: Door) -> None:
    """The "Yes, I have started cascading" button."""
    door.submit(AnswerCascade(actor=actor, started=True, nomination_id=forms.clicked(body).id))


def handle_cascade_not_yet_action(body: dict, door: Door) -> None:
    """The "Not yet" button: what is in the way, and the follow-up questions (optional)."""
    door.reply(Open(not_yet_form(forms.clicked(body).id)))


def handle_cascade_not_yet_submission(view: dict, actor: Actor, door: Door) -> None:
    """Record "not yet" with the person's words."""
    cmd = forms.command(
        AnswerCascade,
        FIELDS,
        actor=actor,
        started=False,
        nomination_id=forms.metadata_id(view, "nomination"),
        reason=forms.typed(view, Field.REASON),
        materials=forms.typed(view, Block.MATERIALS),
        support=forms.typed(view, Block.SUPPORT),
    )
    door.submit(cmd)


def handle_cascade_words_submission(view: dict, actor: Actor, door: Door) -> None:
    """After "Yes": how the materials are being received, what support they need."""
    cmd = forms.command(
        AddCascadeWords,
        FIELDS,
        actor=actor,
        answer_id=forms.metadata_id(view, "answer"),
        materials=forms.typed(view, Block.MATERIALS),
        support=forms.typed(view, Block.SUPPORT),
    )
    door.submit(cmd)


def handle_follow_up_called_action(body: dict, actor: Actor, door: Door) -> None:
    """A coordinator ticks off a follow-up call on Home (which then shows who and when)."""
    door.submit(RecordCall(actor=actor, nomination_id=forms.clicked(body).id))


def handle_attendance_action(body: dict, actor: Actor, door: Door) -> None:
    """A coordinator records whether a participant attended (Home tab)."""
    value = forms.clicked(body)
    missed = value.choice.removeprefix("missed-")  # "yes", "no", or all but part N
    cmd = forms.command(
        RecordAttendance,
        {},
        actor=actor,
        nomination_id=value.id,
        attended=value.choice != "no",
        missed_session=missed[:3] if missed != value.choice else None,
    )
    door.submit(cmd)
