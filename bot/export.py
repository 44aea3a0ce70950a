"""The coordinator's CSV export of nominations."""

from __future__ import annotations

import csv
import io

from bot.blocks.common import cohort_name
from domain.catalogue import Catalogue
from domain.nomination import Nomination
from domain.programme import Ics, Programme
from domain.supervision import Entry

COLUMNS = [
    "id",
    "nominee",
    "ics",
    "status",
    "cohort",
    "first_choice",
    "second_choice",
    "either_cohort",
    "nominated_by",
    "nominated_at",
    "eligibility_confirmed_at",
    "decided_by",
    "decided_at",
    "reason",
    "lead_note",
]


def nominations_csv(programme: Programme, rows: list[tuple[Nomination, Ics]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n, ics in rows:
        pref = n.preference
        writer.writerow(
            _safe(v)
            for v in [
                n.id,
                n.nominee_id,
                ics.name,
                n.status.label,
                cohort_name(programme, n.cohort_key) if n.cohort_key else "",
                cohort_name(programme, pref.first) if pref else "",
                cohort_name(programme, pref.second) if pref and pref.second else "",
                "yes" if pref and pref.either else "",
                n.nominated_by,
                _iso(n.created_at),
                _iso(n.eligibility_confirmed_at),
                n.decided_by or "",
                _iso(n.decided_at),
                n.reason,
                n.note,
            ]
        )
    return out.getvalue()


def _safe(value: object) -> object:
    """Keep spreadsheet programs from running text typed by users as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _iso(moment) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


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
            _safe(v)
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
                _iso(e.created_at),
            ]
        )
    return out.getvalue()
