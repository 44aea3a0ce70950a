"""The nominee's invitation, the eligibility modal, and what they see after it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    cohort_summary,
    confirm_dialog,
    context,
    header,
    input_block,
    modal,
    option,
    plain,
    section,
    session_lines,
)
from bot.kernel.ids import NOTICE, element
from bot.nominations.ids import EITHER, Action, Block, View
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import Nomination


def offer_blocks(programme: Programme, now: datetime | None = None) -> Blocks:
    """The offer in brief: what, when (with ``now``, only the cohorts still to come), format,
    criteria."""
    upcoming = set(programme.upcoming_cohorts(now)) if now else None
    shown = [c for c in programme.cohorts if upcoming is None or c.key in upcoming]
    dates = "\n".join(f"*{c.name}*: " + "; ".join(session_lines(c)) for c in shown)
    criteria = "\n".join(f"• {c.text}" for c in programme.criteria)
    blocks = [section(programme.description)] if programme.description else []
    return [
        *blocks,
        section(f"*Format:* {programme.delivery}\n{dates}"),
        section(f"*Eligibility criteria*\n{criteria}"),
    ]


def invitation(
    nomination: Nomination, programme: Programme, ics: Ics, now: datetime | None = None
) -> tuple[str, Blocks]:
    summary = (
        f"<@{nomination.nominated_by}> has nominated you for {programme.name} "
        f"({programme.provider}) on behalf of {ics.name}."
    )
    blocks = [
        header(programme.name),
        section(f":wave: {summary}"),
        *offer_blocks(programme, now),
        section("Please confirm you meet the criteria and choose your preferred cohort."),
        *contact_blocks(programme),
        actions(
            button(
                "Confirm eligibility", Action.OPEN_ELIGIBILITY, str(nomination.id), style="primary"
            ),
            withdraw_button(nomination, "Not for me"),
        ),
    ]
    return summary, blocks


def withdraw_button(nomination: Nomination, label: str = "Withdraw") -> dict[str, Any]:
    return button(
        label,
        Action.WITHDRAW,
        str(nomination.id),
        confirm=confirm_dialog(
            "Withdraw nomination?",
            "This gives the place back to your ICS. It cannot be undone.",
            "Withdraw",
        ),
    )


def eligibility_modal(
    nomination: Nomination, programme: Programme, upcoming: tuple[str, ...]
) -> dict[str, Any]:
    """One checkbox per criterion and confirmation (their full text), then cohort choices."""
    cohorts = [c for c in programme.cohorts if c.key in upcoming]
    blocks: Blocks = [
        section(
            f"*{programme.name}*\nPlease tick each statement that is true "
            "for you. All of them are needed to take part."
        )
    ]
    for criterion in programme.criteria:
        blocks.append(
            _tick(Block.CRITERION_PREFIX + criterion.key, criterion.text, "I meet this criterion")
        )
    for confirmation in programme.confirmations:
        blocks.append(
            _tick(Block.CONFIRMATION_PREFIX + confirmation.key, confirmation.text, "I confirm")
        )
    blocks.append(
        input_block(
            Block.FIRST_CHOICE,
            "Preferred cohort",
            {
                "type": "radio_buttons",
                "action_id": element(Block.FIRST_CHOICE),
                "options": [option(cohort_summary(c), c.key) for c in cohorts][:10],
            },
        )
    )
    second = [option(f"Second choice — {cohort_summary(c)}", c.key) for c in cohorts]
    second.append(option("Either cohort is fine", EITHER))
    blocks.append(
        input_block(
            Block.SECOND_CHOICE,
            "Second choice (optional)",
            {
                "type": "static_select",
                "action_id": element(Block.SECOND_CHOICE),
                "placeholder": plain("No second choice"),
                "options": second[:100],
            },
            optional=True,
        )
    )
    blocks.append(
        context("Not eligible, or not able to attend? You can decline the nomination instead.")
    )
    blocks.append(
        actions(
            button(
                "I can't take part",
                Action.NOMINEE_DECLINES,
                str(nomination.id),
                confirm=confirm_dialog(
                    "Decline the nomination?",
                    "Your ICS lead will be told, and the nomination frees up.",
                    "Decline",
                ),
            )
        )
    )
    return modal(
        View.ELIGIBILITY,
        "Confirm eligibility",
        blocks,
        submit="Confirm",
        metadata=json.dumps({"nomination": nomination.id, "programme": programme.key}),
    )


def _tick(block_id: str, label: str, answer: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": plain(label, 2000),
        "element": {
            "type": "checkboxes",
            "action_id": element(block_id),
            "options": [option(answer, "yes")],
        },
    }


def eligibility_done_view(programme: Programme) -> dict[str, Any]:
    return modal(
        NOTICE,
        "Thank you",
        [
            section(
                ":white_check_mark: Thank you: we have your eligibility and cohort preference. "
                "If they cannot be recorded after all (say the nomination was withdrawn a "
                "moment ago), Cascade will message you why."
            ),
            section(
                f"*What happens next:* the {programme.provider} reviews nominations and will "
                "confirm your place and cohort dates here in Slack. You can check your status "
                "at any time on the Cascade Home tab."
            ),
            *contact_blocks(programme),
        ],
        close="Done",
    )


def contact_blocks(programme: Programme) -> Blocks:
    """Who to ask about the offer (the programme's contact, as configured)."""
    if not programme.contact:
        return []
    return [context(f"Questions about {programme.name}? Contact {programme.contact}.")]


def not_reached_message(nomination: Nomination, error: str) -> str:
    """To the lead, when Slack will not deliver the invitation (the person left, say)."""
    return (
        f"I could not send <@{nomination.nominee_id}> their invitation to confirm eligibility "
        f"(Slack said: {error}). Their nomination is still held. Please let them know to open "
        "Cascade's Home tab, or withdraw the nomination from yours."
    )
