"""The coordinators' register of nominations (CSV or Excel) and a facilitator's own entries."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from openpyxl import Workbook

from bot.blocks.common import cohort_name, session_lines
from domain.catalogue import Catalogue
from domain.nomination import Nomination
from domain.people import SYSTEM, Person
from domain.programme import Ics, Programme
from domain.supervision import Entry

COLUMNS = [
    "id",
    "nominee",
    "nominee_email",
    "nominee_slack_id",
    "ics",
    "status",
    "cohort",
    "cohort_dates",
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

Names = Mapping[str, Person]  # Slack user id -> what Slack says of them


def nomination_rows(
    programme: Programme, rows: list[tuple[Nomination, Ics]], names: Names
) -> list[list[object]]:
    """One register row per nomination: people by name and address, not by Slack id."""
    table: list[list[object]] = [COLUMNS]
    for n, ics in rows:
        pref = n.preference
        cohort = programme.cohort(n.cohort_key) if n.cohort_key else None
        nominee = names.get(n.nominee_id)
        table.append(
            [
                n.id,
                _name(n.nominee_id, names),
                (nominee.email if nominee else None) or "",
                n.nominee_id,
                ics.name,
                n.status.label,
                cohort.name if cohort else "",
                "; ".join(session_lines(cohort)) if cohort else "",
                cohort_name(programme, pref.first) if pref else "",
                cohort_name(programme, pref.second) if pref and pref.second else "",
                "yes" if pref and pref.either else "",
                _name(n.nominated_by, names),
                _iso(n.created_at),
                _iso(n.eligibility_confirmed_at),
                _name(n.decided_by, names) if n.decided_by else "",
                _iso(n.decided_at),
                n.reason,
                n.note,
            ]
        )
    return [[_safe(value) for value in row] for row in table]


def nominations_csv(programme: Programme, rows: list[tuple[Nomination, Ics]], names: Names) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(nomination_rows(programme, rows, names))
    return out.getvalue()


def nominations_xlsx(
    programme: Programme, rows: list[tuple[Nomination, Ics]], names: Names
) -> bytes:
    """The same rows as an Excel workbook (text that looks like a formula is kept as text)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="Nominations")
    for row in nomination_rows(programme, rows, names):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _name(user_id: str, names: Names) -> str:
    person = names.get(user_id)
    if user_id == SYSTEM.user_id:
        return "Cascade"
    return person.name if person and person.name else user_id


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
