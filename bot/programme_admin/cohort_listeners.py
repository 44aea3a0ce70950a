"""Coordinators add, edit and cancel cohorts from App Home."""

from __future__ import annotations

import re

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks import cohorts
from bot.blocks.eligibility import notice_view
from bot.ids import Action, Block, View, any_variant
from bot.listeners.flow import open_form, submit_form
from bot.programme_admin import admin_forms
from bot.runtime import Clock
from domain.kernel.people import Actor
from handlers.programme_admin.cohorts import cancel_cohort, cancel_form, cohort_form, save_cohort
from handlers.programme_admin.commands import CancelCohort, SaveCohort
from storage.unit_of_work import UnitOfWorkFactory

_COHORT = re.compile(r"^([a-z0-9][a-z0-9-]{0,39})/([a-z0-9][a-z0-9-]{0,39})$")


def register(app: App) -> None:
    app.action(any_variant(Action.EDIT_COHORT))(handle_edit_cohort_action)
    app.action(any_variant(Action.CANCEL_COHORT))(handle_cancel_cohort_action)
    app.view(View.COHORT)(handle_cohort_submission)
    app.view(View.CANCEL_COHORT)(handle_cancel_cohort_submission)


def handle_edit_cohort_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open a cohort, its sessions and joining details, to change them."""
    key, cohort = _cohort_value(body)
    query = lambda: cohort_form(actor, key, cohort, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, lambda found: cohorts.cohort_modal(*found))


def handle_cancel_cohort_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    clock: Clock,
    after_ack: AfterAck,
) -> None:
    """Ask what happens to the participants of the cohort to cancel."""
    key, cohort = _cohort_value(body)
    query = lambda: cancel_form(actor, key, cohort, uow_factory(read_only=True), clock())  # noqa: E731
    open_form(ack, body, client, after_ack, query, cohorts.cancel_modal)


def _cohort_value(body: dict) -> tuple[str, str]:
    found = _COHORT.match(forms.action_value(body))
    return found.groups() if found else ("", "")  # type: ignore[return-value]


def handle_cohort_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Add or change a cohort; its participants hear of new dates."""
    meta = forms.metadata(view)

    def work():
        cmd = admin_forms.build(
            SaveCohort,
            {
                "actor": actor,
                "programme_key": str(meta.get("programme") or ""),
                "cohort_key": meta.get("item") if isinstance(meta.get("item"), str) else None,
                "details": admin_forms.cohort_details(view, clock().date()),
            },
        )
        return save_cohort(cmd, uow_factory(), clock())

    saved = lambda done: notice_view("Saved", f"*{done[1].name}* is saved.")  # noqa: E731
    submit_form(ack, work, saved, default=Block.COHORT_NAME)


def handle_cancel_cohort_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Cancel the cohort; each participant is moved, waitlisted or released, and told."""
    meta = forms.metadata(view)
    then, _, move_to = (forms.selected(view, Block.THEN) or "").partition(":")

    def work():
        cmd = admin_forms.build(
            CancelCohort,
            {
                "actor": actor,
                "programme_key": str(meta.get("programme") or ""),
                "cohort_key": str(meta.get("item") or ""),
                "then": then,
                "move_to": move_to or None,
                "reason": forms.typed(view, Block.REASON),
            },
        )
        return cancel_cohort(cmd, uow_factory(), clock())

    cancelled = lambda done: notice_view("Cancelled", cohorts.cancelled_text(*done))  # noqa: E731
    submit_form(ack, work, cancelled, default=Block.THEN)
