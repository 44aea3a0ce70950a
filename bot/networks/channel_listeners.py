"""Cohort channels: the coordinator asks from Home; a participant chooses to join. What each
does and says: ``bot.networks.routes``."""

from __future__ import annotations

from slack_bolt import App

from bot.kernel import forms
from bot.kernel.door import Door
from bot.networks.channel_blocks import PRIVATE
from bot.networks.ids import Action, Block, View
from bot.networks.routes import CHANNEL_FIELDS
from domain.kernel.errors import NotFound
from domain.kernel.people import Actor
from handlers.networks.commands import AskCohortChannel, AskCohortChannels, JoinCohortChannel


def register(app: App) -> None:
    app.action(Action.COHORT_CHANNELS)(handle_cohort_channels_action)
    app.view(View.COHORT_CHANNEL)(handle_cohort_channel_submission)
    app.action(Action.CHANNEL_JOIN)(handle_channel_join_action)


def handle_cohort_channels_action(body: dict, actor: Actor, door: Door) -> None:
    """Each cohort's channel, and the form to ask for one (the programme's coordinators)."""
    door.submit(AskCohortChannels(actor=actor, programme_key=forms.action_value(body)[:40]))


def handle_cohort_channel_submission(view: dict, actor: Actor, door: Door) -> None:
    """Ask for the channel; every problem beside its field."""
    cmd = forms.command(
        AskCohortChannel,
        CHANNEL_FIELDS,
        actor=actor,
        programme_key=str(forms.metadata(view).get("programme") or ""),
        cohort_key=forms.selected(view, Block.CHANNEL_COHORT) or "",
        name=forms.typed(view, Block.CHANNEL_NAME),
        private=PRIVATE in forms.chosen(view, Block.CHANNEL_PRIVATE),
    )
    door.submit(cmd)


def handle_channel_join_action(body: dict, actor: Actor, door: Door) -> None:
    """The participant is added to their cohort's channel (they chose to)."""
    programme, _, cohort = forms.action_value(body).partition("/")
    if not (0 < len(programme) <= 40 and 0 < len(cohort) <= 40):  # a forged button
        raise NotFound("That channel no longer exists.")
    door.submit(JoinCohortChannel(actor=actor, programme_key=programme, cohort_key=cohort))
