"""Nobody is chased, or chased about, while on leave: a reminder to someone away (or an
escalation about them) waits, a working day at a time, until they are back.

Checked when a chase is about to be sent, so it holds whenever the reminder was planned; a
working day at a time, so leave ended early lets it out the next working morning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.kernel.outbox import Message
from domain.kernel.people import DEFAULT_TZ
from domain.kernel.reminders import ReminderPolicy, next_working_time
from domain.leave.leave import Leave, away_until
from handlers.kernel.people import zone_of
from handlers.kernel.ports import UnitOfWork

# Payload keys naming the person an escalation is about (a manager told of a late requirement,
# a coordinator of someone not cascading, a lead of a nominee not confirming).
ABOUT = ("person", "nominee")


def concerned(message: Message) -> set[str]:
    """Who a chase is to, and who it is about."""
    about = {message.payload.get(key) for key in ABOUT}
    return {message.recipient} | {p for p in about if isinstance(p, str) and p}


@dataclass(frozen=True)
class LeaveHold:
    """The leave of the people some chases concern, read once for a batch."""

    leave: dict[str, list[Leave]]
    zones: dict[str, str]
    policy: ReminderPolicy

    @classmethod
    def read(
        cls, uow: UnitOfWork, chases: list[Message], now: datetime, policy: ReminderPolicy
    ) -> LeaveHold:
        people = {p for m in chases for p in concerned(m)}
        since = now.date() - timedelta(days=2)  # whatever anyone's time zone, before today
        leave = uow.leave.not_ended(people, since) if people else {}
        held = {m.recipient for m in chases if concerned(m) & set(leave)}
        zones = {p: zone_of(p, uow) for p in {*leave, *held}}  # mostly none: nobody is away
        return cls(leave, zones, policy)

    def until(self, message: Message, now: datetime) -> datetime | None:
        """When to try again (the next working morning where the recipient is), if someone
        the chase concerns is away today; None when it may go."""
        if not any(self._away(person, now) for person in concerned(message) & set(self.leave)):
            return None
        zone = ZoneInfo(self.zones.get(message.recipient, DEFAULT_TZ))
        tomorrow = now.astimezone(zone).date() + timedelta(days=1)
        midnight = datetime.combine(tomorrow, datetime.min.time(), tzinfo=zone)
        return next_working_time(midnight, str(zone), self.policy).astimezone(now.tzinfo)

    def _away(self, person: str, now: datetime) -> bool:
        today: date = now.astimezone(ZoneInfo(self.zones[person])).date()
        return away_until(self.leave[person], today) is not None
