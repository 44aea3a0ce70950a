"""Nominations' listeners, each module exposing ``register(app)``: parse, then the door."""

from __future__ import annotations

from slack_bolt import App

from bot.nominations.listeners import eligibility, interest, nominate, offers, review, withdraw


def register(app: App) -> None:
    for listeners in (nominate, eligibility, review, offers, withdraw, interest):
        listeners.register(app)
