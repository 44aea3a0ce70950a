"""Spreading the offer: the share form, the channel post with "I'm interested", the form
asking the person's ICS, and the DM that lets their lead nominate them in one click."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    context,
    escape,
    header,
    input_block,
    modal,
    notice_view,
    plain,
    section,
)
from bot.kernel.ids import Field
from bot.nominations.blocks.eligibility import contact_blocks, offer_blocks
from bot.nominations.ids import Action, Block, View
from domain.kernel.programme import Ics, Programme


def share_modal(programme: Programme) -> dict[str, Any]:
    picker = {"type": "conversations_select", "filter": {"include": ["public", "private"]}}
    return modal(
        View.SHARE_OFFER,
        "Share the offer",
        [
            section(
                f"Post *{programme.name}* (dates, format, criteria, contact) to a channel, with "
                "an *I'm interested* button: the person's ICS lead is then asked to nominate "
                "them. For a private channel, add Cascade to it first."
            ),
            input_block(Field.CHANNEL, "Channel", picker),
        ],
        submit="Post",
        metadata=json.dumps({"programme": programme.key}),
    )


def offer_post(programme: Programme, now: datetime) -> tuple[str, Blocks]:
    """The offer as posted to a channel: the cohorts still to come, the contact, and
    "I'm interested"."""
    text = f"{programme.name} ({programme.provider}): places are open"
    ask = (
        "Interested? Please talk it through with your HR director, wellbeing or OD lead, then "
        "press *I'm interested*: Cascade asks your ICS lead to nominate you."
    )
    return text, [
        header(programme.name),
        section(f"*{programme.provider}* is offering places on *{programme.name}*."),
        *offer_blocks(programme, now),
        section(ask),
        *contact_blocks(programme),
        actions(button("I'm interested", Action.INTERESTED, programme.key, style="primary")),
    ]


def interest_modal(programme: Programme, ics_all: list[Ics]) -> dict[str, Any]:
    options = [{"text": plain(i.name, 75), "value": i.key} for i in ics_all[:100]]
    note = {"type": "plain_text_input", "multiline": True, "max_length": 500}
    return modal(
        View.INTEREST,
        "I'm interested",
        [
            section(
                f"Which ICS do you work in? Its lead will be asked to nominate you for "
                f"*{programme.name}*."
            ),
            input_block(Field.ICS, "Your ICS", {"type": "static_select", "options": options}),
            input_block(Block.NOTE, "Anything your lead should know", note, optional=True),
        ],
        submit="Ask my lead",
        metadata=json.dumps({"programme": programme.key}),
    )


def interest_thanks(programme: Programme, ics: Ics, leads: int) -> dict[str, Any]:
    """After "I'm interested": who was asked, what happens next, and whom to ask meanwhile."""
    whom = "its lead" if leads == 1 else f"its {leads} leads"
    done = (
        f"We have asked {whom} in {ics.name} to nominate you. If they do, Cascade sends you "
        "the eligibility questions."
    )
    return notice_view("Thank you", done, contact_blocks(programme))


def interest_message(programme: Programme, ics: Ics, person: str, note: str) -> tuple[str, Blocks]:
    """For an ICS lead: someone would like to be nominated; Nominate does it in one click."""
    text = f"<@{person}> would like to be nominated for {programme.name}"
    blocks = [
        section(
            f":raised_hand: <@{person}> would like a place on *{programme.name}* and says they "
            f"work in *{ics.name}*. As its lead, you can nominate them (it uses one of "
            f"{ics.name}'s {programme.per_ics_limit} nominations)."
        )
    ]
    if note:
        blocks.append(context(f"They wrote: {escape(note)}"))
    value = f"{programme.key}:{ics.key}:{person}"
    blocks.append(
        actions(button("Nominate them", Action.NOMINATE_INTERESTED, value, style="primary"))
    )
    return text, blocks
