"""Coordinators change the reminder and mentoring policies from App Home."""

from __future__ import annotations

from typing import Literal

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.programme_admin import policy_forms
from bot.programme_admin.ids import Action, View
from domain.kernel.people import Actor
from handlers.programme_admin.commands import AskPolicyForm

#: The Home buttons that open a policy, and the policy.
_POLICIES: dict[str, Literal["reminders", "mentoring"]] = {
    Action.EDIT_REMINDER_POLICY: "reminders",
    Action.EDIT_MENTORING_POLICY: "mentoring",
}


def register(app: App) -> None:
    for action in _POLICIES:
        app.action(action)(handle_policy_action)
    app.view(View.POLICY)(handle_policy_submission)


def handle_policy_action(body: dict, actor: Actor, door: Door) -> None:
    """Open the policy's form, for the coordinators of the programme whose button it is."""
    policy = _POLICIES[forms.action_id(body)]  # registered for these buttons only
    key = forms.action_value(body)[:40]
    door.submit(AskPolicyForm(actor=actor, programme_key=key, policy=policy))


def handle_policy_submission(view: dict, actor: Actor, door: Door) -> None:
    """Save the policy (refused beside the setting if it cannot be)."""
    door.submit(policy_forms.policy(view, actor))
