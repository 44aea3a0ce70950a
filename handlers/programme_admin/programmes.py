"""Coordinators run programmes from App Home: settings, a new intake by copying, ICSs and
their leads. Every change is audited (who, when, before and after) and refused, with the
reasons, when it would break live data, by the same rules as the programme file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from domain.kernel.dates import ahead_refusal
from domain.kernel.errors import DomainError, NotAllowed
from domain.kernel.people import Actor
from domain.kernel.programme import Ics, Programme, Session
from domain.kernel.roles import require_coordinator
from domain.programme_admin import events as e
from handlers.kernel.announce import announce
from handlers.kernel.changes import audit, refuse_breaking, unique_key, valid
from handlers.kernel.people import is_coordinator
from handlers.kernel.reactions import PlacesAdded, react
from handlers.programme_admin.commands import CopyProgramme, EditProgramme, SaveIcs
from handlers.programme_admin.configuration import live_conflicts
from handlers.programme_admin.ports import UnitOfWork


def coordinated(actor: Actor, programme_key: str, uow: UnitOfWork) -> Programme:
    """Before showing a coordinator's form: the programme, for its coordinators only."""
    with uow:
        programme = uow.programmes.get(programme_key)
        require_coordinator(actor, programme)
        return programme


def ics_form(actor: Actor, uow: UnitOfWork) -> list[Ics]:
    """Before the ICS form: every ICS, for anyone who coordinates a programme."""
    with uow:
        _require_any_coordinator(actor, uow)
        return list(uow.ics.list())


def edit_programme(cmd: EditProgramme, uow: UnitOfWork, now: datetime) -> Programme:
    """Change a programme's settings; places added go to the waitlist as offers."""
    with uow:
        old = uow.programmes.lock(cmd.programme_key)
        require_coordinator(cmd.actor, old)
        kept = tuple(p for p in old.coordinators if "@" in p)  # named by e-mail in the file
        new = valid(
            Programme,
            {
                **old.model_dump(),
                **cmd.model_dump(
                    exclude={"actor", "programme_key", "nominations_open", "nominations_close"}
                ),
                "coordinators": (*cmd.coordinators, *kept),
                "nominations_open": opening(cmd.nominations_open, now),
                "nominations_close": closing(cmd.nominations_close, now),
            },
        )
        refuse_breaking(live_conflicts(uow, old, new))
        uow.programmes.save(new)
        audit(uow, cmd.actor, f"programme:{new.key}", "edited settings", old, new, now)
        offers = react(uow, now, PlacesAdded(new))
        changed = e.ProgrammeChanged(cmd.actor.user_id, (*old.coordinators, *new.coordinators))
        announce(uow, now, *offers, changed)
        uow.commit()
        return new


def copy_programme(cmd: CopyProgramme, uow: UnitOfWork, now: datetime) -> Programme:
    """Open a new programme (an intake) with ``source_key``'s settings, criteria and
    confirmations, its own name and closing date, and a first cohort."""
    with uow:
        source = uow.programmes.get(cmd.source_key)
        require_coordinator(cmd.actor, source)
        ensure_future(cmd.cohort.sessions, source, now)
        taken = {p.key for p in uow.programmes.list()}
        coordinators = tuple(dict.fromkeys((*source.coordinators, cmd.actor.user_id)))
        new = valid(
            Programme,
            {
                **source.model_dump(),
                "key": unique_key(cmd.name, taken),
                "name": cmd.name,
                "open": True,
                "coordinators": coordinators,
                "nominations_open": opening(cmd.nominations_open, now),
                "nominations_close": closing(cmd.nominations_close, now),
                "cohorts": [{"key": "cohort-1", **cmd.cohort.model_dump()}],
            },
        )
        uow.programmes.save(new)
        action = f"opened programme (copied from {source.key})"
        audit(uow, cmd.actor, f"programme:{new.key}", action, None, new, now)
        announce(uow, now, e.ProgrammeChanged(cmd.actor.user_id, new.coordinators))
        uow.commit()
        return new


def save_ics(cmd: SaveIcs, uow: UnitOfWork, now: datetime) -> Ics:
    """Add an ICS or change its name and leads (coordinators of any programme)."""
    with uow:
        _require_any_coordinator(cmd.actor, uow)
        if cmd.ics_key is None:
            old, key = None, unique_key(cmd.name, {i.key for i in uow.ics.list()})
        else:
            old = uow.ics.lock(cmd.ics_key)
            key = old.key
        kept = tuple(p for p in (old.leads if old else ()) if "@" in p)
        new = valid(Ics, {"key": key, "name": cmd.name, "leads": (*cmd.leads, *kept)})
        uow.ics.save(new)
        audit(
            uow,
            cmd.actor,
            f"ics:{key}",
            "added ICS" if old is None else "edited ICS",
            old,
            new,
            now,
        )
        people = (*(old.leads if old else ()), *new.leads)
        announce(uow, now, e.ProgrammeChanged(cmd.actor.user_id, people))
        uow.commit()
        return new


def ensure_future(sessions: Iterable[Session], programme: Programme, now: datetime) -> None:
    """New sessions are still to come, and not years ahead."""
    for session in sessions:
        if programme.local_to_utc(session.start) <= now:
            raise DomainError(
                f"The session on {session.start:%-d %b %Y at %H:%M} has already started: "
                "choose a date to come.",
                field="sessions",
            )
        if too_far := ahead_refusal(session.start.date(), now.date()):
            raise DomainError(too_far, field="sessions")


def opening(day: date | None, now: datetime) -> datetime | None:
    """Nominations open at the start of the chosen day (local time)."""
    if day is None:
        return None
    if too_far := ahead_refusal(day, now.date()):
        raise DomainError(too_far, field="nominations_open")
    return datetime.combine(day, time(0, 0))


def closing(day: date | None, now: datetime) -> datetime | None:
    """Nominations close at the end of the chosen day (local time)."""
    if day is None:
        return None
    if day < now.date():
        raise DomainError("Nominations cannot close on a day already gone.", field="close")
    if too_far := ahead_refusal(day, now.date()):
        raise DomainError(too_far, field="close")
    return datetime.combine(day, time(23, 59))


def _require_any_coordinator(actor: Actor, uow: UnitOfWork) -> None:
    if not is_coordinator(actor, uow):
        raise NotAllowed("Only coordinators can change ICSs and their leads.")
