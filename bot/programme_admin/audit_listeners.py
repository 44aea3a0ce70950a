"""Coordinators read their programme's audit log from App Home: filtered, newest first, paged."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import open_form, submit_form
from bot.programme_admin import admin_forms
from bot.programme_admin.audit_blocks import audit_modal
from bot.replies import tell
from bot.trigger import update_view
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.programme_admin.audit_log import AuditQuery, audit_page
from storage.unit_of_work import UnitOfWorkFactory

_FIELDS = {
    "programme_key": Block.AUDIT_PROGRAMME,
    "kind": Block.AUDIT_KIND,
    "person": Block.AUDIT_PERSON,
    "page": Block.AUDIT_PROGRAMME,
}


def register(app: App) -> None:
    app.action(Action.AUDIT_LOG)(handle_audit_log_action)
    app.action(any_variant(Action.AUDIT_PAGE))(handle_audit_page_action)
    app.view(View.AUDIT_LOG)(handle_audit_log_submission)


def handle_audit_log_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the programme's audit log (its coordinators only), the newest entries first."""
    values = {"programme_key": forms.action_value(body)[:40]}
    query = lambda: audit_page(actor, _query(values), uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, audit_modal)


def handle_audit_log_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory
) -> None:
    """Show the log as filtered (programme, kind, person), from the newest."""
    values = {
        "programme_key": forms.selected(view, Block.AUDIT_PROGRAMME) or "",
        "kind": forms.selected(view, Block.AUDIT_KIND) or "all",
        "person": forms.selected(view, Block.AUDIT_PERSON),
    }
    submit_form(
        ack,
        lambda: audit_page(actor, _query(values), uow_factory(read_only=True)),
        audit_modal,
        explain=lambda refused: {Block.AUDIT_PROGRAMME: refused.message},
    )


def handle_audit_page_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """ "Older" / "Newer": the next page with the same filters (rights checked again)."""
    ack()
    view = body.get("view") or {}
    values = {**forms.metadata(view), "page": forms.action_value(body)[:6]}
    after_ack.later(body, client, _turn_page, client, body, view, actor, uow_factory, values)


def _turn_page(
    client: WebClient,
    body: dict,
    view: dict,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    values: dict[str, Any],
) -> None:
    try:
        page = audit_page(actor, _query(values), uow_factory(read_only=True))
    except DomainError as refused:
        tell(client, body, refused.message)
        return
    update_view(client, str(view.get("id") or ""), audit_modal(page))


def _query(values: dict[str, Any]) -> AuditQuery:
    known = {k: v for k, v in values.items() if k in _FIELDS}
    return admin_forms.build(AuditQuery, known, dict(_FIELDS))
