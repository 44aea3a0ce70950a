"""Coordinators preview what the next reminder run would send (`cascade jobs run --dry-run`),
in Slack: nothing is sent or written; names shown instead of ids where Cascade knows them."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import any_variant
from bot.reminders.ids import Action
from domain.kernel.people import Actor
from handlers.reminders.commands import AskReminderPreview, TurnPreviewPage


def register(app: App) -> None:
    app.action(Action.REMINDER_PREVIEW)(handle_reminder_preview_action)
    app.action(any_variant(Action.PREVIEW_PAGE))(handle_preview_page_action)


def handle_reminder_preview_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the preview (for the programme's coordinators): a "working" view at once, then
    the lines when the dry run has them."""
    key = forms.action_value(body)[:40]
    door.submit(AskReminderPreview(actor=actor, programme_key=key))


def handle_preview_page_action(body: dict, actor: Actor, door: Door) -> None:
    """ "Previous" / "Next": another page of the preview (rights checked again)."""
    key = str(forms.metadata(body.get("view") or {}).get("programme") or "")[:40]
    page = forms.action_value(body)[:6]
    number = int(page) if page.isdigit() else 1
    door.submit(TurnPreviewPage(actor=actor, programme_key=key, page=number))
