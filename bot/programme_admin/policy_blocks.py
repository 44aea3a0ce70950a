"""The reminder and mentoring policies as forms: one input per setting, described by a table
(its label and the kind of input), each in block "policy:SETTING"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import time
from typing import Any

from bot.kernel.blocks import Blocks, context, input_block, modal, option, text_input
from bot.programme_admin.ids import Block, View
from domain.kernel.programme import Programme
from domain.programme_admin.catalogue import Catalogue

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_REGIONS = (
    ("England and Wales", "england-and-wales"),
    ("Scotland", "scotland"),
    ("Northern Ireland", "northern-ireland"),
    ("None (every weekday is a working day)", "none"),
)


@dataclass(frozen=True)
class Setting:
    name: str
    label: str
    kind: str  # number, numbers ("30, 7"), check, time, days, region, role, log_types


@dataclass(frozen=True)
class Policy:
    title: str
    intro: str
    settings: tuple[Setting, ...]


POLICIES = {
    "reminders": Policy(
        "Reminder policy",
        "When Cascade reminds people (for every programme). Days are calendar days unless "
        "they say working days.",
        (
            Setting(
                "eligibility_after_days",
                "Nominee: remind to confirm eligibility after (days)",
                "number",
            ),
            Setting(
                "eligibility_lead_after_days",
                "Lead: tell of an unconfirmed nominee after (days)",
                "number",
            ),
            Setting(
                "review_after_working_days",
                "Coordinators: remind to review after (working days)",
                "number",
            ),
            Setting(
                "cohort_before_days",
                "Participants: remind before the cohort (days, e.g. 7, 1)",
                "numbers",
            ),
            Setting("cascade_every_days", "Ask whether they are cascading every (days)", "number"),
            Setting("cascade_asks", "Ask about cascading at most (times)", "number"),
            Setting(
                "requirement_before_days",
                "Requirements: remind before due (days, e.g. 30, 7)",
                "numbers",
            ),
            Setting(
                "requirement_overdue_every_days",
                "Requirements: remind when overdue every (days)",
                "number",
            ),
            Setting(
                "requirement_escalate_after_days",
                "Requirements: tell the line manager after (days overdue)",
                "number",
            ),
            Setting("working_days", "Working days", "days"),
            Setting("working_start", "Reminders from", "time"),
            Setting("working_end", "Reminders until", "time"),
            Setting("snooze_days", "“Remind me later” waits (days)", "number"),
            Setting("holidays", "Bank holidays of", "region"),
            Setting("leave_extends_due", "Leave moves due dates by the days away", "check"),
        ),
    ),
    "mentoring": Policy(
        "Mentoring policy",
        "Mentoring pairs and debriefs (for every programme).",
        (
            Setting("capacity", "Mentees per mentor", "number"),
            Setting("nudge_after_days", "Nudge a pair with no session for (days)", "number"),
            Setting("session_types", "What counts as a mentoring session", "log_types"),
            Setting("debrief_role", "Who is asked for a debrief (role)", "role"),
        ),
    ),
}


def policy_modal(found: tuple[Programme, Catalogue], policy: str) -> dict[str, Any]:
    programme, catalogue = found
    spec, values = POLICIES[policy], getattr(catalogue, policy).model_dump()
    choices = {
        "role": [option(r.name, r.key) for r in catalogue.roles[:100]],
        "log_types": [option(t.name, t.key) for t in catalogue.log_types[:100]],
        "days": [option(day, str(n)) for n, day in enumerate(_DAYS)],
        "region": [option(label, value) for label, value in _REGIONS],
    }
    blocks: Blocks = [context(spec.intro)]
    blocks += [_input(s, values.get(s.name), choices) for s in spec.settings]
    metadata = json.dumps({"programme": programme.key, "policy": policy})
    return modal(View.POLICY, spec.title, blocks, submit="Save", metadata=metadata)


def _input(setting: Setting, value: Any, choices: dict[str, list]) -> dict[str, Any]:
    block = f"{Block.POLICY}{setting.name}"
    if setting.kind in ("number", "numbers"):
        shown = ", ".join(map(str, value)) if setting.kind == "numbers" else str(value)
        return text_input(block, setting.label, shown, 40)
    if setting.kind == "time":
        initial = {"initial_time": f"{value:%H:%M}"} if isinstance(value, time) else {}
        return input_block(block, setting.label, {"type": "timepicker", **initial})
    if setting.kind == "check":
        box = option(setting.label, "yes")
        element: dict[str, Any] = {"type": "checkboxes", "options": [box]}
        element |= {"initial_options": [box]} if value else {}
        return input_block(block, "Leave", element, optional=True)
    options = choices[setting.kind]
    if setting.kind in ("days", "log_types"):
        wanted = {str(v) for v in value or ()}
        picked = [o for o in options if o["value"] in wanted]
        element = {"type": "multi_static_select", "options": options}
        element |= {"initial_options": picked} if picked else {}
        return input_block(block, setting.label, element, optional=setting.kind == "log_types")
    picked = [o for o in options if o["value"] == value]
    element = {"type": "static_select", "options": options}
    element |= {"initial_option": picked[0]} if picked else {}
    return input_block(block, setting.label, element, optional=setting.kind == "role")
