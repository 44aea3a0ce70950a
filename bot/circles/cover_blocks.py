"""Asking for cover for a circle, and who covers it."""

from __future__ import annotations

from bot.circles.calendar_blocks import circle_text, when
from bot.circles.ids import Action
from bot.kernel.blocks import Blocks, actions, button, escape, section
from domain.circles.cover import CoverAsked, CoverRequest, CoverTaken
from handlers.circles.calendar import CircleFacts


def cover_asked_message(request: CoverRequest, facts: CircleFacts) -> tuple[str, Blocks]:
    """To the ICS's other trained facilitators: the first to say yes co-facilitates."""
    text = (
        f"<@{request.asked_by}> cannot make a circle they co-facilitate and asks for cover: "
        f"{facts.topic}, {when(facts.circle)}."
    )
    blocks = [
        section(f":raising_hand: {text}\n\n" + circle_text(facts)),
        actions(button("I can cover", Action.COVER_TAKE, str(request.id), style="primary")),
    ]
    return text, blocks


def cover_taken_message(request: CoverRequest, facts: CircleFacts) -> str:
    return (
        f"<@{request.taken_by}> is covering for <@{request.asked_by}> at "
        f"*{escape(facts.topic)}*, {when(facts.circle)}: they co-facilitate it now."
    )


def asked_notice(asked: CoverAsked) -> str:
    if not asked.asked:
        return "You have asked for cover already; the first to say yes will take your place."
    return (
        f"I have asked {len(asked.asked)} trained facilitator(s) in the ICS. The first to say "
        "yes co-facilitates in your place, and you will both hear who."
    )


def taken_notice(taken: CoverTaken) -> str:
    return (
        f"Thank you: you co-facilitate this circle now ({when(taken.circle)}). "
        f"<@{taken.circle.facilitator}> and <@{taken.request.asked_by}> have been told."
    )
