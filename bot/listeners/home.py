"""The App Home tab and its Export button."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.ids import Action, any_variant
from bot.listeners.flow import reply, then_ack
from bot.replies import tell
from bot.runtime import Clock
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.exports.commands import ExportNominations
from handlers.exports.exports import export_nominations, show_home
from handlers.supervision.commands import ShowFacilitators
from handlers.supervision.facilitators import show_facilitators
from storage.unit_of_work import UnitOfWorkFactory

NOT_OURS = "That is not a choice Cascade offers. Please open the Home tab again and choose there."


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened_event)
    app.action(any_variant(Action.EXPORT))(handle_export_action)
    app.action(Action.FACILITATORS_FILTER)(handle_facilitators_action)
    app.action(any_variant(Action.FACILITATORS_PAGE))(handle_facilitators_action)


def handle_app_home_opened_event(
    event: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Show each person the Home tab for their roles (published by the outbox, fresh)."""
    if event.get("tab", "home") == "home":
        show_home(actor.user_id, uow_factory(), clock())


def handle_export_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Send the coordinator every nomination (CSV or Excel), in their DM."""
    cmd = ExportNominations(
        actor=actor,
        programme_key=forms.action_value(body)[:40],
        request_id=str(body.get("trigger_id") or "")[:100],
        format="xlsx" if forms.action_id(body).endswith(":xlsx") else "csv",
    )
    result = then_ack(ack, lambda: export_nominations(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):  # otherwise the file arrives in their DMs
        reply(after_ack, body, client, result, str)


def handle_facilitators_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Home: which facilitators to list (the filter: everyone, needs attention, an ICS, a
    role), or "Previous" / "Next" (the value: "<filter>|<page>"); their Home is published
    again with it."""
    if forms.action_id(body) == Action.FACILITATORS_FILTER:
        chosen, page = forms.picked_option(body)[:60], "1"
    else:
        chosen, _, page = forms.action_value(body)[:80].partition("|")
    try:
        choice = {"filter": chosen, "page": int(page) if page.isdigit() else 0}
        cmd = forms.command(ShowFacilitators, {}, actor=actor, choice=choice)
    except DomainError:
        ack()
        after_ack.later(body, client, tell, client, body, NOT_OURS)
        return
    result = then_ack(ack, lambda: show_facilitators(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):  # otherwise their Home is published again
        reply(after_ack, body, client, result, str)
