"""The App Home tab and its Export button."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.background import Background
from bot.blocks.home import home_view
from bot.export import nominations_csv
from bot.ids import Action
from bot.notifier import Notifier
from bot.runtime import Clock, utc_now
from domain.people import Actor
from handlers.compliance import compliance
from handlers.queries import all_nominations, overview
from handlers.supervision import my_record
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened_event)
    app.action(Action.EXPORT)(handle_export_action)


def publish_home(
    client: WebClient, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock = utc_now
) -> None:
    """Everything this person's roles call for, from a fresh read."""
    mine = overview(actor, uow_factory(read_only=True), clock())
    record = my_record(actor, uow_factory(read_only=True), clock())
    people = compliance(actor, uow_factory(read_only=True), clock()) if mine.coordinating else []
    client.views_publish(user_id=actor.user_id, view=home_view(mine, record, people))


def handle_app_home_opened_event(
    event: dict, client: WebClient, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Show each person the Home tab for their roles."""
    if event.get("tab", "home") == "home":
        publish_home(client, actor, uow_factory, clock)


def handle_export_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
    background: Background,
) -> None:
    """Send the coordinator a CSV of every nomination, in their DM."""
    ack()
    background.submit(
        body, client, _export, actor, forms.action_value(body), uow_factory, clock, notifier
    )


def _export(
    actor: Actor,
    programme_key: str,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    notifier: Notifier,
) -> None:
    programme, rows = all_nominations(actor, programme_key, uow_factory(read_only=True))
    filename = f"{programme.key}-nominations-{clock():%Y%m%d-%H%M}.csv"
    notifier.send_file(
        actor.user_id,
        filename,
        nominations_csv(programme, rows),
        f"All {len(rows)} nominations for {programme.name}.",
    )
