"""Slack listeners, one module per feature, each exposing ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from bot.circles import calendar_listeners as circle_calendar
from bot.circles import listeners as circles
from bot.follow_up import listeners as follow_up
from bot.group_sessions import listeners as group_sessions
from bot.listeners import (
    accreditation,
    accreditation_admin,
    admin,
    audit_log,
    cohorts,
    eligibility,
    home,
    interest,
    leave,
    mentoring,
    nominate,
    offers,
    peer_review,
    policies,
    programme_content,
    reminder_preview,
    review,
    supervision,
    withdraw,
)
from bot.networks import channel_listeners as cohort_channel
from bot.networks import debrief_listeners as debrief


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
