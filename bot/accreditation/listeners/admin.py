"""Coordinators change accreditation pathways and role holders from App Home."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.accreditation import forms as accreditation_forms
from bot.accreditation.blocks import admin as blocks
from bot.after_ack import AfterAck
from bot.blocks.common import escape
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import open_form
from bot.runtime import Clock
from domain.errors import DomainError
from domain.people import Actor
from handlers.accreditation.admin import (
    pathway_form,
    role_holders,
    save_pathway,
    save_role_holders,
)
from storage.unit_of_work import UnitOfWorkFactory


def register(app: App) -> None:
    app.action(any_variant(Action.EDIT_PATHWAY))(handle_pathway_form_action)
    app.action(Action.ROLE_HOLDERS)(handle_role_holders_action)
    app.view(View.PATHWAY)(handle_pathway_submission)
    app.view(View.ROLE_HOLDERS)(handle_role_holders_submission)


def handle_pathway_form_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open a pathway's form (an empty one for "New pathway"), for coordinators."""
    key = forms.action_value(body)[:40]
    query = lambda: pathway_form(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, blocks.pathway_modal)


def handle_role_holders_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the form naming who holds each role."""
    query = lambda: role_holders(actor, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, blocks.role_modal)


def handle_pathway_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the pathway; every problem (and what it would break) beside its field."""
    try:
        saved = save_pathway(accreditation_forms.pathway(view, actor), uow_factory(), clock())
    except DomainError as refused:
        ack(response_action="errors", errors=accreditation_forms.beside(refused))
        return
    done = f"*{escape(saved.name)}* is saved, with {len(saved.steps)} step(s)."
    ack(response_action="update", view=notice_view("Saved", done))


def handle_role_holders_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save who holds each role."""
    try:
        cmd = accreditation_forms.role_holders(view, actor)
        changed = save_role_holders(cmd, uow_factory(), clock())
    except DomainError as refused:
        roles = [b for b in forms.blocks(view) if b.startswith(Block.ROLE_PREFIX)]
        if roles:
            ack(response_action="errors", errors={roles[0]: refused.message})
        else:  # no field to show it beside
            ack(response_action="update", view=notice_view("Not saved", refused.message))
        return
    ack(response_action="update", view=notice_view("Saved", blocks.saved_roles_text(changed)))
