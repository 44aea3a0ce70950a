"""Everyone's accreditation progress and the mentoring pairs, as CSV or Excel."""

from __future__ import annotations

from bot.kernel.export import Names, name_of, table_csv, workbook
from handlers.accreditation.views import Everyone

ROLE_COLUMNS = ["person", "slack_id", "role", "status", "status_since"]
PAIR_COLUMNS = ["mentor", "mentee", "paired_at", "paired_by", "last_session", "override_reason"]


def progress_rows(everyone: Everyone, names: Names) -> list[list[object]]:
    """A row per person and pathway: each step's date, place and signer, then where it stands."""
    steps = max((len(p.pathway.steps) for _, p, _ in everyone.progress), default=0)
    header: list[object] = ["person", "slack_id", "pathway"]
    for n in range(1, steps + 1):
        header += [f"step_{n}", f"step_{n}_date", f"step_{n}_place", f"step_{n}_signed_by"]
    header += ["next_step", "asked_on", "accredited_on", "confirmed_by", "certificate"]
    header += ["certificate_issued_on", "status"]
    rows: list[list[object]] = [header]
    for person, progress, accreditation in everyone.progress:
        row: list[object] = [name_of(person, names), person, progress.pathway.name]
        for step in progress.pathway.steps:
            done = progress.of(step.key)
            row += [step.name, *(_signed(done, names) if done else ["", "", ""])]
        row += [""] * (4 * (steps - len(progress.pathway.steps)))
        row += [
            progress.next.name if progress.next else "",
            progress.asked.asked_at.date().isoformat() if progress.asked else "",
        ]
        if accreditation is None:
            row += ["", "", "", "", ""]
        else:
            row += [
                accreditation.accredited_on.isoformat(),
                name_of(accreditation.confirmed_by, names),
                accreditation.reference,
                accreditation.issued_on.isoformat(),
                accreditation.status.value,
            ]
        rows.append(row)
    return rows


def _signed(done, names: Names) -> list[object]:
    return [done.occurred_on.isoformat(), done.place, name_of(done.signed_by, names)]


def pair_rows(everyone: Everyone, names: Names) -> list[list[object]]:
    rows: list[list[object]] = [[*PAIR_COLUMNS]]
    for known in everyone.pairs:
        p = known.pair
        rows.append(
            [
                name_of(p.mentor, names),
                name_of(p.mentee, names),
                p.paired_at.date().isoformat(),
                name_of(p.paired_by, names),
                known.last_session.isoformat() if known.last_session else "",
                p.override_reason,
            ]
        )
    return rows


def role_rows(everyone: Everyone, names: Names) -> list[list[object]]:
    """A row per person and role held without a pathway: its status, and since when."""
    rows: list[list[object]] = [[*ROLE_COLUMNS]]
    for r in everyone.roles_by_attention:
        role = everyone.role_names.get(r.role, r.role)
        rows.append([name_of(r.person, names), r.person, role, r.status.value, r.since.isoformat()])
    return rows


def accreditation_csv(everyone: Everyone, names: Names) -> str:
    """Progress, then (after a blank line) the mentoring pairs, then the roles held without a
    pathway and their status."""
    pairs, roles = pair_rows(everyone, names), role_rows(everyone, names)
    return table_csv([*progress_rows(everyone, names), [], *pairs, [], *roles])


def accreditation_xlsx(everyone: Everyone, names: Names) -> bytes:
    return workbook(
        {
            "Pathways": progress_rows(everyone, names),
            "Mentoring pairs": pair_rows(everyone, names),
            "Roles": role_rows(everyone, names),
        }
    )
