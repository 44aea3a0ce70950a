"""The App Home tab: each feature's part of it, for a person's roles."""

from __future__ import annotations

from typing import Any

from bot.kernel.blocks import Blocks, context, divider, escape, header, packed, section
from bot.nominations.blocks.home import coordinator_blocks, lead_blocks, mine_blocks
from bot.supervision.facilitators import facilitators_blocks
from bot.supervision.record import my_home_blocks
from domain.kernel.audit import Look
from handlers.nominations.queries import Overview
from handlers.supervision.entries import Record
from handlers.supervision.facilitators import FacilitatorsPage


def home_view(
    overview: Overview,
    record: Record | None = None,
    facilitators: FacilitatorsPage | None = None,
    undelivered: dict[str, int] | None = None,
    accreditation: Blocks | None = None,
) -> dict[str, Any]:
    blocks: Blocks = undelivered_blocks(undelivered or {})
    for panel in overview.coordinating:
        blocks += coordinator_blocks(panel)
    blocks += facilitators_blocks(facilitators) if facilitators else []
    for lead in overview.leading:
        blocks += lead_blocks(lead)
    for mine in overview.mine:
        blocks += mine_blocks(mine)
    if record is not None and (record.standing or record.entries):
        blocks += my_home_blocks(record)
    blocks += accreditation or []
    if not blocks:
        blocks = [
            header("Cascade"),
            section(
                "Nothing for you here yet. When you are nominated for a programme, or if you lead "
                "an ICS, your nominations will appear here. Type `/nominate help` to learn more."
            ),
        ]
    return {"type": "home", "blocks": blocks[:100]}


def undelivered_blocks(failures: dict[str, int]) -> Blocks:
    """For coordinators: messages Slack would not deliver, so someone can follow them up."""
    if not failures:
        return []
    total = sum(failures.values())
    why = ", ".join(f"{error} ({count})" for error, count in sorted(failures.items()))
    return [
        section(
            f":warning: *{total} message{'s' if total != 1 else ''} could not be delivered* "
            f"in the last two weeks: {why}. The people concerned may have left Slack or "
            "blocked Cascade; please contact them another way."
        )
    ]


def looks_blocks(looks: list[Look]) -> Blocks:
    """Who has been shown your record, and where (newest first); nothing if nobody has."""
    if not looks:
        return []
    lines = [f"<@{look.viewer}> · {escape(look.what)} · {look.at:%-d %b %Y}" for look in looks]
    return [
        divider(),
        header("Who has looked at your record"),
        *packed(lines),
        context("Noted whenever someone else is shown your record; nobody can change this list."),
    ]
