"""Coordinators run their programmes from App Home: settings, new intakes, ICSs and leads."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.kernel.ids import Field
from bot.programme_admin import admin_forms
from bot.programme_admin.ids import Action, Block, View
from bot.runtime import Clock
from domain.kernel.people import Actor
from handlers.programme_admin.commands import (
    AskIcsForm,
    AskProgrammeForm,
    CopyProgramme,
    PickIcs,
    ProgrammeForm,
    SaveIcs,
)

#: The coordinators' forms about one programme, by the Home button that opens them.
_FORMS: dict[str, ProgrammeForm] = {
    Action.PROGRAMME_SETTINGS: "settings",
    Action.COPY_PROGRAMME: "copy",
    Action.ADD_COHORT: "cohort",
    Action.SHARE_OFFER: "share",
}


def register(app: App) -> None:
    for action in _FORMS:
        app.action(action)(handle_programme_form_action)
    app.action(Action.MANAGE_ICS)(handle_manage_ics_action)
    app.view(View.PROGRAMME_SETTINGS)(handle_settings_submission)
    app.view(View.COPY_PROGRAMME)(handle_copy_submission)
    app.view(View.PICK_ICS)(handle_pick_ics_submission)
    app.view(View.ICS)(handle_ics_submission)


def handle_programme_form_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the form of the Home button clicked (settings, new intake, new cohort, share the
    offer), for the programme's coordinators only."""
    form = _FORMS[forms.action_id(body)]  # registered for these buttons only
    key = forms.action_value(body)[:40]
    door.submit(AskProgrammeForm(actor=actor, programme_key=key, form=form))


def handle_manage_ics_action(body: dict, actor: Actor, door: Door) -> None:
    """Ask which ICS to change (or whether to add one)."""
    door.submit(AskIcsForm(actor=actor))


def handle_settings_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the programme's settings (refused inline if live data would break)."""
    door.submit(admin_forms.settings(view, actor))


def handle_copy_submission(view: dict, actor: Actor, door: Door, clock: Clock) -> None:
    """Open the new intake: it takes nominations at once."""
    cmd = admin_forms.build(
        CopyProgramme,
        {
            "actor": actor,
            "source_key": str(forms.metadata(view).get("programme") or ""),
            "name": forms.typed(view, Field.NAME),
            "nominations_open": forms.picked_date(view, Block.OPENS),
            "nominations_close": forms.picked_date(view, Block.CLOSE),
            "cohort": admin_forms.cohort_details(view, clock().date()),
        },
    )
    door.submit(cmd)


def handle_pick_ics_submission(view: dict, actor: Actor, door: Door) -> None:
    """Show the chosen ICS (or an empty one) to edit."""
    chosen = forms.selected(view, Field.ICS) or ""
    door.submit(forms.command(PickIcs, {"ics_key": Field.ICS}, actor=actor, ics_key=chosen))


def handle_ics_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the ICS's name and leads."""
    cmd = admin_forms.build(
        SaveIcs,
        {
            "actor": actor,
            "ics_key": forms.edited_key(view, "item", Field.NAME),
            "name": forms.typed(view, Field.NAME),
            "leads": forms.picked_users(view, Block.LEADS),
        },
    )
    door.submit(cmd)
