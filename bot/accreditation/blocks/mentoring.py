"""Mentoring pairs: the coordinator's pairing form, the pair's messages and Home lines."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.accreditation.blocks.pathways import long_day
from bot.accreditation.ids import Action, Block, View
from bot.kernel.blocks import (
    Blocks,
    button,
    confirm_dialog,
    context,
    escape,
    input_block,
    modal,
    section,
)
from bot.kernel.ids import Field
from domain.accreditation.mentoring import Pair
from handlers.accreditation.mentoring import PairNow


def pair_modal() -> dict[str, Any]:
    blocks: Blocks = [
        input_block(Block.MENTOR, "Mentor", {"type": "users_select"}),
        input_block(Block.MENTEE, "Mentee", {"type": "users_select"}),
        input_block(
            Block.LINE_MANAGER,
            "The mentee's line manager (if you know it)",
            {"type": "users_select"},
            optional=True,
        ),
        input_block(
            Field.REASON,
            "Reason to pair them although the mentor is the line manager",
            {"type": "plain_text_input", "multiline": True, "max_length": 500},
            optional=True,
        ),
        context(
            "A mentor should avoid being the mentee's line manager: Cascade refuses such a "
            "pair (known from the mentee's 1:1 supervision logs, or set above) unless you give "
            "a reason, which is recorded."
        ),
    ]
    return modal(View.PAIR, "Pair a mentor", blocks, submit="Pair them")


def paired_message(pair: Pair, for_mentor: bool, nudge_days: int) -> str:
    other = pair.mentee if for_mentor else pair.mentor
    role = "mentee" if for_mentor else "mentor"
    return (
        f"You are paired for mentoring: <@{other}> is your {role}. Log each session with "
        "`/log-supervision` (Mentoring session): it counts for you both. If you have not met "
        f"for {nudge_days} days, Cascade will remind you."
    )


def nudge_message(pair: Pair, recipient: str, since: date) -> str:
    other = pair.mentee if recipient == pair.mentor else pair.mentor
    return (
        f"You and <@{other}> have not logged a mentoring session since {long_day(since)}. "
        "When you next meet, log it with `/log-supervision`."
    )


def pair_lines(pairs: list[PairNow]) -> Blocks:
    """One line per pair, with when they last met, and End (for either of them or a
    coordinator)."""
    blocks: Blocks = []
    for known in pairs[:20]:
        p = known.pair
        met = long_day(known.last_session) if known.last_session else "no session yet"
        note = f" · override: {escape(p.override_reason)}" if p.override_reason else ""
        line = section(f"<@{p.mentor}> mentors <@{p.mentee}> · last met: {met}{note}")
        line["accessory"] = button(
            "End",
            Action.PAIR_END,
            str(p.id),
            confirm=confirm_dialog("End this pair?", "They will no longer be paired.", "End"),
        )
        blocks.append(line)
    return blocks
