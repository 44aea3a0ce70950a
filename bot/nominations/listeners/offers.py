"""Waitlist offers: the person offered a freed place accepts or declines it; coordinators
change a waitlisted person's position, with a reason."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from bot.nominations.ids import Action, Block, View
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import AnswerOffer, AskWaitlistPosition, ReorderWaitlist


def register(app: App) -> None:
    app.action(Action.OFFER_ACCEPT)(handle_offer_answer_action)
    app.action(Action.OFFER_DECLINE)(handle_offer_answer_action)
    app.action(Action.REORDER_WAITLIST)(handle_reorder_action)
    app.view(View.REORDER_WAITLIST)(handle_reorder_submission)


def handle_offer_answer_action(body: dict, action: dict, actor: Actor, door: Door) -> None:
    """Accept the offered place (in time: else the person hears it went to the next), or
    decline it (it is offered to the next person it fits)."""
    accept = action.get("action_id") == Action.OFFER_ACCEPT
    door.submit(AnswerOffer(actor=actor, nomination_id=forms.clicked(body).id, accept=accept))


def handle_reorder_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the form for a new waitlist position (coordinators, while still waitlisted)."""
    door.submit(AskWaitlistPosition(actor=actor, nomination_id=forms.clicked(body).id))


def handle_reorder_submission(view: dict, actor: Actor, door: Door) -> None:
    """Move the nomination to the chosen position; a refusal shows on the form."""
    reason = forms.typed(view, Field.REASON)
    if len(reason) < 3:
        raise DomainError("Please give a reason.", field=Field.REASON)
    cmd = forms.command(
        ReorderWaitlist,
        {"reason": Field.REASON, "position": Block.POSITION},
        actor=actor,
        nomination_id=forms.metadata_id(view, "nomination"),
        position=forms.selected(view, Block.POSITION) or 0,
        reason=reason,
    )
    door.submit(cmd)
