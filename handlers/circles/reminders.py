"""The reminder before a circle: everyone with a place hears of it the working day before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from domain.circles.reasons import CircleReason
from domain.kernel.outbox import Message
from domain.kernel.people import DEFAULT_TZ, is_erased
from domain.kernel.reminders import ReminderPolicy, last_working_start
from handlers.circles.ports import UnitOfWork


def circle_reminders(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]] | None = None,  # the planner's; not needed here
) -> Iterator[Message]:
    """Due at the start of the working day before the circle, where the person is (a place
    taken later than that is reminded at once); gone once the place is given back."""
    upcoming = list(uow.circles.upcoming(now))
    taken = uow.circles.signups([c.id or 0 for c in upcoming]) if upcoming else {}
    for circle in upcoming:
        for person in taken.get(circle.id or 0, []):
            if is_erased(person):
                continue
            zone = zones.get(person, DEFAULT_TZ)
            due = last_working_start(circle.starts_at - timedelta(days=1), zone, policy)
            if due <= now:
                payload = {"circle": circle.id}
                yield Message(
                    person, CircleReason.CIRCLE_SOON, f"circle:{circle.id}", "1d", due, payload
                )
