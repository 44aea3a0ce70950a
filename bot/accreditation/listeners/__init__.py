"""Accreditation's listeners: pathways and sign-offs, peer reviews, mentoring, settings."""

from __future__ import annotations

from slack_bolt import App

from bot.accreditation.listeners import admin, mentoring, pathways, peer_review


def register(app: App) -> None:
    for part in (pathways, admin, peer_review, mentoring):
        part.register(app)
