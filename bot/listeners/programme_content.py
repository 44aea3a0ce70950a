"""Coordinators change a programme's content from App Home: the offer and its criteria and
confirmations, and the requirements per role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import content_forms, forms
from bot.after_ack import AfterAck
from bot.blocks import programme_content as blocks
from bot.blocks.eligibility import notice_view
from bot.ids import Action, View
from bot.listeners.flow import open_form
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers.programme_admin import coordinated
from handlers.programme_content import edit_offer, edit_requirements, requirements_form
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(Action.EDIT_OFFER)(handle_offer_action)
    app.action(Action.EDIT_REQUIREMENTS)(handle_requirements_action)
    app.view(View.OFFER)(handle_offer_submission)
    app.view(View.REQUIREMENTS)(handle_requirements_submission)


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


def handle_requirements_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the requirements form, for the programme's coordinators."""
    key = forms.action_value(body)[:40]
    query = lambda: requirements_form(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, blocks.requirements_modal)


def handle_offer_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the offer (a criterion nominees confirmed is refused beside it if removed)."""
    _submit(
        ack,
        view,
        lambda: edit_offer(content_forms.offer(view, actor), uow_factory(), clock()),
        lambda p: notice_view("Saved", f"The offer of *{p.name}* is saved."),
    )


def handle_requirements_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the requirements (one people were held to is refused beside it if removed)."""
    _submit(
        ack,
        view,
        lambda: edit_requirements(content_forms.requirements(view, actor), uow_factory(), clock()),
        lambda catalogue: notice_view(
            "Saved", f"The requirements are saved ({len(catalogue.requirements)} in all)."
        ),
    )


def _submit(ack: Ack, view: dict, work: Callable[[], Any], done: Callable[[Any], dict]) -> None:
    """Carry out the change, then ack: a notice, or each reason beside its item."""
    try:
        result = work()
    except DomainError as refused:
        ack(response_action="errors", errors=content_forms.errors(refused, view))
        return
    ack(response_action="update", view=done(result))
