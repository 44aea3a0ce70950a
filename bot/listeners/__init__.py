"""Slack listeners, one module per feature, each exposing ``register(app)``."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import (
    accreditation,
    accreditation_admin,
    admin,
    cohorts,
    eligibility,
    follow_up,
    home,
    interest,
    mentoring,
    nominate,
    offers,
    peer_review,
    review,
    supervision,
    withdraw,
)


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
        cohorts,
        accreditation,
        accreditation_admin,
        peer_review,
        mentoring,
    ):
        feature.register(app)
