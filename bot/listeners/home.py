"""The App Home tab and its Export button."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.ids import Action, any_variant
from bot.listeners.flow import reply, then_ack
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers import commands as c
from handlers.exports import export_nominations, show_home
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened_event)
    app.action(any_variant(Action.EXPORT))(handle_export_action)


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
    cmd = c.ExportNominations(
        actor=actor,
        programme_key=forms.action_value(body)[:40],
        request_id=str(body.get("trigger_id") or "")[:100],
        format="xlsx" if forms.action_id(body).endswith(":xlsx") else "csv",
    )
    result = then_ack(ack, lambda: export_nominations(cmd, uow_factory(), clock()))
    if isinstance(result, DomainError):  # otherwise the file arrives in their DMs
        reply(after_ack, body, client, result, str)
