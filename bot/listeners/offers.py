"""Waitlist offers: the person offered a freed place accepts or declines it; coordinators
change a waitlisted person's position, with a reason."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.review import reorder_modal
from bot.ids import Action, Block, View
from bot.intake import Intake
from bot.listeners.flow import accept_then_ack, then_ack
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import open_view
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import AnswerOffer, ReorderWaitlist
from handlers.nominations.offers import reorder_form, reorder_waitlist
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(Action.OFFER_ACCEPT)(handle_offer_answer_action)
    app.action(Action.OFFER_DECLINE)(handle_offer_answer_action)
    app.action(Action.REORDER_WAITLIST)(handle_reorder_action)
    app.view(View.REORDER_WAITLIST)(handle_reorder_submission)


def handle_offer_answer_action(
    ack: Ack,
    body: dict,
    action: dict,
    client: WebClient,
    actor: Actor,
    intake: Intake,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Accept the offered place (in time: else the person hears it went to the next), or
    decline it (it is offered to the next person it fits)."""
    accept = action.get("action_id") == Action.OFFER_ACCEPT
    cmd = AnswerOffer(actor=actor, nomination_id=forms.clicked(body).id, accept=accept)
    accept_then_ack(ack, body, cmd, intake, clock, after_ack, client)


def handle_reorder_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the form for a new waitlist position (coordinators, while still waitlisted)."""
    nid = forms.clicked(body).id
    result = then_ack(ack, lambda: reorder_form(actor, nid, uow_factory(read_only=True)))
    if isinstance(result, DomainError):
        after_ack.later(body, client, tell, client, body, result.message)
        return
    after_ack.run(body, client, open_view, client, body, reorder_modal(*result))


def handle_reorder_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Move the nomination to the chosen position; a refusal shows on the form."""
    reason = forms.typed(view, Block.REASON)
    if len(reason) < 3:
        ack(response_action="errors", errors={Block.REASON: "Please give a reason."})
        return
    try:
        cmd = forms.command(
            ReorderWaitlist,
            {"reason": Block.REASON, "position": Block.POSITION},
            actor=actor,
            nomination_id=forms.metadata_id(view, "nomination"),
            position=forms.selected(view, Block.POSITION) or 0,
            reason=reason,
        )
        reorder_waitlist(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={refused.field or Block.POSITION: refused.message})
        return
    ack()
