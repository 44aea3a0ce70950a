"""Buttons on reminders and on the coordinator's Home: snooze, cascading answers, attendance."""

from __future__ import annotations

import json

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.common import modal, plain, section
from bot.ids import Action, Block, View, any_variant, element
from bot.listeners.flow import reply, then_ack
from bot.replies import open_view
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers import commands as c
from handlers.follow_up import answer_cascade, snooze
from handlers.nominations import record_attendance
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
    cmd = c.Snooze(actor=actor, reminder_id=forms.clicked(body).id)
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
    """The "Yes, I have started cascading" button: the chase stops."""
    cmd = c.AnswerCascade(actor=actor, started=True, nomination_id=forms.clicked(body).id)
    result = then_ack(ack, lambda: answer_cascade(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda _: "Wonderful, thank you! I have let the academy know.",
    )


def handle_cascade_not_yet_action(
    ack: Ack, body: dict, client: WebClient, after_ack: AfterAck
) -> None:
    """The "Not yet" button: ask for an optional reason in a small form."""
    ack()
    nid = forms.clicked(body).id
    after_ack.run(
        body,
        client,
        open_view,
        client,
        body,
        modal(
            View.CASCADE_NOT_YET,
            "Not yet",
            [
                section(
                    "No problem. Is anything in the way? (optional) I will ask again in a "
                    "couple of weeks."
                ),
                {
                    "type": "input",
                    "block_id": Block.REASON,
                    "optional": True,
                    "label": plain("What is in the way?", 2000),
                    "element": {
                        "type": "plain_text_input",
                        "action_id": element(Block.REASON),
                        "multiline": True,
                        "max_length": 1000,
                    },
                },
            ],
            submit="Send",
            metadata=json.dumps({"nomination": nid}),
        ),
    )


def handle_cascade_not_yet_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Record "not yet" with the reason given."""
    cmd = c.AnswerCascade(
        actor=actor,
        started=False,
        nomination_id=forms.metadata_id(view, "nomination"),
        reason=forms.typed(view, Block.REASON),
    )
    try:
        answer_cascade(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={Block.REASON: refused.message})
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
            forms.command(c.RecordAttendance, {}, **fields), uow_factory(), clock()
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
