"""The App Home tab: opened (published fresh), its Export buttons and the facilitators'
list's filter and pages."""

from __future__ import annotations

from slack_bolt import App

from bot.home.ids import Action
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import any_variant
from domain.kernel.people import Actor
from handlers.exports.commands import ExportNominations, ShowHome
from handlers.supervision.commands import ShowFacilitators

NOT_OURS = "That is not a choice Cascade offers. Please open the Home tab again and choose there."


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened_event)
    app.action(any_variant(Action.EXPORT))(handle_export_action)
    app.action(Action.FACILITATORS_FILTER)(handle_facilitators_action)
    app.action(any_variant(Action.FACILITATORS_PAGE))(handle_facilitators_action)


def handle_app_home_opened_event(event: dict, actor: Actor, door: Door) -> None:
    """Show each person the Home tab for their roles (published by the outbox, fresh)."""
    if event.get("tab", "home") == "home":
        door.submit(ShowHome(actor=actor))


def handle_export_action(body: dict, actor: Actor, door: Door) -> None:
    """Send the coordinator every nomination (CSV or Excel), in their DM."""
    cmd = ExportNominations(
        actor=actor,
        programme_key=forms.action_value(body)[:40],
        request_id=str(body.get("trigger_id") or "")[:100],
        format="xlsx" if forms.action_id(body).endswith(":xlsx") else "csv",
    )
    door.submit(cmd)


def handle_facilitators_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: which facilitators to list (the filter: everyone, needs attention, an ICS, a
    role), or "Previous" / "Next" (the value: "<filter>|<page>"); their Home is published
    again with it."""
    if forms.action_id(body) == Action.FACILITATORS_FILTER:
        chosen, page = forms.picked_option(body)[:60], "1"
    else:
        chosen, _, page = forms.action_value(body)[:80].partition("|")
    choice = {"filter": chosen, "page": int(page) if page.isdigit() else 0}
    door.submit(forms.offered(ShowFacilitators, NOT_OURS, actor=actor, choice=choice))
