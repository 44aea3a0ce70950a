"""Leave in Slack: the form, what the person sees of their leave (Home, `/leave list`), and the
help. The reason is shown to the person alone."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    confirm_dialog,
    context,
    divider,
    escape,
    header,
    input_block,
    modal,
    section,
    text_input,
)
from bot.leave.ids import Action, Block, View
from domain.leave.leave import Leave, LeaveEnded
from handlers.leave.leave import MyLeave

REASON_LIMIT = 300

HELP = """*Cascade: leave*
• `/leave` — record leave (a form: first and last day, and a reason only you can see)
• `/leave list` — your leave now and to come, with *I'm back* and *Cancel*
• `/leave help` — this help
While you are on leave Cascade sends you no reminders, and nobody (your line manager, the \
coordinators) is told you are late; they resume when you are back. Coordinators see only that \
you are on leave, and until when. Your *Home* tab shows your leave too."""


def leave_modal(today: date, extends_due: bool) -> dict[str, Any]:
    moves = " Your requirements' due dates move by the days you are away." if extends_due else ""
    blocks: Blocks = [
        context(
            "While you are away Cascade will not remind you of anything, nor tell anyone you are "
            f"late.{moves} Coordinators see only that you are on leave, and until when."
        ),
        input_block(
            Block.LEAVE_FROM,
            "First day of leave",
            {"type": "datepicker", "initial_date": today.isoformat()},
        ),
        input_block(Block.LEAVE_TO, "Last day of leave", {"type": "datepicker"}),
        text_input(
            Block.LEAVE_REASON,
            "Reason (optional, private: only you will ever see it)",
            "",
            REASON_LIMIT,
            True,
        ),
    ]
    return modal(View.LEAVE, "Record leave", blocks, submit="Save")


def span(leave: Leave) -> str:
    return f"{leave.start:%a %-d %b %Y} to {leave.end:%a %-d %b %Y}"


def recorded_notice(leave: Leave) -> str:
    return (
        f":palm_tree: Leave recorded: {span(leave)} ({leave.days} day"
        f"{'s' if leave.days != 1 else ''}). Cascade will not chase you, or anyone about you, "
        "while you are away. `/leave list` or your Home tab shows it, with *I'm back*."
    )


def ended_notice(outcome: LeaveEnded) -> str:
    if outcome.cancelled:
        return f"Leave cancelled ({span(outcome.leave)} was not yet begun)."
    return f"Welcome back: your leave now ended on {outcome.leave.end:%a %-d %b %Y}."


def leave_lines(mine: MyLeave) -> Blocks:
    """Each stretch of leave not yet over, with its button; the reason for the person alone."""
    blocks: Blocks = []
    for leave in mine.leave[:5]:
        now = leave.start <= mine.today
        words = f"On leave until {leave.end:%a %-d %b %Y}" if now else f"Booked: {span(leave)}"
        why = f" · _{escape(leave.reason)}_" if leave.reason else ""
        label = "I'm back" if now else "Cancel"
        sure = confirm_dialog(
            "End your leave?" if now else "Cancel this leave?",
            "Reminders resume from the next working day." if now else "It will be removed.",
            label,
        )
        blocks.append(section(f":palm_tree: {words}{why}"))
        blocks.append(actions(button(label, Action.LEAVE_END, str(leave.id), confirm=sure)))
    return blocks


def list_blocks(mine: MyLeave) -> Blocks:
    if not mine.leave:
        return [section("You have no leave recorded from today on. Type `/leave` to add some.")]
    return [section("*Your leave* (only you can see this)"), *leave_lines(mine)]


def leave_home_blocks(mine: MyLeave) -> Blocks:
    """The person's leave on their Home tab, with "Record leave"."""
    return [
        header("My leave"),
        *leave_lines(mine),
        actions(button("Record leave", Action.LEAVE_OPEN)),
        context("While you are on leave nobody chases you. Only you see the reason."),
        divider(),
    ]
