"""The coordinators' register of nominations, as CSV or Excel: one row per nomination."""

from __future__ import annotations

from bot.follow_up.export import FOLLOW_UP, follow_up_cells
from bot.kernel.blocks import cohort_name, session_lines
from bot.kernel.export import Names, iso, name_of, safe, table_csv, workbook
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
                name_of(n.nominee_id, names),
                (nominee.email if nominee else None) or "",
                n.nominee_id,
                ics.name,
                n.organisation,
                name_of(n.sponsor, names) if n.sponsor else "",
                n.status.label,
                cohort.name if cohort else "",
                "; ".join(session_lines(cohort)) if cohort else "",
                cohort_name(programme, pref.first) if pref else "",
                cohort_name(programme, pref.second) if pref and pref.second else "",
                "yes" if pref and pref.either else "",
                name_of(n.nominated_by, names),
                iso(n.created_at),
                iso(n.eligibility_confirmed_at),
                name_of(n.decided_by, names) if n.decided_by else "",
                iso(n.decided_at),
                n.reason,
                n.note,
                *[_yes_no(marks.get(i)) for i in range(1, parts + 1)],
                ("started" if answer[0] else "not yet") if answer else "",
                iso(answer[2]) if answer else "",
                answer[1] if answer else "",
                _standing(register.standing.get(n.nominee_id)),
                *follow_up_cells(register.follow_up.get(n.id or 0), names),
            ]
        )
    return [[safe(value) for value in row] for row in table]


def nominations_csv(register: Register, names: Names) -> str:
    return table_csv(nomination_rows(register, names))


def nominations_xlsx(register: Register, names: Names) -> bytes:
    """The same rows as an Excel workbook (text that looks like a formula is kept as text)."""
    return workbook({"Nominations": nomination_rows(register, names)})


def _yes_no(attended: bool | None) -> str:
    return "" if attended is None else "yes" if attended else "no"


def _standing(standing: list[RequirementStatus] | None) -> str:
    """'2 of 3 met; overdue: Good-practice review group'."""
    if not standing:
        return ""
    overdue = [s.requirement.name for s in standing if not s.met]
    met = f"{len(standing) - len(overdue)} of {len(standing)} met"
    return met + (f"; overdue: {', '.join(overdue)}" if overdue else "")
