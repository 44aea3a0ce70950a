"""Asking for a debrief (Home), and a supervisor taking one on (their DM). What each does
and says: ``bot.networks.routes``."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.replies import Open
from bot.networks.debrief_blocks import debrief_modal
from bot.networks.ids import Action, Block, View
from bot.networks.routes import DEBRIEF_FIELDS
from domain.kernel.people import Actor
from handlers.networks.commands import RequestDebrief, TakeDebrief


def register(app: App) -> None:
    app.action(Action.DEBRIEF_OPEN)(handle_debrief_open_action)
    app.view(View.DEBRIEF)(handle_debrief_submission)
    app.action(Action.DEBRIEF_TAKE)(handle_debrief_take_action)


def handle_debrief_open_action(body: dict, door: Door) -> None:
    """Home: "Ask for a debrief" (anyone may: the form reads nothing)."""
    door.reply(Open(debrief_modal()))


def handle_debrief_submission(view: dict, actor: Actor, door: Door) -> None:
    """Ask the supervisors; every problem beside its field."""
    cmd = forms.command(
        RequestDebrief,
        DEBRIEF_FIELDS,
        actor=actor,
        kind=forms.selected(view, Block.DEBRIEF_KIND),
        about=forms.typed(view, Block.DEBRIEF_ABOUT),
    )
    door.submit(cmd)


def handle_debrief_take_action(body: dict, actor: Actor, door: Door) -> None:
    """The first supervisor to take it on debriefs them; the others are told it is taken."""
    door.submit(TakeDebrief(actor=actor, debrief_id=forms.clicked(body).id))
