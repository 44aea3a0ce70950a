"""What group sessions look like to each person (forms, Home, messages), and the reminder
the day before to those going."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.group_sessions.reasons import GroupSessionReason
from domain.group_sessions.sessions import Answer, GroupSession, Invitee, SessionKind
from domain.kernel.errors import NotAllowed
from domain.kernel.outbox import Message
from domain.kernel.people import DEFAULT_TZ, Actor, is_erased
from domain.kernel.programme import Ics
from domain.kernel.reminders import ReminderPolicy, last_working_start
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.requirements import Role
from handlers.group_sessions.ports import UnitOfWork
from handlers.group_sessions.sessions import kinds_for
from handlers.kernel.people import is_coordinator, today_for

SHOWN_AFTER = timedelta(days=30)  # a session stays on Home this long after it ends


@dataclass(frozen=True)
class SessionNow:
    """A session, who is invited (and their answers), and who is credited with attending."""

    session: GroupSession
    invitees: list[Invitee]
    attended: frozenset[str]
    kind_name: str
    log_type_name: str
    ics_name: str = ""

    def answered(self, answer: Answer | None) -> list[str]:
        return [i.person for i in self.invitees if i.answer is answer]

    def answer_of(self, person: str) -> Answer | None:
        return next((i.answer for i in self.invitees if i.person == person), None)

    def invites(self, person: str) -> bool:
        return any(i.person == person for i in self.invitees)


@dataclass(frozen=True)
class ScheduleForm:
    kinds: list[SessionKind]
    roles: tuple[Role, ...]
    ics: list[Ics]
    today: date


@dataclass(frozen=True)
class GroupHome:
    person: str
    may_schedule: bool
    managing: list[SessionNow] = field(default_factory=list)
    invited: list[SessionNow] = field(default_factory=list)


def schedule_form(actor: Actor, uow: UnitOfWork, now: datetime) -> ScheduleForm:
    """What the scheduling form offers; refused to those who may not schedule any kind."""
    with uow:
        catalogue = uow.catalogue.get()
        kinds = kinds_for(actor, uow, catalogue)
        if not kinds:
            raise NotAllowed(
                "Only coordinators and lead trainers can schedule group sessions."
                if catalogue.session_kinds
                else "There are no kinds of group session to schedule yet: the programme file "
                "has no `[[session_kinds]]`. Please ask your coordinator to add them."
            )
        today = today_for(actor.user_id, uow, now)
        return ScheduleForm(kinds, catalogue.roles, list(uow.ics.list()), today)


def attendance_form(actor: Actor, session_id: int, uow: UnitOfWork, now: datetime) -> SessionNow:
    """The session and its invitees, for the organiser (or a coordinator) once it started."""
    with uow:
        session = uow.group_sessions.get(session_id)
        session.ensure_manageable_by(actor.user_id, is_coordinator(actor, uow))
        session.ensure_attendance_open(now)
        return _shown([session], uow, uow.catalogue.get())[0]


def shown(session_id: int, uow: UnitOfWork) -> SessionNow:
    """One session as it is now (for the messages about it)."""
    with uow:
        return _shown([uow.group_sessions.get(session_id)], uow, uow.catalogue.get())[0]


def group_home(actor: Actor, uow: UnitOfWork, now: datetime) -> GroupHome:
    """Sessions this person runs (every session, for coordinators) and sessions they are
    invited to that have not started."""
    with uow:
        catalogue = uow.catalogue.get()
        coordinating = is_coordinator(actor, uow)
        may_schedule = bool(kinds_for(actor, uow, catalogue))
        since = now - SHOWN_AFTER
        mine = uow.group_sessions.list(
            organiser=None if coordinating else actor.user_id, ending_after=since
        )
        invited = [
            s
            for s in uow.group_sessions.invited_to(actor.user_id, now)
            if s.cancelled_at is None and s.starts_at > now
        ]
        managing = [s for s in mine if s.cancelled_at is None or s.starts_at > now]
        return GroupHome(
            actor.user_id,
            may_schedule,
            _shown(managing, uow, catalogue),
            _shown(invited, uow, catalogue),
        )


def group_session_reminders(
    uow: UnitOfWork,
    policy: ReminderPolicy,
    now: datetime,
    zones: dict[str, str],
    reminded: dict[tuple[str, str], set[str]] | None = None,  # the planner's; not needed here
) -> Iterator[Message]:
    """Those going hear of it the working day before (sent in their working hours)."""
    upcoming = [s for s in uow.group_sessions.list(ending_after=now) if s.cancelled_at is None]
    upcoming = [s for s in upcoming if s.starts_at > now]
    invited = uow.group_sessions.invitees([s.id or 0 for s in upcoming]) if upcoming else {}
    for session in upcoming:
        for invitee in invited.get(session.id or 0, []):
            if invitee.answer is not Answer.GOING or is_erased(invitee.person):
                continue
            zone = zones.get(invitee.person, DEFAULT_TZ)
            due = last_working_start(session.starts_at - timedelta(days=1), zone, policy)
            if due <= now:
                subject = f"group-session:{session.id}"
                payload = {"session": session.id}
                yield Message(
                    invitee.person, GroupSessionReason.GROUP_SOON, subject, "1d", due, payload
                )


def _shown(sessions: list[GroupSession], uow: UnitOfWork, catalogue: Catalogue) -> list[SessionNow]:
    ids = [s.id or 0 for s in sessions]
    invited = uow.group_sessions.invitees(ids) if ids else {}
    attended = uow.group_sessions.attendance(ids) if ids else {}
    kinds = {k.key: k.name for k in catalogue.session_kinds}
    ics = {i.key: i.name for i in uow.ics.list()} if any(s.ics_key for s in sessions) else {}
    return [
        SessionNow(
            s,
            invited.get(s.id or 0, []),
            frozenset(attended.get(s.id or 0, {})),
            kinds.get(s.kind, s.kind),
            catalogue.name_of(s.log_type),
            ics.get(s.ics_key or "", ""),
        )
        for s in sessions
    ]
