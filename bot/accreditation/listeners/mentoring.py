"""Mentoring pairs: coordinators pair mentors with mentees from Home, and end pairs."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation.admin_routes import PAIR_FIELDS
from bot.accreditation.ids import Action, Block, View
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field, any_variant
from domain.kernel.people import Actor
from handlers.accreditation.commands import AskPairForm, EndPair, PairMentor
from handlers.exports.commands import ExportAccreditation


def register(app: App) -> None:
    app.action(Action.PAIR_OPEN)(handle_pair_open_action)
    app.view(View.PAIR)(handle_pair_submission)
    app.action(Action.PAIR_END)(handle_pair_end_action)
    app.action(any_variant(Action.ACCREDITATION_EXPORT))(handle_accreditation_export_action)


def handle_pair_open_action(actor: Actor, door: Door) -> None:
    """Home: "Pair a mentor" (coordinators)."""
    door.submit(AskPairForm(actor=actor))


def handle_pair_submission(view: dict, actor: Actor, door: Door) -> None:
    """Pair them, or say beside the field why not."""
    cmd = forms.command(
        PairMentor,
        PAIR_FIELDS,
        actor=actor,
        mentor=forms.selected(view, Block.MENTOR) or "",
        mentee=forms.selected(view, Block.MENTEE) or "",
        line_manager=forms.selected(view, Block.LINE_MANAGER),
        override_reason=forms.typed(view, Field.REASON),
    )
    door.submit(cmd)


def handle_pair_end_action(body: dict, actor: Actor, door: Door) -> None:
    """End a pair (mentor, mentee or coordinator; the button asked first)."""
    door.submit(EndPair(actor=actor, pair_id=forms.clicked(body).id))


def handle_accreditation_export_action(body: dict, actor: Actor, door: Door) -> None:
    """Home: everyone's accreditation progress and the pairs (CSV or Excel), in a DM."""
    cmd = ExportAccreditation(
        actor=actor,
        request_id=str(body.get("trigger_id") or "")[:100],
        format="xlsx" if forms.action_id(body).endswith(":xlsx") else "csv",
    )
    door.submit(cmd)
