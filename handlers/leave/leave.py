"""Leave use cases: record it, end it early or cancel it, and see your own.

Only the person sees or changes their leave; the reason never leaves it (not in the audit log,
not to coordinators, who see only "on leave until …").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.leave.leave import Leave, LeaveEnded, LeaveRecorded, check_leave, ended_early
from handlers.kernel.announce import announce
from handlers.kernel.people import today_for
from handlers.kernel.ports import UnitOfWork
from handlers.leave.commands import EndLeave, RecordLeave


@dataclass(frozen=True)
class MyLeave:
    today: date
    leave: list[Leave]  # not ended before today, earliest first


def record_leave(cmd: RecordLeave, uow: UnitOfWork, now: datetime) -> Leave:
    """Check and save leave (a repeated form submission returns the first)."""
    person = cmd.actor.user_id
    with uow:
        uow.leave.lock_person(person)  # two forms at once never book overlapping leave
        if cmd.client_token and (earlier := uow.leave.by_token(person, cmd.client_token)):
            return earlier
        leave = Leave(
            person=person,
            start=cmd.start,
            end=cmd.end,
            created_at=now,
            reason=cmd.reason.strip(),
            client_token=cmd.client_token,
        )
        check_leave(leave, uow.leave.list(person), today_for(person, uow, now))
        leave = uow.leave.add(leave)
        uow.audit.note(person, f"leave:{leave.id}", "recorded leave", now, _dates(leave))
        announce(uow, now, LeaveRecorded(leave))
        uow.commit()
        return leave


def end_leave(cmd: EndLeave, uow: UnitOfWork, now: datetime) -> LeaveEnded:
    """Back today: your leave now ends yesterday (cancelled, if it had not begun)."""
    person = cmd.actor.user_id
    with uow:
        uow.leave.lock_person(person)
        leave = uow.leave.get(cmd.leave_id)
        if leave.person != person:
            raise NotAllowed("You can only change your own leave.")
        shorter = ended_early(leave, today_for(person, uow, now))
        if shorter is None:
            uow.leave.remove(cmd.leave_id)
        else:
            uow.leave.shorten(cmd.leave_id, shorter.end)
        outcome = LeaveEnded(shorter or leave, cancelled=shorter is None)
        action = "cancelled leave" if outcome.cancelled else "ended leave early"
        uow.audit.note(person, f"leave:{leave.id}", action, now, _dates(outcome.leave))
        announce(uow, now, outcome)
        uow.commit()
        return outcome


def my_leave(actor: Actor, uow: UnitOfWork, now: datetime) -> MyLeave:
    """Your leave now and to come."""
    with uow:
        today = today_for(actor.user_id, uow, now)
        theirs = uow.leave.not_ended([actor.user_id], today).get(actor.user_id, [])
        return MyLeave(today, theirs)


def _dates(leave: Leave) -> str:
    return f"{leave.start.isoformat()} to {leave.end.isoformat()}"  # never the reason


def leave_form_context(actor: Actor, uow: UnitOfWork, now: datetime) -> tuple[date, bool]:
    """What the form needs: today where the person is, and whether leave moves due dates."""
    with uow:
        return today_for(actor.user_id, uow, now), uow.catalogue.get().reminders.leave_extends_due
