"""Asking for a debrief: the form, the supervisors' ask, who will debrief you."""

from __future__ import annotations

from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    context,
    escape,
    input_block,
    modal,
    option,
    section,
    text_input,
)
from bot.networks.ids import Action, Block, View
from domain.networks.debrief import Debrief, DebriefKind

ABOUT_LIMIT = 1000


def debrief_modal(_: object = None) -> dict[str, Any]:
    kinds = [option("1:1", DebriefKind.ONE_TO_ONE.value), option("In a group", DebriefKind.GROUP)]
    blocks: Blocks = [
        context(
            "A supervisor from the programme's network will take it on and be in touch. "
            "Ask after a session that was hard, or whenever it would help."
        ),
        input_block(
            Block.DEBRIEF_KIND,
            "How would you like it?",
            {"type": "radio_buttons", "options": kinds, "initial_option": kinds[0]},
        ),
        text_input(
            Block.DEBRIEF_ABOUT,
            "What about? (optional: the supervisors asked see it, so leave out anything private)",
            "",
            ABOUT_LIMIT,
            True,
            multiline=True,
        ),
    ]
    return modal(View.DEBRIEF, "Ask for a debrief", blocks, submit="Ask")


def asked_notice(supervisors: int) -> str:
    if supervisors:
        return (
            f"Asked: {supervisors} supervisor(s) have your request. You'll hear here as soon "
            "as one of them takes it on."
        )
    return (
        "No supervisors are named yet, so the coordinators have your request. You'll hear "
        "here as soon as someone takes it on."
    )


def debrief_asked_message(d: Debrief) -> tuple[str, Blocks]:
    text = f"<@{d.requester}> asks for a {d.kind.label} debrief."
    about = f"\n>{escape(d.about)}".replace("\n", "\n>") if d.about else ""
    blocks = [
        section(text + about),
        actions(button("I'll take it on", Action.DEBRIEF_TAKE, str(d.id), style="primary")),
    ]
    return text, blocks


def debrief_taken_message(d: Debrief) -> str:
    return f"<@{d.taken_by}> will debrief you ({d.kind.label}) and will be in touch."


def taken_notice(d: Debrief) -> str:
    return f"Thank you: <@{d.requester}> knows you will debrief them. Please get in touch."
