"""The nominee confirms eligibility and chooses cohorts, or declines the nomination."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import eligibility_done_view, eligibility_modal, notice_view
from bot.ids import Action, Block, View
from bot.intake import Intake
from bot.listeners.flow import accepted, then_ack
from bot.programmes import Programmes
from bot.replies import tell
from bot.runtime import Clock
from bot.trigger import open_view
from domain.kernel.errors import DomainError, EligibilityIncomplete, InvalidTransition
from domain.kernel.people import Actor
from handlers.nominations.commands import ConfirmEligibility, Withdraw
from handlers.nominations.decisions import withdraw
from handlers.nominations.eligibility import check_form, start_eligibility
from storage.unit_of_work import UnitOfWorkFactory

MISSING = "Please tick this to confirm, or use “I can't take part” below to decline."


def register(app: App) -> None:
    app.action(Action.OPEN_ELIGIBILITY)(handle_open_eligibility_action)
    app.view(View.ELIGIBILITY)(handle_eligibility_submission)
    app.action(Action.NOMINEE_DECLINES)(handle_nominee_declines_action)


def handle_open_eligibility_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
    programmes: Programmes,
) -> None:
    """Open the eligibility form for the nominee (and only while it is still awaited): the
    ack first, then the reading and the form, inside the click's 3-second trigger."""
    nomination_id = forms.clicked(body).id
    ack()

    def form() -> None:
        try:
            found = start_eligibility(
                actor, nomination_id, uow_factory(read_only=True), clock(), programmes.get
            )
        except DomainError as refused:  # a stale button: said privately, as a reply
            tell(client, body, refused.message)
            return
        upcoming = found.programme.upcoming_cohorts(clock())
        open_view(client, body, eligibility_modal(found.nomination, found.programme, upcoming))

    after_ack.run(body, client, form)


def handle_eligibility_submission(
    ack: Ack,
    body: dict,
    view: dict,
    actor: Actor,
    intake: Intake,
    clock: Clock,
    programmes: Programmes,
) -> None:
    """Record eligibility and preference: the form is checked against the programme at once
    (inline errors name what is missing), then recorded right after the ack (a nomination
    decided meanwhile is explained to the nominee in a message)."""
    second, either = forms.second_choice(view)
    cmd = ConfirmEligibility(
        actor=actor,
        nomination_id=forms.metadata_id(view, "nomination"),
        criteria=forms.ticked(view, Block.CRITERION_PREFIX),
        confirmations=forms.ticked(view, Block.CONFIRMATION_PREFIX),
        first_choice=forms.selected(view, Block.FIRST_CHOICE),
        second_choice=second,
        either=either,
    )
    try:
        programme = programmes.get(forms.metadata(view).get("programme"), cmd.nomination_id)
        if programme is None:
            raise InvalidTransition("This nomination no longer exists.")
        check_form(cmd, programme, clock())
        refused = accepted(body, cmd, intake, clock)
        if refused is not None:
            raise refused
    except EligibilityIncomplete as missing:
        ack(response_action="errors", errors=_missing_blocks(view, missing.missing))
        return
    except InvalidTransition as stale:
        ack(response_action="update", view=notice_view("Already done", stale.message))
        return
    except DomainError as refused:
        ack(response_action="errors", errors={refused.field or Block.FIRST_CHOICE: refused.message})
        return
    ack(response_action="update", view=eligibility_done_view(programme))


def _missing_blocks(view: dict, keys: tuple[str, ...]) -> dict[str, str]:
    present = {b.get("block_id") for b in view.get("blocks", [])}
    errors = {}
    for key in keys:
        for prefix in (Block.CRITERION_PREFIX, Block.CONFIRMATION_PREFIX):
            if prefix + key in present:
                errors[prefix + key] = MISSING
    return errors or {Block.FIRST_CHOICE: "Please tick every statement above."}


def handle_nominee_declines_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """The nominee declines from inside the eligibility form."""
    cmd = Withdraw(
        actor=actor,
        nomination_id=forms.clicked(body).id,
        reason="the nominee declined",
    )
    result = then_ack(ack, lambda: withdraw(cmd, uow_factory(), clock()))
    message = (
        result.message
        if isinstance(result, DomainError)
        else (
            "You have declined the nomination. Your ICS lead has been told. Thank you for "
            "letting us know."
        )
    )
    sent = body.get("view")
    view = sent if isinstance(sent, dict) else {}
    view_id = view.get("id")
    if view.get("type") != "modal" or not (isinstance(view_id, str) and view_id):
        after_ack.later(body, client, tell, client, body, message)  # not in the form: no form
        return
    after_ack.run(
        body, client, client.views_update, view_id=view_id, view=notice_view("Nomination", message)
    )
