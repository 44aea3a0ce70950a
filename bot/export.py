"""The coordinators' register of nominations (CSV or Excel) and a facilitator's own entries."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from bot.follow_up.export import FOLLOW_UP, follow_up_cells
from bot.kernel.blocks import cohort_name, session_lines
from domain.kernel.people import SYSTEM, Person
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from domain.supervision.requirements import RequirementStatus
from handlers.follow_up.register import Register

COLUMNS = [
    "id",
    "nominee",
    "nominee_email",
    "nominee_slack_id",
    "ics",
    "organisation",
    "sponsor",
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
AFTER = ["cascading", "cascading_answered_at", "cascading_comment", "requirements"]

Names = Mapping[str, Person]  # Slack user id -> what Slack says of them


def nomination_rows(register: Register, names: Names) -> list[list[object]]:
    """One register row per nomination: people by name and address, not by Slack id; then
    attendance per session, the latest answer about cascading, requirement standing."""
    programme = register.programme
    parts = max((len(c.sessions) for c in programme.cohorts), default=0)
    sessions = [f"session_{i}_attended" for i in range(1, parts + 1)]
    table: list[list[object]] = [[*COLUMNS, *sessions, *AFTER, *FOLLOW_UP]]
    for n, ics in register.rows:
        pref = n.preference
        cohort = programme.cohort(n.cohort_key) if n.cohort_key else None
        nominee = names.get(n.nominee_id)
        marks = register.attendance.get(n.id or 0, {})
        answer = register.answers.get(n.id or 0)
        table.append(
            [
                n.id,
                _name(n.nominee_id, names),
                (nominee.email if nominee else None) or "",
                n.nominee_id,
                ics.name,
                n.organisation,
                _name(n.sponsor, names) if n.sponsor else "",
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
                *[_yes_no(marks.get(i)) for i in range(1, parts + 1)],
                ("started" if answer[0] else "not yet") if answer else "",
                _iso(answer[2]) if answer else "",
                answer[1] if answer else "",
                _standing(register.standing.get(n.nominee_id)),
                *follow_up_cells(register.follow_up.get(n.id or 0), names),
            ]
        )
    return [[_safe(value) for value in row] for row in table]


def nominations_csv(register: Register, names: Names) -> str:
    return table_csv(nomination_rows(register, names))


def nominations_xlsx(register: Register, names: Names) -> bytes:
    """The same rows as an Excel workbook (text that looks like a formula is kept as text)."""
    return workbook({"Nominations": nomination_rows(register, names)})


def table_csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([[_safe(value) for value in row] for row in rows])
    return out.getvalue()


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """An Excel workbook, a sheet per table (text that looks like a formula is kept as text)."""
    from openpyxl import Workbook  # loaded for an export, not at every start

    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title)
        for row in rows:
            sheet.append([_safe(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def name_of(user_id: str, names: Names) -> str:
    """The person's name as Slack gives it (their id if Slack did not say)."""
    return _name(user_id, names)


def _yes_no(attended: bool | None) -> str:
    return "" if attended is None else "yes" if attended else "no"


def _standing(standing: list[RequirementStatus] | None) -> str:
    """'2 of 3 met; overdue: Good-practice review group'."""
    if not standing:
        return ""
    overdue = [s.requirement.name for s in standing if not s.met]
    met = f"{len(standing) - len(overdue)} of {len(standing)} met"
    return met + (f"; overdue: {', '.join(overdue)}" if overdue else "")


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
