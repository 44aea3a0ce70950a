"""A facilitator's own entries, notes included, as CSV: only ever sent to that person."""

from __future__ import annotations

import csv
import io

from bot.kernel.export import iso, safe
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry

ENTRY_COLUMNS = [
    "id",
    "date",
    "type",
    "kind",
    "with_user",
    "with_name",
    "duration_minutes",
    "participants",
    "notes",
    "action",
    "action_due",
    "logged_at",
]


def entries_csv(entries: list[Entry], catalogue: Catalogue) -> str:
    """A person's own entries, notes included: only ever sent to that person."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ENTRY_COLUMNS)
    for e in entries:
        writer.writerow(
            safe(v)
            for v in [
                e.id,
                e.occurred_on.isoformat(),
                catalogue.name_of(e.log_type),
                e.kind.value,
                e.with_user or "",
                e.with_name,
                e.duration_minutes or "",
                e.participants or "",
                e.notes,
                e.action,
                e.action_due.isoformat() if e.action_due else "",
                iso(e.created_at),
            ]
        )
    return out.getvalue()
