"""Coordinators add, edit and cancel cohorts from App Home."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field, any_variant
from bot.programme_admin import admin_forms
from bot.programme_admin.ids import Action, Block, View
from bot.runtime import Clock
from domain.kernel.people import Actor
from handlers.programme_admin.commands import (
    AskCancelCohort,
    AskCohortForm,
    CancelCohort,
    SaveCohort,
)

_COHORT = re.compile(r"^([a-z0-9][a-z0-9-]{0,39})/([a-z0-9][a-z0-9-]{0,39})$")


def register(app: App) -> None:
    app.action(any_variant(Action.EDIT_COHORT))(handle_edit_cohort_action)
    app.action(any_variant(Action.CANCEL_COHORT))(handle_cancel_cohort_action)
    app.view(View.COHORT)(handle_cohort_submission)
    app.view(View.CANCEL_COHORT)(handle_cancel_cohort_submission)


def handle_edit_cohort_action(body: dict, actor: Actor, door: Door) -> None:
    """Open a cohort, its sessions and joining details, to change them."""
    key, cohort = _cohort_value(body)
    door.submit(AskCohortForm(actor=actor, programme_key=key, cohort_key=cohort))


def handle_cancel_cohort_action(body: dict, actor: Actor, door: Door) -> None:
    """Ask what happens to the participants of the cohort to cancel."""
    key, cohort = _cohort_value(body)
    door.submit(AskCancelCohort(actor=actor, programme_key=key, cohort_key=cohort))


def _cohort_value(body: dict) -> tuple[str, str]:
    found = _COHORT.match(forms.action_value(body))
    return found.groups() if found else ("", "")  # type: ignore[return-value]


def handle_cohort_submission(view: dict, actor: Actor, door: Door, clock: Clock) -> None:
    """Add or change a cohort; its participants hear of new dates."""
    meta = forms.metadata(view)
    cmd = admin_forms.build(
        SaveCohort,
        {
            "actor": actor,
            "programme_key": str(meta.get("programme") or ""),
            "cohort_key": meta.get("item") if isinstance(meta.get("item"), str) else None,
            "details": admin_forms.cohort_details(view, clock().date()),
        },
    )
    door.submit(cmd)


def handle_cancel_cohort_submission(view: dict, actor: Actor, door: Door) -> None:
    """Cancel the cohort; each participant is moved, waitlisted or released, and told."""
    meta = forms.metadata(view)
    then, _, move_to = (forms.selected(view, Block.THEN) or "").partition(":")
    cmd = admin_forms.build(
        CancelCohort,
        {
            "actor": actor,
            "programme_key": str(meta.get("programme") or ""),
            "cohort_key": str(meta.get("item") or ""),
            "then": then,
            "move_to": move_to or None,
            "reason": forms.typed(view, Field.REASON),
        },
    )
    door.submit(cmd)
