"""Buttons on reminders and on the coordinator's Home: snooze, cascading answers, attendance."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.follow_up.blocks import not_yet_form, thanks_form
from bot.follow_up.words_listeners import FIELDS, thank
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import reply, then_ack
from bot.runtime import Clock
from bot.trigger import open_view
from domain.errors import DomainError
from domain.people import Actor
from handlers.follow_up.cascading import answer_cascade, snooze
from handlers.follow_up.commands import AnswerCascade, Snooze
from handlers.nominations.commands import RecordAttendance
from handlers.nominations.decisions import record_attendance
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(Action.SNOOZE)(handle_snooze_action)
    app.action(Action.CASCADE_YES)(handle_cascade_yes_action)
    app.action(Action.CASCADE_NOT_YET)(handle_cascade_not_yet_action)
    app.view(View.CASCADE_NOT_YET)(handle_cascade_not_yet_submission)
    app.action(any_variant(Action.ATTENDANCE))(handle_attendance_action)


def handle_snooze_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """The "Remind me next week" button."""
    cmd = Snooze(actor=actor, reminder_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: snooze(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda later: f"All right: I will remind you again on {later.due_at:%a %-d %b}.",
    )


def handle_cascade_yes_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """The "Yes, I have started cascading" button: the chase stops at once; a short form
    then thanks them and asks how it is going (optional)."""
    cmd = AnswerCascade(actor=actor, started=True, nomination_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: answer_cascade(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):
        reply(after_ack, body, client, result, str)
        return
    after_ack.run(body, client, thank, client, body, thanks_form(result.id or 0))


def handle_cascade_not_yet_action(
    ack: Ack, body: dict, client: WebClient, after_ack: AfterAck
) -> None:
    """The "Not yet" button: what is in the way, and the follow-up questions (optional)."""
    ack()
    form = not_yet_form(forms.clicked(body).id)
    after_ack.run(body, client, open_view, client, body, form)


def handle_cascade_not_yet_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Record "not yet" with the person's words."""
    try:
        cmd = forms.command(
            AnswerCascade,
            FIELDS,
            actor=actor,
            started=False,
            nomination_id=forms.metadata_id(view, "nomination"),
            reason=forms.typed(view, Block.REASON),
            materials=forms.typed(view, Block.MATERIALS),
            support=forms.typed(view, Block.SUPPORT),
        )
        answer_cascade(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={refused.field or Block.REASON: refused.message})
        return
    ack()


def handle_attendance_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """A coordinator records whether a participant attended (Home tab)."""
    value = forms.clicked(body)
    missed = value.choice.removeprefix("missed-")  # "yes", "no", or all but part N
    fields = {
        "actor": actor,
        "nomination_id": value.id,
        "attended": value.choice != "no",
        "missed_session": missed[:3] if missed != value.choice else None,
    }
    result = then_ack(
        ack,
        lambda: record_attendance(
            forms.command(RecordAttendance, {}, **fields), uow_factory(), clock()
        ),
    )
    if isinstance(result, DomainError) or not forms.from_home(body):  # Home refreshes itself
        reply(
            after_ack,
            body,
            client,
            result,
            lambda done: f"Recorded: {done.nomination.status.label.lower()}.",
        )
