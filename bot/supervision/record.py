"""What a facilitator's record looks like: entries, standing, lists and Home sections."""

from __future__ import annotations

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    confirm_dialog,
    context,
    divider,
    escape,
    header,
    section,
)
from bot.kernel.ids import variant
from bot.networks import ids as networks_ids
from bot.supervision.ids import Action
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry, Kind
from domain.supervision.requirements import RequirementStatus, Standing
from handlers.supervision.entries import Record

ICON = {Standing.MET: "✅", Standing.DUE_SOON: "🟡", Standing.OVERDUE: "🔴"}


def entry_line(entry: Entry, catalogue: Catalogue, *, private: bool) -> str:
    """One entry in words; ``private`` adds the notes (only ever shown to the author)."""
    who = (
        f" with <@{entry.with_user}>"
        if entry.with_user
        else (f" with {escape(entry.with_name)}" if entry.with_name else "")
    )
    if entry.group_session_id is not None:  # the organiser recorded it
        who = f" · group session “{escape(entry.with_name)}”"
    size = (
        f", {entry.duration_minutes} min"
        if entry.duration_minutes
        else f", {entry.participants} participants"
        if entry.participants
        else ""
    )
    line = f"*{entry.occurred_on:%a %-d %b %Y}* · {catalogue.name_of(entry.log_type)}{who}{size}"
    if entry.action:
        due = f" (by {entry.action_due:%-d %b})" if entry.action_due else ""
        line += f"\nAction: {escape(entry.action)}{due}"
    if private and entry.notes:
        line += f"\n_Notes:_ {escape(clip(entry.notes, 500))}"
    return line


def standing_lines(standing: list[RequirementStatus]) -> str:
    if not standing:
        return "No requirements apply to you yet."
    return "\n".join(
        f"{ICON[s.standing]} {s.requirement.name}: {s.progress + ', ' if s.progress else ''}"
        f"{s.standing.value}, next due {s.due:%a %-d %b %Y}"
        for s in standing
    )


def logged_blocks(entry: Entry, record: Record) -> Blocks:
    return [
        section(":white_check_mark: Logged: " + entry_line(entry, record.catalogue, private=False)),
        section("*Where you stand*\n" + standing_lines(record.standing)),
        context("Your notes are private to you. `/log-supervision list` shows your entries."),
    ]


def list_blocks(record: Record, editable: set[int]) -> Blocks:
    if not record.entries:
        return [section("You have not logged anything yet. Type `/log-supervision` to start.")]
    blocks: Blocks = [section("*Your recent entries* (only you can see this)")]
    for entry in record.entries[:10]:
        blocks.append(section(entry_line(entry, record.catalogue, private=True)))
        if entry.id in editable:
            blocks.append(
                actions(
                    button("Edit", Action.ENTRY_EDIT, str(entry.id)),
                    button(
                        "Delete",
                        Action.ENTRY_DELETE,
                        str(entry.id),
                        confirm=confirm_dialog(
                            "Delete this entry?", "It will be gone for good.", "Delete"
                        ),
                    ),
                )
            )
    return blocks


def my_home_blocks(record: Record) -> Blocks:
    counts = record.counts()
    by_type = "\n".join(f"• {record.catalogue.name_of(k)}: {n}" for k, n in counts.items())
    return [
        header("My supervision & requirements"),
        section("*Requirements*\n" + standing_lines(record.standing)),
        section("*Logged in the last 12 months*\n" + (by_type or "Nothing yet.")),
        actions(
            button(
                "Log supervision",
                variant(Action.LOG_OPEN, Kind.SUPERVISION),
                Kind.SUPERVISION.value,
                style="primary",
            ),
            button("Log a delivery", variant(Action.LOG_OPEN, Kind.DELIVERY), Kind.DELIVERY.value),
            button("Ask for a debrief", networks_ids.Action.DEBRIEF_OPEN),
        ),
        divider(),
    ]
