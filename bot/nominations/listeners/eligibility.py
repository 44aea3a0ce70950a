"""The nominee confirms eligibility and chooses cohorts, or declines the nomination."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.nominations.ids import EITHER, Action, Block, View
from bot.nominations.routes import NOMINEE_DECLINED
from domain.kernel.people import Actor
from handlers.nominations.commands import AskEligibility, ConfirmEligibility, Withdraw


def register(app: App) -> None:
    app.action(Action.OPEN_ELIGIBILITY)(handle_open_eligibility_action)
    app.view(View.ELIGIBILITY)(handle_eligibility_submission)
    app.action(Action.NOMINEE_DECLINES)(handle_nominee_declines_action)


def handle_open_eligibility_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the eligibility form for the nominee (and only while it is still awaited): the
    ack first, then the reading and the form, inside the click's 3-second trigger."""
    door.submit(AskEligibility(actor=actor, nomination_id=forms.clicked(body).id))


def handle_eligibility_submission(view: dict, actor: Actor, door: Door) -> None:
    """Record eligibility and preference: the form is checked against the programme at once
    (inline errors name what is missing), then recorded right after the ack (a nomination
    decided meanwhile is explained to the nominee in a message)."""
    second, either = _second_choice(view)
    cmd = ConfirmEligibility(
        actor=actor,
        nomination_id=forms.metadata_id(view, "nomination"),
        criteria=forms.ticked(view, Block.CRITERION_PREFIX),
        confirmations=forms.ticked(view, Block.CONFIRMATION_PREFIX),
        first_choice=forms.selected(view, Block.FIRST_CHOICE),
        second_choice=second,
        either=either,
    )
    door.submit(cmd)


def handle_nominee_declines_action(body: dict, actor: Actor, door: Door) -> None:
    """The nominee declines from inside the eligibility form (which then says so)."""
    nomination_id = forms.clicked(body).id
    door.submit(Withdraw(actor=actor, nomination_id=nomination_id, reason=NOMINEE_DECLINED))


def _second_choice(view: dict[str, Any]) -> tuple[str | None, bool]:
    """The second choice of cohort, or (None, True) for "either is fine"."""
    choice = forms.selected(view, Block.SECOND_CHOICE)
    return (None, True) if choice == EITHER else (choice, False)
