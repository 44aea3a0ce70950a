"""The coordinator's decisions: confirm a place, waitlist, or decline with a reason."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field, Value, any_variant
from bot.nominations.ids import Action, View
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.nominations.commands import (
    AskDecision,
    AskToMove,
    ConfirmPlace,
    Decline,
    MovePlace,
    Waitlist,
)


def register(app: App) -> None:
    app.action(any_variant(Action.CONFIRM_PLACE))(handle_confirm_place_action)
    app.action(any_variant(Action.MOVE_PLACE))(handle_move_place_action)
    app.action(any_variant(Action.ASK_TO_MOVE))(handle_ask_to_move_action)
    app.action(Action.WAITLIST)(handle_waitlist_action)
    app.action(Action.DECLINE)(handle_decline_action)
    app.view(View.DECLINE)(handle_decline_submission)


def handle_confirm_place_action(body: dict, actor: Actor, door: Door) -> None:
    """Confirm a place in the cohort on the button; a full cohort changes nothing."""
    value = forms.clicked(body)
    door.submit(ConfirmPlace(actor=actor, nomination_id=value.id, cohort_key=value.choice or None))


def handle_move_place_action(body: dict, actor: Actor, door: Door) -> None:
    """Move a confirmed place to another cohort; a full cohort changes nothing."""
    value = _naming_a_cohort(body)
    door.submit(MovePlace(actor=actor, nomination_id=value.id, cohort_key=value.choice))


def handle_ask_to_move_action(body: dict, actor: Actor, door: Door) -> None:
    """A participant asks to move cohort: the coordinators decide, on the review channel."""
    value = _naming_a_cohort(body)
    door.submit(AskToMove(actor=actor, nomination_id=value.id, cohort_key=value.choice))


def _naming_a_cohort(body: dict) -> Value:
    """The clicked button's nomination and cohort; a (forged) button without one is refused."""
    value = forms.clicked(body)
    if not value.choice:
        raise DomainError("That button names no cohort.")
    return value


def handle_waitlist_action(body: dict, actor: Actor, door: Door) -> None:
    """Put a pending nomination on the waitlist."""
    door.submit(Waitlist(actor=actor, nomination_id=forms.clicked(body).id))


def handle_decline_action(body: dict, actor: Actor, door: Door) -> None:
    """Ask the coordinator for a reason before declining (if it is still theirs to decline)."""
    door.submit(AskDecision(actor=actor, nomination_id=forms.clicked(body).id, action="decline"))


def handle_decline_submission(view: dict, actor: Actor, door: Door) -> None:
    """Decline with the reason given."""
    reason = forms.typed(view, Field.REASON)
    if len(reason) < 3:
        raise DomainError("Please give a reason.", field=Field.REASON)
    cmd = forms.command(
        Decline,
        {"reason": Field.REASON},
        actor=actor,
        nomination_id=forms.metadata_id(view, "nomination"),
        reason=reason,
    )
    door.submit(cmd)
