"""Coordinators change a programme's content from App Home: the offer and its criteria and
confirmations, and the lists of the catalogue (requirements per role, log types)."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, View
from bot.listeners.flow import open_form, submit_form
from bot.programme_admin import content_blocks as blocks
from bot.programme_admin import content_forms
from bot.programme_admin.catalogue_rows import catalogue_modal
from bot.runtime import Clock
from domain.kernel.people import Actor
from handlers.programme_admin.catalogue import catalogue_form, edit_catalogue
from handlers.programme_admin.content import edit_offer
from handlers.programme_admin.programmes import coordinated
from storage.unit_of_work import UnitOfWorkFactory

#: The Home buttons that open a list of the catalogue, and the list.
_CATALOGUE: dict[str, str] = {  # by action id
    Action.EDIT_REQUIREMENTS: "requirements",
    Action.EDIT_LOG_TYPES: "log_types",
    Action.EDIT_SESSION_KINDS: "session_kinds",
    Action.EDIT_CIRCLE_TOPICS: "circle_topics",
}


def register(app: App) -> None:
    app.action(Action.EDIT_OFFER)(handle_offer_action)
    for action in _CATALOGUE:
        app.action(action)(handle_catalogue_action)
    app.view(View.OFFER)(handle_offer_submission)
    app.view(View.CATALOGUE)(handle_catalogue_submission)


def handle_offer_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the offer's form (description, criteria, confirmations), for its coordinators."""
    key = forms.action_value(body)[:40]
    query = lambda: coordinated(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, blocks.offer_modal)


def handle_catalogue_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the form of a list of the catalogue (requirements, log types), for the
    coordinators of the programme whose Home button it is."""
    part = _CATALOGUE[forms.action_id(body)]  # registered for these buttons only
    key = forms.action_value(body)[:40]
    query = lambda: catalogue_form(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, lambda found: catalogue_modal(found, part))


def handle_offer_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the offer (a criterion nominees confirmed is refused beside it if removed)."""
    submit_form(
        ack,
        lambda: edit_offer(content_forms.offer(view, actor), uow_factory(), clock()),
        lambda p: notice_view("Saved", f"The offer of *{p.name}* is saved."),
        explain=lambda refused: content_forms.errors(refused, view),
    )


def handle_catalogue_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the list (an item in use is refused beside it if removed)."""
    submit_form(
        ack,
        lambda: edit_catalogue(content_forms.catalogue(view, actor), uow_factory(), clock()),
        lambda _: notice_view("Saved", "Saved: it applies to every programme from now on."),
        explain=lambda refused: content_forms.errors(refused, view),
    )
