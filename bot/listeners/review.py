"""The coordinator's decisions: confirm a place, waitlist, or decline with a reason."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.common import cohort_name
from bot.blocks.review import decline_modal
from bot.ids import Action, Block, Value, View, any_variant
from bot.intake import Intake
from bot.listeners.flow import accept_then_ack, reply, then_ack
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import open_view
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import AskToMove, ConfirmPlace, Decline, MovePlace, Waitlist
from handlers.nominations.decisions import ask_to_move, check_decision, decline
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(any_variant(Action.CONFIRM_PLACE))(handle_confirm_place_action)
    app.action(any_variant(Action.MOVE_PLACE))(handle_move_place_action)
    app.action(any_variant(Action.ASK_TO_MOVE))(handle_ask_to_move_action)
    app.action(Action.WAITLIST)(handle_waitlist_action)
    app.action(Action.DECLINE)(handle_decline_action)
    app.view(View.DECLINE)(handle_decline_submission)


def handle_confirm_place_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    intake: Intake,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Confirm a place in the cohort on the button; a full cohort changes nothing."""
    value = forms.clicked(body)
    cmd = ConfirmPlace(actor=actor, nomination_id=value.id, cohort_key=value.choice or None)
    accept_then_ack(ack, body, cmd, intake, clock, after_ack, client)


def handle_move_place_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    intake: Intake,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Move a confirmed place to another cohort; a full cohort changes nothing."""
    value = _naming_a_cohort(ack, body, client, after_ack)
    if value is None:
        return
    cmd = MovePlace(actor=actor, nomination_id=value.id, cohort_key=value.choice)
    accept_then_ack(ack, body, cmd, intake, clock, after_ack, client)


def handle_ask_to_move_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """A participant asks to move cohort: the coordinators decide, on the review channel."""
    value = _naming_a_cohort(ack, body, client, after_ack)
    if value is None:
        return
    cmd = AskToMove(actor=actor, nomination_id=value.id, cohort_key=value.choice)
    result = then_ack(ack, lambda: ask_to_move(cmd, uow_factory(), clock()))
    reply(
        after_ack,
        body,
        client,
        result,
        lambda done: (
            f"Your request to move to {cohort_name(done.programme, value.choice)} has gone to "
            "the coordinators. Your place stays where it is until they move it."
        ),
    )


def _naming_a_cohort(ack: Ack, body: dict, client: WebClient, after_ack: AfterAck) -> Value | None:
    """The clicked button's nomination and cohort; a (forged) button without a cohort is
    acknowledged and explained, and changes nothing."""
    value = forms.clicked(body)
    if not value.choice:
        ack()
        after_ack.later(body, client, tell, client, body, "That button names no cohort.")
        return None
    return value


def handle_waitlist_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    intake: Intake,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Put a pending nomination on the waitlist."""
    cmd = Waitlist(actor=actor, nomination_id=forms.clicked(body).id)
    accept_then_ack(ack, body, cmd, intake, clock, after_ack, client)


def handle_decline_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Ask the coordinator for a reason before declining (if it is still theirs to decline)."""
    nid = forms.clicked(body).id
    result = then_ack(
        ack, lambda: check_decision(actor, nid, "decline", uow_factory(read_only=True))
    )
    if isinstance(result, DomainError):
        after_ack.later(body, client, tell, client, body, result.message)
        return
    view = decline_modal(result.nomination)
    after_ack.run(body, client, open_view, client, body, view)


def handle_decline_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Decline with the reason given."""
    reason = forms.typed(view, Block.REASON)
    if len(reason) < 3:
        ack(response_action="errors", errors={Block.REASON: "Please give a reason."})
        return
    try:
        cmd = forms.command(
            Decline,
            {"reason": Block.REASON},
            actor=actor,
            nomination_id=forms.metadata_id(view, "nomination"),
            reason=reason,
        )
        decline(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={Block.REASON: refused.message})
        return
    ack()
