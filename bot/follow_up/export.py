"""The follow-up columns of the coordinators' register: the Home list, in full."""

from __future__ import annotations

from collections.abc import Mapping

from domain.kernel.people import Person
from handlers.follow_up.follow_up_list import FollowUp

FOLLOW_UP = [
    "materials_received",
    "support_needed",
    "delivered_since_training",
    "cascading_asks",
    "follow_up_call",
    "last_called_by",
    "last_called_at",
]


def follow_up_cells(row: FollowUp | None, names: Mapping[str, Person]) -> list[object]:
    """An attendee's follow-up: their words, deliveries, asks and calls (blank for others)."""
    if row is None:
        return [""] * len(FOLLOW_UP)
    said, last = row.answer, row.last_call
    called_by = names.get(last.called_by) if last else None
    return [
        said.materials if said else "",
        said.support if said else "",
        row.delivered_on.isoformat() if row.delivered_on else "",
        row.asks,
        "due" if row.call_due else "done" if last else "",
        (called_by.name if called_by and called_by.name else last.called_by) if last else "",
        last.called_at.isoformat(timespec="seconds") if last else "",
    ]
