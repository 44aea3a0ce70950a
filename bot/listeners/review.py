"""The coordinator's decisions: confirm a place, waitlist, or decline with a reason."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.announce import announce_decision, refresh_card
from bot.blocks.review import decline_modal, full_notice
from bot.errors import reported
from bot.ids import Action, Block, View
from bot.listeners.home import publish_home
from bot.notifier import Notifier
from bot.replies import tell
from bot.runtime import Clock
from domain.errors import DomainError, InvalidTransition, NoPlacesLeft
from domain.people import Actor
from handlers import commands as c
from handlers.nominations import Outcome, allocate_place, check_decision, decline, waitlist
from handlers.queries import nomination_view
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(Action.CONFIRM)(handle_confirm_action)
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
) -> None:
    """Confirm a place in the cohort on the button; a full cohort changes nothing."""
    ack()
    with reported(body, client):
        value = forms.action_value(body)
        _nid, _, cohort = value.partition(":")
        cmd = c.AllocatePlace(
            actor=actor, nomination_id=forms.nomination_id(value), cohort_key=cohort or None
        )
        try:
            outcome = allocate_place(cmd, uow_factory(), clock())
        except NoPlacesLeft as full:
            current, _, _ = nomination_view(cmd.nomination_id, uow_factory(read_only=True))
            tell(client, body, full.message, full_notice(full.message, current), title="No place")
            return
        except InvalidTransition as stale:
            _show_current(stale, body, client, cmd.nomination_id, uow_factory, notifier)
            return
        _after(body, client, actor, uow_factory)
        announce_decision(outcome, notifier, uow_factory, clock)


def handle_waitlist_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
) -> None:
    """Put a pending nomination on the waitlist."""
    ack()
    with reported(body, client):
        cmd = c.Waitlist(actor=actor, nomination_id=forms.nomination_id(forms.action_value(body)))
        try:
            outcome = waitlist(cmd, uow_factory(), clock())
        except InvalidTransition as stale:
            _show_current(stale, body, client, cmd.nomination_id, uow_factory, notifier)
            return
        _after(body, client, actor, uow_factory)
        announce_decision(outcome, notifier, uow_factory, clock)


def handle_decline_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    notifier: Notifier,
) -> None:
    """Ask the coordinator for a reason before declining."""
    ack()
    with reported(body, client):
        nid = forms.nomination_id(forms.action_value(body))
        try:
            outcome = check_decision(actor, nid, "decline", uow_factory(read_only=True))
        except InvalidTransition as stale:
            _show_current(stale, body, client, nid, uow_factory, notifier)
            return
        client.views_open(trigger_id=body["trigger_id"], view=decline_modal(outcome.nomination))


def handle_decline_submission(
    ack: Ack,
    view: dict,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
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
    with reported(body, client):
        announce_decision(outcome, notifier, uow_factory, clock)


def _show_current(
    stale: InvalidTransition,
    body: dict,
    client: WebClient,
    nomination_id: int,
    uow_factory: UnitOfWorkFactory,
    notifier: Notifier,
) -> None:
    """A stale button: say what already happened and bring the card up to date."""
    nomination, programme, ics = nomination_view(nomination_id, uow_factory(read_only=True))
    refresh_card(Outcome(nomination, programme, ics), notifier, uow_factory)
    tell(client, body, stale.message, title="Already decided")


def _after(body: dict, client: WebClient, actor: Actor, uow_factory: UnitOfWorkFactory) -> None:
    if forms.from_home(body):
        publish_home(client, actor, uow_factory)
