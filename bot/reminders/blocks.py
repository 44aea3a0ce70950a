"""What the next reminder run would send, in a modal for coordinators: paged lines."""

from __future__ import annotations

import json
from typing import Any

from bot.kernel.blocks import actions, button, context, escape, modal, packed, section
from bot.kernel.ids import variant
from bot.reminders.ids import Action, View

PER_PAGE = 25


def waiting_view() -> dict[str, Any]:
    return modal(
        View.REMINDER_PREVIEW,
        "Preview reminders",
        [section("Working out what the next reminder run would send…")],
        close="Close",
    )


def preview_view(programme_key: str, shown: list[str], summary: str, page: int, pages: int) -> dict:
    """``shown``: this page's lines of what would be sent (names put in); ``summary``: the
    dry run's count."""
    blocks = [
        context(
            f"{escape(summary)} Nothing is sent by this preview. Page {page} of {pages}; the "
            "reminders themselves go out at the next run."
        ),
        *packed([f"• {escape(line)}" for line in shown]),
    ]
    buttons = []
    if page > 1:
        buttons.append(button("Previous", variant(Action.PREVIEW_PAGE, "previous"), str(page - 1)))
    if page < pages:
        buttons.append(button("Next", variant(Action.PREVIEW_PAGE, "next"), str(page + 1)))
    if buttons:
        blocks.append(actions(*buttons, block_id="preview_pages"))
    metadata = json.dumps({"programme": programme_key, "page": page})
    return modal(
        View.REMINDER_PREVIEW, "Preview reminders", blocks, close="Close", metadata=metadata
    )
