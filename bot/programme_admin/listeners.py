"""Coordinators run their programmes from App Home: settings, new intakes, ICSs and leads."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.cohorts import cohort_modal
from bot.blocks.eligibility import notice_view
from bot.blocks.interest import share_modal
from bot.ids import Action, Block, View
from bot.listeners.flow import open_form, submit_form
from bot.programme_admin import admin_forms, blocks
from bot.runtime import Clock
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from domain.kernel.programme import Programme
from handlers.programme_admin.commands import CopyProgramme, SaveIcs
from handlers.programme_admin.programmes import (
    coordinated,
    copy_programme,
    edit_programme,
    ics_form,
    save_ics,
)
from storage.unit_of_work import UnitOfWorkFactory

#: The coordinators' forms about one programme, by the Home button that opens them.
_FORMS: dict[str, Callable[[Programme], dict]] = {
    Action.PROGRAMME_SETTINGS: blocks.settings_modal,
    Action.COPY_PROGRAMME: blocks.copy_modal,
    Action.ADD_COHORT: lambda programme: cohort_modal(programme, None),
    Action.SHARE_OFFER: share_modal,
}


def register(app: App) -> None:
    for action in _FORMS:
        app.action(action)(handle_programme_form_action)
    app.action(Action.MANAGE_ICS)(handle_manage_ics_action)
    app.view(View.PROGRAMME_SETTINGS)(handle_settings_submission)
    app.view(View.COPY_PROGRAMME)(handle_copy_submission)
    app.view(View.PICK_ICS)(handle_pick_ics_submission)
    app.view(View.ICS)(handle_ics_submission)


def handle_programme_form_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the form of the Home button clicked (settings, new intake, new cohort, share the
    offer), for the programme's coordinators only."""
    render = _FORMS[forms.action_id(body)]  # registered for these buttons only
    key = forms.action_value(body)[:40]
    query = lambda: coordinated(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, render)


def handle_manage_ics_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Ask which ICS to change (or whether to add one)."""
    query = lambda: ics_form(actor, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, blocks.pick_ics_modal)


def handle_settings_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the programme's settings (refused inline if live data would break)."""
    submit_form(
        ack,
        lambda: edit_programme(admin_forms.settings(view, actor), uow_factory(), clock()),
        lambda p: notice_view("Saved", f"The settings of *{p.name}* are saved."),
    )


def handle_copy_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Open the new intake: it takes nominations at once."""

    def work():
        cmd = admin_forms.build(
            CopyProgramme,
            {
                "actor": actor,
                "source_key": str(forms.metadata(view).get("programme") or ""),
                "name": forms.typed(view, Block.NAME),
                "nominations_open": forms.picked_date(view, Block.OPENS),
                "nominations_close": forms.picked_date(view, Block.CLOSE),
                "cohort": admin_forms.cohort_details(view, clock().date()),
            },
        )
        return copy_programme(cmd, uow_factory(), clock())

    submit_form(ack, work, lambda p: notice_view("Intake opened", blocks.opened_text(p)))


def handle_pick_ics_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory
) -> None:
    """Show the chosen ICS (or an empty one) to edit."""
    chosen = forms.selected(view, Block.ICS) or ""
    try:
        known = {i.key: i for i in ics_form(actor, uow_factory(read_only=True))}
    except DomainError as refused:
        ack(response_action="errors", errors={Block.ICS: refused.message})
        return
    if chosen != "new" and chosen not in known:
        ack(response_action="errors", errors={Block.ICS: "Please choose an ICS from the list."})
        return
    ack(response_action="update", view=blocks.ics_modal(known.get(chosen)))


def handle_ics_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the ICS's name and leads."""

    def work():
        cmd = admin_forms.build(
            SaveIcs,
            {
                "actor": actor,
                "ics_key": forms.edited_key(view, "item", Block.NAME),
                "name": forms.typed(view, Block.NAME),
                "leads": forms.picked_users(view, Block.LEADS),
            },
        )
        return save_ics(cmd, uow_factory(), clock())

    submit_form(ack, work, lambda ics: notice_view("Saved", f"*{ics.name}* is saved."))
