"""Slack listeners, one module per feature, each exposing ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from bot.home import listeners as home
from bot.listeners import (
    accreditation,
    accreditation_admin,
    admin,
    audit_log,
    circle_calendar,
    circles,
    cohort_channel,
    cohorts,
    debrief,
    follow_through,
    follow_up,
    group_sessions,
    leave,
    mentoring,
    peer_review,
    policies,
    programme_content,
    reminder_preview,
    supervision,
)
from bot.nominations import listeners as nominations


def register_all(app: App) -> None:
    for feature in (
        nominations,
        home,
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
        accreditation_admin,
        peer_review,
        mentoring,
        debrief,
        group_sessions,
        circles,
        circle_calendar,
        leave,
    ):
        feature.register(app)
