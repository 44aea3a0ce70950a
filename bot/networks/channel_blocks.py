"""Cohort channels: the coordinator's form, the ask to join, what each side is told.
Plain data in, Block Kit out."""

from __future__ import annotations

import json
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
    option,
    section,
    text_input,
)
from bot.kernel.ids import NOTICE
from bot.networks.ids import Action, Block, View
from domain.kernel.programme import Programme
from domain.networks.cohort_channel import NAME_MAX, CohortChannel, suggested_name
from handlers.networks.cohort_channels import CohortChannels, MyChannel

PRIVATE = "private"
_ERRORS = {
    "name_taken": "a channel with that name exists already",
    "restricted_action": "this workspace only lets some people create channels",
    "missing_scope": "Cascade was installed without the permission to create channels",
    "invalid_name_specials": "the name has characters Slack does not allow",
}


def join_value(channel: CohortChannel) -> str:
    return f"{channel.programme_key}/{channel.cohort_key}"


def channels_modal(overview: CohortChannels) -> dict[str, Any]:
    """Each cohort's channel and who joined; the form asks for one more, while any cohort
    has none."""
    p = overview.programme
    lines = [
        _line(overview, cohort.key, cohort.name) for cohort in p.cohorts if not cohort.cancelled
    ]
    blocks: Blocks = [section("\n".join(lines) or "No cohorts yet.")]
    without = overview.without
    if not without:
        return modal(NOTICE, "Cohort channels", blocks, close="Close")
    choices = [option(c.name, c.key) for c in without]
    first = next((k for k in without if overview.participants.get(k.key)), without[0])
    blocks += [
        header("Create a channel"),
        input_block(
            Block.CHANNEL_COHORT,
            "For which cohort?",
            {
                "type": "static_select",
                "options": choices,
                "initial_option": choices[without.index(first)],
            },
        ),
        text_input(Block.CHANNEL_NAME, "Channel name (optional)", "", NAME_MAX, True),
        context(
            f"Left empty, the programme's and the cohort's keys: #{suggested_name(p, first)} "
            f"for {escape(first.name)}. Lower-case letters, numbers, hyphens and underscores."
        ),
        input_block(
            Block.CHANNEL_PRIVATE,
            "Who can see it",
            {
                "type": "checkboxes",
                "options": [option("Private: only the participants who join", PRIVATE)],
                "initial_options": [option("Private: only the participants who join", PRIVATE)],
            },
            optional=True,
        ),
        context(
            "Each participant (confirmed or attended) is asked in a DM whether to join; "
            "only those who say yes are added."
        ),
    ]
    metadata = json.dumps({"programme": p.key})
    return modal(View.COHORT_CHANNEL, "Cohort channels", blocks, submit="Create", metadata=metadata)


def _line(overview: CohortChannels, key: str, name: str) -> str:
    channel = overview.channels.get(key)
    who = overview.participants.get(key, 0)
    if channel is None:
        return f"*{escape(name)}*: no channel yet ({who} participant(s))"
    if channel.channel_id is None:
        return f"*{escape(name)}*: #{channel.name} is being created"
    joined = overview.joined.get(key, 0)
    return f"*{escape(name)}*: <#{channel.channel_id}> · {joined} of {who} joined"


def asked_notice(channel: CohortChannel) -> str:
    return (
        f"Creating #{channel.name}. You'll hear in your DM when it is ready and the "
        "participants have been asked whether to join."
    )


def join_ask(channel: CohortChannel, programme: Programme) -> tuple[str, Blocks]:
    cohort = programme.cohort(channel.cohort_key)
    text = (
        f"{escape(cohort.name)} of {escape(programme.name)} has its own Slack channel, "
        f"#{channel.name}, so you can keep supporting each other after the training. "
        "Would you like to join?"
    )
    return text, [section(text), *join_blocks(channel)]


def join_blocks(channel: CohortChannel) -> Blocks:
    return [
        actions(button(f"Join #{channel.name}", Action.CHANNEL_JOIN, join_value(channel))),
        context(
            f"#{channel.name} is where the cohort keeps supporting each other. Only if you "
            "want to: you can also join later from Cascade's Home."
        ),
    ]


def ready_message(channel: CohortChannel, programme: Programme, asked: int) -> str:
    cohort = programme.cohort(channel.cohort_key)
    return (
        f"<#{channel.channel_id}> is ready for {escape(cohort.name)}. I asked its {asked} "
        "participant(s) whether they would like to join; those who say yes are added."
    )


def not_created_message(name: str, error: str) -> str:
    why = _ERRORS.get(error, f"Slack said {error}")
    return (
        f"I could not create #{name}: {why}. Please choose another name (or ask your Slack "
        "admin), then try again from *Cohort channels* on your Home."
    )


def joined_notice(channel: CohortChannel) -> str:
    return f"Thank you: I'm adding you to #{channel.name} now. Look for it in your channels."


def my_channel_blocks(mine: list[MyChannel]) -> Blocks:
    """Home: the channels of the cohorts someone is in; Join for those they have not joined."""
    blocks: Blocks = []
    for item in mine:
        c = item.channel
        if item.joined:
            blocks.append(context(f"Your cohort's channel: <#{c.channel_id}>"))
        else:
            blocks.append(
                section(
                    f"Your cohort ({escape(item.cohort_name)}) has a channel, #{c.name}.",
                    accessory=button("Join", Action.CHANNEL_JOIN, join_value(c)),
                )
            )
    return blocks
