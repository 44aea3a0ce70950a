"""Slack listeners, one module per feature, each exposing ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation import listeners as accreditation
from bot.leave import listeners as leave
from bot.listeners import (
    admin,
    audit_log,
    circle_calendar,
    circles,
    cohort_channel,
    cohorts,
    debrief,
    eligibility,
    follow_through,
    follow_up,
    group_sessions,
    home,
    interest,
    nominate,
    offers,
    policies,
    programme_content,
    reminder_preview,
    review,
    withdraw,
)
from bot.supervision import listeners as supervision


def register_all(app: App) -> None:
    for feature in (
        nominate,
        eligibility,
        review,
        offers,
        withdraw,
        home,
        interest,
        supervision,
        follow_up,
        follow_through,
        admin,
        programme_content,
        policies,
        audit_log,
        reminder_preview,
        cohorts,
        cohort_channel,
        accreditation,
        debrief,
        group_sessions,
        circles,
        circle_calendar,
        leave,
    ):
        feature.register(app)
