"""Coordinators change accreditation pathways and role holders from App Home."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation import forms as accreditation_forms
from bot.accreditation.ids import Action, View
from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import any_variant
from domain.kernel.people import Actor
from handlers.accreditation.commands import AskPathwayForm, AskRoleHolders


def register(app: App) -> None:
    app.action(any_variant(Action.EDIT_PATHWAY))(handle_pathway_form_action)
    app.action(Action.ROLE_HOLDERS)(handle_role_holders_action)
    app.view(View.PATHWAY)(handle_pathway_submission)
    app.view(View.ROLE_HOLDERS)(handle_role_holders_submission)


def handle_pathway_form_action(body: dict, actor: Actor, door: Door) -> None:
    """Open a pathway's form (an empty one for "New pathway"), for coordinators."""
    door.submit(AskPathwayForm(actor=actor, pathway_key=forms.action_value(body)[:40]))


def handle_role_holders_action(actor: Actor, door: Door) -> None:
    """Open the form naming who holds each role."""
    door.submit(AskRoleHolders(actor=actor))


def handle_pathway_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the pathway; every problem (and what it would break) beside its field."""
    door.submit(accreditation_forms.pathway(view, actor))


def handle_role_holders_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save who holds each role."""
    door.submit(accreditation_forms.role_holders(view, actor))
