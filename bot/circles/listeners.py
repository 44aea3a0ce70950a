"""Logging a circle: the form (Home, `/log-supervision circle`, Edit on a circle entry) and
its submission, every problem beside its field (``bot.circles.routes``)."""

from __future__ import annotations

from slack_bolt import App

from bot.circles.ids import Action, Block, View
from bot.circles.routes import LOG_FIELDS
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from handlers.circles.commands import AskCircleLog
from handlers.supervision.commands import LogCircle


def register(app: App) -> None:
    app.action(Action.CIRCLE_LOG_OPEN)(handle_circle_log_open_action)
    app.view(View.LOG_CIRCLE)(handle_circle_log_submission)


def handle_circle_log_open_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: "Log a circle"."""
    door.submit(AskCircleLog(actor=actor))


def handle_circle_log_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the circle (crediting each co-facilitator), or put each problem by its field."""
    size = forms.number(view, Block.CIRCLE_SIZE)
    if isinstance(size, str):
        raise DomainError("Please enter a whole number.", field=Block.CIRCLE_SIZE)
    entry_id = forms.edited_id(view, "entry", Field.DATE)
    cmd = forms.command(
        LogCircle,
        LOG_FIELDS,
        actor=actor,
        log_type=forms.selected(view, Field.LOG_TYPE) or "",
        occurred_on=forms.required_date(view, Field.DATE),
        topic=forms.selected(view, Block.CIRCLE_TOPIC) or "",
        group_size=size,
        co_facilitators=forms.picked_users(view, Block.CO_FACILITATORS),
        ics_key=forms.selected(view, Field.ICS) or "",
        setting=forms.selected(view, Block.CIRCLE_SETTING) or "standalone",
        embedded_in=forms.typed(view, Block.EMBEDDED_IN),
        notes=forms.typed(view, Field.NOTES),
        client_token=None if entry_id else forms.typed_id(view),
        entry_id=entry_id,
    )
    door.submit(cmd)
