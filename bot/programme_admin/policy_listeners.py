"""Coordinators change the reminder and mentoring policies from App Home."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import forms
from bot.after_ack import AfterAck
from bot.blocks.eligibility import notice_view
from bot.ids import Action, View
from bot.listeners.flow import open_form, submit_form
from bot.programme_admin import policy_forms
from bot.programme_admin.policy_blocks import POLICIES, policy_modal
from bot.runtime import Clock
from domain.kernel.people import Actor
from handlers.programme_admin.catalogue import catalogue_form
from handlers.programme_admin.policy import edit_policy
from storage.unit_of_work import UnitOfWorkFactory

#: The Home buttons that open a policy, and the policy.
_POLICIES: dict[str, str] = {
    Action.EDIT_REMINDER_POLICY: "reminders",
    Action.EDIT_MENTORING_POLICY: "mentoring",
}


def register(app: App) -> None:
    for action in _POLICIES:
        app.action(action)(handle_policy_action)
    app.view(View.POLICY)(handle_policy_submission)


def handle_policy_action(
    ack: Ack,
    body: dict,
    client: WebClient,
    actor: Actor,
    uow_factory: UnitOfWorkFactory,
    after_ack: AfterAck,
) -> None:
    """Open the policy's form, for the coordinators of the programme whose button it is."""
    policy = _POLICIES[forms.action_id(body)]  # registered for these buttons only
    key = forms.action_value(body)[:40]
    query = lambda: catalogue_form(actor, key, uow_factory(read_only=True))  # noqa: E731
    open_form(ack, body, client, after_ack, query, lambda found: policy_modal(found, policy))


def handle_policy_submission(
    ack: Ack, view: dict, actor: Actor, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    """Save the policy (refused beside the setting if it cannot be)."""

    def saved(policy: object) -> dict:
        title = POLICIES[str(forms.metadata(view).get("policy"))].title
        return notice_view("Saved", f"The {title.lower()} is saved.")

    submit_form(
        ack,
        lambda: edit_policy(policy_forms.policy(view, actor), uow_factory(), clock()),
        saved,
        explain=lambda refused: policy_forms.errors(refused, view),
    )
