"""Slack listeners, one module per feature, each exposing ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation import listeners as accreditation
from bot.circles import calendar_listeners as circle_calendar
from bot.circles import listeners as circles
from bot.follow_up import listeners as follow_up
from bot.group_sessions import listeners as group_sessions
from bot.home import listeners as home
from bot.leave import listeners as leave
from bot.networks import channel_listeners as cohort_channel
from bot.networks import debrief_listeners as debrief
from bot.nominations import listeners as nominations
from bot.programme_admin import audit_listeners as audit_log
from bot.programme_admin import cohort_listeners as cohorts
from bot.programme_admin import content_listeners as programme_content
from bot.programme_admin import listeners as admin
from bot.programme_admin import policy_listeners as policies
from bot.reminders import listeners as reminder_preview
from bot.supervision import listeners as supervision


def register_all(app: App) -> None:
    for feature in (
        nominations,
        home,
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
        debrief,
        group_sessions,
        circles,
        circle_calendar,
        leave,
    ):
        feature.register(app)
