"""Coordinators read their programme's audit log from App Home: filtered, newest first, paged."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import any_variant
from bot.programme_admin import admin_forms
from bot.programme_admin.ids import Action, Block, View
from domain.kernel.people import Actor
from handlers.programme_admin.audit_log import AuditQuery
from handlers.programme_admin.commands import OpenAuditLog, ReadAuditLog, TurnAuditPage

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


def handle_audit_log_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the programme's audit log (its coordinators only), the newest entries first."""
    values = {"programme_key": forms.action_value(body)[:40]}
    door.submit(OpenAuditLog(actor=actor, query=_query(values)))


def handle_audit_log_submission(view: dict, actor: Actor, door: Door) -> None:
    """Show the log as filtered (programme, kind, person), from the newest."""
    values = {
        "programme_key": forms.selected(view, Block.AUDIT_PROGRAMME) or "",
        "kind": forms.selected(view, Block.AUDIT_KIND) or "all",
        "person": forms.selected(view, Block.AUDIT_PERSON),
    }
    door.submit(ReadAuditLog(actor=actor, query=_query(values)))


def handle_audit_page_action(body: dict, actor: Actor, door: Door) -> None:
    """ "Older" / "Newer": the next page with the same filters (rights checked again)."""
    values = {**forms.metadata(body.get("view") or {}), "page": forms.action_value(body)[:6]}
    door.submit(TurnAuditPage(actor=actor, query=_query(values)))


def _query(values: dict[str, Any]) -> AuditQuery:
    known = {k: v for k, v in values.items() if k in _FIELDS}
    return admin_forms.build(AuditQuery, known, dict(_FIELDS))
