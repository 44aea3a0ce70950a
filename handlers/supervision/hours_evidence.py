"""The planner's evidence for hours-based requirements: per person, the day whose session
completed the hours (counting back from the newest), read for everyone at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.programme_admin.catalogue import Catalogue
from domain.supervision.hours import completed_on
from domain.supervision.requirements import Requirement
from handlers.supervision.ports import UnitOfWork


def hours_completed(
    uow: UnitOfWork, requirements: Iterable[Requirement], catalogue: Catalogue
) -> dict[str, dict[str, date]]:
    """Requirement -> person -> the day the hours were completed (people short of them are
    left out), including sessions others logged that count for both (mentoring)."""
    found: dict[str, dict[str, date]] = {}
    for requirement in requirements:
        if not requirement.hours:
            continue
        days = uow.entries.minutes_by_day(requirement.log_types)
        mirrored = [
            t.key for t in catalogue.log_types if t.credits_other_as in requirement.log_types
        ]
        if mirrored:
            for person, theirs in uow.entries.minutes_by_day(mirrored, credited=True).items():
                mine = days.setdefault(person, {})
                for day, minutes in theirs.items():
                    mine[day] = mine.get(day, 0) + minutes
        needed = requirement.hours * 60
        found[requirement.key] = {
            person: done
            for person, by_day in days.items()
            if (done := completed_on(sorted(by_day.items(), reverse=True), needed))
        }
    return found
