"""Following attendees up: the answer forms, what the academy is told, and the coordinators'
follow-up list on Home. Plain data in, Block Kit out."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.follow_up.ids import Action, Block, View
from bot.kernel.blocks import (
    Blocks,
    button,
    clip,
    cohort_name,
    context,
    escape,
    input_block,
    modal,
    section,
)
from bot.kernel.ids import Field
from domain.follow_up.follow_through import WORDS_MAX, Answer
from domain.kernel.programme import Programme
from handlers.follow_up.follow_up_list import AnswerFacts, FollowUp

ROWS_ON_HOME = 10  # each row is one block; the Home tab holds 100 in all
THANKS = "Wonderful, thank you! I have let the academy know."
QUESTIONS = {
    Block.MATERIALS: "How are the materials being received?",
    Block.SUPPORT: "What support do you need?",
}
SHOWN = 150  # characters of each answer on a Home row (the CSV export has them all)


def _typed(block: str, label: str, limit: int = WORDS_MAX) -> dict[str, Any]:
    element = {"type": "plain_text_input", "multiline": True, "max_length": limit}
    return input_block(block, label, element, optional=True)


def not_yet_form(nomination_id: int) -> dict[str, Any]:
    """ "Not yet": what is in the way, how the materials are received, support needed."""
    blocks = [
        section(
            "No problem: I will ask again in a couple of weeks. Whatever you say here goes to "
            "the academy, so they can help. Everything is optional."
        ),
        _typed(Field.REASON, "What is in the way?", 1000),
        *(_typed(block, label) for block, label in QUESTIONS.items()),
    ]
    metadata = json.dumps({"nomination": nomination_id})
    return modal(View.CASCADE_NOT_YET, "Not yet", blocks, submit="Send", metadata=metadata)


def thanks_form(answer_id: int) -> dict[str, Any]:
    """After "Yes": the thanks, and the strategy's two questions (optional)."""
    blocks = [
        section(f"{THANKS} If you have a moment, tell them how it is going (optional)."),
        *(_typed(block, label) for block, label in QUESTIONS.items()),
    ]
    metadata = json.dumps({"answer": answer_id})
    return modal(
        View.CASCADE_WORDS, "Thank you", blocks, submit="Send", close="Skip", metadata=metadata
    )


def words_lines(answer: Answer) -> list[str]:
    """The person's own words, escaped, one line each."""
    said = [
        ("What is in the way", answer.reason),
        ("How the materials are being received", answer.materials),
        ("Support they need", answer.support),
    ]
    return [f"*{label}:* {escape(text)}" for label, text in said if text]


def answer_told_message(facts: AnswerFacts, words_only: bool) -> tuple[str, Blocks]:
    """To the academy: who answered what about cascading, in their own words."""
    a, n, p = facts.answer, facts.nomination, facts.programme
    cohort = p.cohort(n.cohort_key or "")
    who = f"<@{n.nominee_id}> ({p.name}, {cohort.name}, trained {cohort.last_end:%a %-d %b})"
    if words_only:
        text = f"{who} added how it is going:"
    elif a.started:
        text = f"{who} has started cascading."
    else:
        text = f"{who} has not started cascading yet."
    blocks = [section(text)]
    if lines := words_lines(a):
        blocks.append(section("\n".join(lines)))
    blocks.append(context("Their follow-up call is on Cascade's Home tab: *Called* ticks it off."))
    return text, blocks


def follow_up_list_blocks(programme: Programme, rows: list[FollowUp]) -> Blocks:
    """Coordinators' Home: each attendee since the training, calls due first."""
    if not rows:
        return []
    due = sum(r.call_due for r in rows)
    cascading = sum(r.cascading for r in rows)
    blocks = [
        section(
            f"*Follow-up after training* · {due} call{'s' if due != 1 else ''} due · "
            f"{cascading} of {len(rows)} cascading"
        )
    ]
    for row in rows[:ROWS_ON_HOME]:
        called = button("Called", Action.FOLLOW_UP_CALLED, str(row.nomination.id), style="primary")
        line = _row(programme, row)
        blocks.append(section(line, accessory=called) if row.call_due else section(line))
    if len(rows) > ROWS_ON_HOME:
        blocks.append(
            context(
                f"{len(rows) - ROWS_ON_HOME} more: *Export nominations (CSV)* lists everyone, "
                "with their answers and calls."
            )
        )
    return blocks


def _row(p: Programme, row: FollowUp) -> str:
    n, a = row.nomination, row.answer
    lines = [f"<@{n.nominee_id}>: {_state(row)}"]
    lines.append(
        f"{cohort_name(p, n.cohort_key)} · trained {row.trained:%-d %b} · "
        f"asked {row.asks}×" + (" · " + _call(row) if row.round else "")
    )
    for label, said in (("Materials", a.materials), ("Support", a.support)) if a else ():
        if said:
            lines.append(f"_{label}:_ {escape(clip(said, SHOWN))}")
    return "\n".join(lines)


def _state(row: FollowUp) -> str:
    a = row.answer
    if a is not None and a.started:
        return f"✅ started (said {a.answered_at:%-d %b})"
    if row.delivered_on is not None:
        return f"✅ delivered on {row.delivered_on:%-d %b}"
    if a is None:
        return "no answer yet"
    why = f": {escape(clip(a.reason, SHOWN))}" if a.reason else ""
    return f"⏳ not yet (said {a.answered_at:%-d %b}){why}"


def _call(row: FollowUp) -> str:
    last = row.last_call
    if row.call_due:
        return "📞 *call due*"
    return f"📞 called by <@{last.called_by}> on {_day(last.called_at)}" if last else ""


def _day(moment: datetime) -> str:
    return f"{moment:%-d %b}"
