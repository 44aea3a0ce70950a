"""Group sessions: schedule one and invite people, answer an invitation, cancel, and record
who attended (which credits each attendee's requirements)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.group_sessions import events as e
from domain.group_sessions.sessions import (
    INVITEES_MAX,
    Answer,
    GroupSession,
    InvalidSession,
    SessionKind,
    attendance_entry,
    check_session,
    session_times,
)
from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor, is_erased
from domain.programme_admin.catalogue import Catalogue
from handlers.group_sessions.commands import (
    AnswerGroupSession,
    CancelGroupSession,
    RecordGroupAttendance,
    ScheduleGroupSession,
)
from handlers.group_sessions.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.people import is_coordinator, zone_of
from handlers.kernel.reactions import CreditChanged, react
from handlers.kernel.roles import roles_by_person, roles_of


@dataclass(frozen=True)
class Attendance:
    """What recording attendance did: who is credited now, who was added and removed."""

    session: GroupSession
    present: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]


def kinds_for(actor: Actor, uow: UnitOfWork, catalogue: Catalogue) -> list[SessionKind]:
    """The kinds of session this person may schedule: all for coordinators, else those of
    their roles."""
    if is_coordinator(actor, uow):
        return list(catalogue.session_kinds)
    held = set(roles_of(actor, uow, catalogue))
    return [k for k in catalogue.session_kinds if held & set(k.organised_by)]


def schedule_session(
    cmd: ScheduleGroupSession, uow: UnitOfWork, now: datetime
) -> tuple[GroupSession, int]:
    """Check and save the session, invite everyone (a repeated form submission returns the
    first); the session and how many were invited."""
    with uow:
        catalogue = uow.catalogue.get()
        kind = catalogue.session_kind(cmd.kind)
        if kind not in kinds_for(cmd.actor, uow, catalogue):
            organisers = _organisers(kind, catalogue)
            raise NotAllowed(f"Only {organisers} can schedule this kind.", field="kind")
        organiser = cmd.actor.user_id
        if cmd.client_token and (
            earlier := uow.group_sessions.by_token(organiser, cmd.client_token)
        ):
            known = earlier.id or 0
            return earlier, len(uow.group_sessions.invitees([known]).get(known, []))
        if cmd.ics_key:
            uow.ics.get(cmd.ics_key)  # NotFound names the field
        tz = zone_of(organiser, uow)
        starts_at, ends_at = session_times(cmd.day, cmd.start, cmd.end, tz, now.date())
        session = GroupSession(
            kind=kind.key,
            log_type=kind.log_type,
            title=cmd.title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=tz,
            place=cmd.place.strip(),
            agenda=cmd.agenda.strip(),
            organiser=organiser,
            created_at=now,
            ics_key=cmd.ics_key or None,
        )
        people = _invitees(cmd, uow, catalogue)
        check_session(session, kind, len(people), now)
        stored = uow.group_sessions.add(session, cmd.client_token)
        uow.group_sessions.invite(stored.id or 0, people, now)
        subject = f"group-session:{stored.id}"
        uow.audit.note(organiser, subject, "scheduled", now, f"{len(people)} invited")
        announce(uow, now, e.GroupSessionScheduled(stored, tuple(people)))
        uow.commit()
        return stored, len(people)


def answer_invitation(cmd: AnswerGroupSession, uow: UnitOfWork, now: datetime) -> GroupSession:
    """Going or not: recorded (and kept in the audit log); the organiser's Home shows it."""
    with uow:
        session = uow.group_sessions.get(cmd.session_id)
        person = cmd.actor.user_id
        invited = {
            i.person: i
            for i in uow.group_sessions.invitees([cmd.session_id]).get(cmd.session_id, [])
        }
        if person not in invited:
            raise NotAllowed(f"You are not invited to “{session.title}”; ask its organiser.")
        session.ensure_open_for_answers(now)
        answer = Answer.GOING if cmd.going else Answer.NOT_GOING
        if invited[person].answer is answer:
            return session  # the same answer again (a double click): nothing changes
        uow.group_sessions.answer(cmd.session_id, person, answer, now)
        uow.audit.note(person, f"group-session:{session.id}", f"answered {answer.value}", now)
        announce(uow, now, e.GroupSessionAnswered(session, person, answer))
        uow.commit()
        return session


def cancel_session(cmd: CancelGroupSession, uow: UnitOfWork, now: datetime) -> GroupSession:
    """The organiser or a coordinator cancels it before it starts: everyone invited is told."""
    with uow:
        session = uow.group_sessions.lock(cmd.session_id)
        session.ensure_manageable_by(cmd.actor.user_id, is_coordinator(cmd.actor, uow))
        session.ensure_cancellable(now)
        uow.group_sessions.cancel(cmd.session_id, cmd.actor.user_id, now)
        session.cancelled_at, session.cancelled_by = now, cmd.actor.user_id
        invited = uow.group_sessions.invitees([cmd.session_id]).get(cmd.session_id, [])
        uow.audit.note(cmd.actor.user_id, f"group-session:{session.id}", "cancelled", now)
        people = tuple(i.person for i in invited)
        announce(uow, now, e.GroupSessionCancelled(session, people, cmd.actor.user_id))
        uow.commit()
        return session


def record_attendance(cmd: RecordGroupAttendance, uow: UnitOfWork, now: datetime) -> Attendance:
    """Who came, as the organiser (or a coordinator) says: each attendee gets the session's
    entry once, however often this is recorded; someone taken off loses it."""
    with uow:
        session = uow.group_sessions.lock(cmd.session_id)  # one recording at a time
        session.ensure_manageable_by(cmd.actor.user_id, is_coordinator(cmd.actor, uow))
        session.ensure_attendance_open(now)
        sid = session.id or 0
        invited = {i.person for i in uow.group_sessions.invitees([sid]).get(sid, [])}
        if strangers := sorted(cmd.attended - invited):
            raise InvalidSession(
                f"<@{strangers[0]}> was not invited: add them under “Others who came”.",
                field="attended",
            )
        present = set(cmd.attended) | set(cmd.others)
        if len(invited | present) > INVITEES_MAX:
            raise InvalidSession(f"At most {INVITEES_MAX} people in all.", field="others")
        uow.group_sessions.invite(sid, sorted(present - invited), now)
        credited = uow.group_sessions.attendance([sid]).get(sid, {})
        log_type = uow.catalogue.get().log_type(session.log_type)
        added = sorted(present - set(credited))
        removed = sorted(p for p in set(credited) - present if not is_erased(p))
        for person in added:
            uow.entries.add(attendance_entry(session, log_type, person, len(present), now))
        for person in removed:
            uow.entries.delete(credited[person])
        detail = f"{len(present)} attended; added {len(added)}, removed {len(removed)}"
        uow.audit.note(
            cmd.actor.user_id, f"group-session:{sid}", "recorded attendance", now, detail
        )
        changed = [x for p in [*added, *removed] for x in react(uow, now, CreditChanged(p))]
        outcome = e.GroupAttendanceRecorded(
            session, tuple(added), tuple(removed), cmd.actor.user_id
        )
        announce(uow, now, outcome, *changed)
        uow.commit()
        return Attendance(session, tuple(sorted(present)), tuple(added), tuple(removed))


def _invitees(cmd: ScheduleGroupSession, uow: UnitOfWork, catalogue: Catalogue) -> list[str]:
    """The people chosen, and everyone holding the roles chosen (as of now)."""
    known = {r.key for r in catalogue.roles}
    if unknown := sorted(set(cmd.roles) - known):
        raise InvalidSession(f"There is no role {unknown[0]!r} (any more).", field="roles")
    people = set(cmd.invitees)
    if cmd.roles:
        holders = roles_by_person(uow, catalogue)
        people |= {p for p, held in holders.items() if set(held) & set(cmd.roles)}
    return sorted(p for p in people if not is_erased(p))


def _organisers(kind: SessionKind, catalogue: Catalogue) -> str:
    names = ["coordinators", *(f"{catalogue.role_name(r)}s" for r in kind.organised_by)]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
