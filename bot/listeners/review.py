"""The coordinator's decisions: confirm a place, waitlist, or decline with a reason."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.announce import announce_decision, refresh_card
from bot.background import Background
from bot.blocks.review import decline_modal, full_notice, status_text
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import then_ack
from bot.listeners.home import publish_home
from bot.notifier import Notifier
from bot.replies import open_view, tell
from bot.runtime import Clock
from domain.errors import DomainError, InvalidTransition, NoPlacesLeft
from domain.people import Actor
from handlers import commands as c
from handlers.nominations import Outcome, allocate_place, check_decision, decline, waitlist
from handlers.queries import nomination_view
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(any_variant(Action.CONFIRM))(handle_confirm_action)
    app.action(Action.WAITLIST)(handle_waitlist_action)
    app.action(Action.DECLINE)(handle_decline_action)
    app.view(View.DECLINE)(handle_decline_submission)


def handle_confirm_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
    background: Background,
) -> None:
    """Confirm a place in the cohort on the button; a full cohort changes nothing."""
    value = forms.action_value(body)
    cmd = c.AllocatePlace(
        actor=actor,
        nomination_id=forms.nomination_id(value),
        cohort_key=value.partition(":")[2] or None,
    )
    result = then_ack(ack, lambda: allocate_place(cmd, uow_factory(), clock()))
    _report(
        result, body, client, actor, cmd.nomination_id, uow_factory, clock, notifier, background
    )


def handle_waitlist_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
    background: Background,
) -> None:
    """Put a pending nomination on the waitlist."""
    cmd = c.Waitlist(actor=actor, nomination_id=forms.nomination_id(forms.action_value(body)))
    result = then_ack(ack, lambda: waitlist(cmd, uow_factory(), clock()))
    _report(
        result, body, client, actor, cmd.nomination_id, uow_factory, clock, notifier, background
    )


def handle_decline_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    notifier: Notifier,
    background: Background,
) -> None:
    """Ask the coordinator for a reason before declining (if it is still theirs to decline)."""
    nid = forms.nomination_id(forms.action_value(body))
    result = then_ack(
        ack, lambda: check_decision(actor, nid, "decline", uow_factory(read_only=True))
    )
    if isinstance(result, DomainError):
        background.submit(body, client, _explain, result, body, client, nid, uow_factory, notifier)
        return
    open_view(client, body, decline_modal(result.nomination, from_home=forms.from_home(body)))


def handle_decline_submission(
    ack: Ack,
    body: dict,
    client: WebClient,
    view: dict,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
    background: Background,
) -> None:
    """Decline with the reason given."""
    reason = forms.typed(view, Block.REASON)
    if len(reason) < 3:
        ack(response_action="errors", errors={Block.REASON: "Please give a reason."})
        return
    cmd = c.Decline(
        actor=actor, nomination_id=int(forms.metadata(view).get("nomination") or 0), reason=reason
    )
    try:
        outcome = decline(cmd, uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors={Block.REASON: refused.message})
        return
    ack()
    if forms.metadata(view).get("home"):
        background.submit(body, client, publish_home, client, actor, uow_factory, clock)
    background.submit(body, client, announce_decision, outcome, notifier, uow_factory, clock)


def _report(
    result: Outcome | DomainError,
    body: dict,
    client: WebClient,
    actor: Actor,
    nomination_id: int,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
    background: Background,
) -> None:
    if isinstance(result, DomainError):
        background.submit(
            body, client, _explain, result, body, client, nomination_id, uow_factory, notifier
        )
        return
    if forms.from_home(body):
        background.submit(body, client, publish_home, client, actor, uow_factory, clock)
    elif forms.in_private_reply(body):  # e.g. `/nominate status`: no card or Home to update
        done = (
            f"<@{result.nomination.nominee_id}>: {status_text(result.nomination, result.programme)}"
        )
        background.submit(body, client, tell, client, body, done)
    background.submit(body, client, announce_decision, result, notifier, uow_factory, clock)


def _explain(
    refused: DomainError,
    body: dict,
    client: WebClient,
    nomination_id: int,
    uow_factory: UnitOfWorkFactory,
    notifier: Notifier,
) -> None:
    """Tell the coordinator why nothing changed; for a stale card, also bring it up to date."""
    if isinstance(refused, NoPlacesLeft):
        current, _, _ = nomination_view(nomination_id, uow_factory(read_only=True))
        tell(client, body, refused.message, full_notice(refused.message, current), title="No place")
        return
    if isinstance(refused, InvalidTransition):
        nomination, programme, ics = nomination_view(nomination_id, uow_factory(read_only=True))
        refresh_card(Outcome(nomination, programme, ics), notifier, uow_factory)
        tell(client, body, refused.message, title="Already decided")
        return
    tell(client, body, refused.message)
