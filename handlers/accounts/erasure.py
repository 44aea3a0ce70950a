"""Erasure: a person's personal data removed on request (the coordinator, from Home, or the
command line), keeping anonymised counts for programme reports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from domain.kernel.errors import NotAllowed
from domain.kernel.people import ERASED, Actor
from handlers.accounts.commands import AskErasure, ErasePerson, PreviewErasure
from handlers.kernel.people import is_coordinator
from handlers.supervision.ports import UnitOfWork  # (it holds every repository erasure reaches)


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing ``person`` removes and what stays, anonymised, for programme reports."""

    person: str
    entries: int  # supervision and delivery entries: notes go, dates and counts stay
    nominations: int  # their nominations: stay anonymised (places and counts)
    leave: int  # stretches of leave: removed


def preview_erasure(cmd: PreviewErasure, uow: UnitOfWork) -> ErasurePreview:
    """For a coordinator only; never themselves (another coordinator must)."""
    with uow:
        _require_coordinator(cmd.actor, uow)
        if cmd.person == cmd.actor.user_id:
            raise NotAllowed("You cannot erase your own data: ask another coordinator.")
        person = cmd.person
        return ErasurePreview(
            person,
            entries=len(uow.entries.list(person)),
            nominations=len(uow.nominations.list(nominee_id=person)),
            leave=len(uow.leave.list(person)),
        )


def erase(cmd: ErasePerson, uow: UnitOfWork, now: datetime) -> str:
    """Erase, as confirmed; the audit log names the coordinator who did. Returns the alias."""
    preview_erasure(PreviewErasure(actor=cmd.actor, person=cmd.person), uow)
    return erase_person(cmd.person, uow, now, by=cmd.actor.user_id)


def ensure_coordinator(cmd: AskErasure, uow: UnitOfWork) -> None:
    with uow:
        _require_coordinator(cmd.actor, uow)


def _require_coordinator(actor: Actor, uow: UnitOfWork) -> None:
    if not is_coordinator(actor, uow):
        raise NotAllowed("Only a coordinator can erase someone's personal data.")


def erase_person(user_id: str, uow: UnitOfWork, now: datetime, by: str = "cli") -> str:
    """Remove a person's personal data, keeping anonymised counts; returns the alias used.
    ``by``: who asked (a coordinator's id, or the command line)."""
    alias = ERASED + hashlib.sha256(user_id.encode()).hexdigest()[:10]
    with uow:
        theirs = [n.id for n in uow.nominations.list(nominee_id=user_id) if n.id is not None]
        entries = uow.entries.anonymise(user_id, alias)
        nominations = uow.nominations.anonymise(user_id, alias)
        accreditation = uow.accreditations.anonymise(user_id, alias)
        reviews = uow.peer_reviews.anonymise(user_id, alias)
        pairs = uow.pairs.anonymise(user_id, alias)
        uow.group_sessions.anonymise(user_id, alias)
        uow.debriefs.anonymise(user_id, alias)
        _drop_channel_requests(user_id, uow)  # their creation messages go below
        uow.cohort_channels.anonymise(user_id, alias)
        uow.circle_deliveries.anonymise(user_id, alias)
        uow.circles.anonymise(user_id, alias)
        uow.leave.erase(user_id)  # dates and private reasons: nothing to keep
        uow.cascade_answers.clear_reasons(theirs)
        uow.follow_up_calls.anonymise(user_id, alias)
        uow.outbox.forget(user_id, alias)
        uow.people.delete(user_id)
        uow.audit.anonymise(user_id, alias, [f"nomination:{i}" for i in theirs])
        uow.audit.note(
            by,
            f"person:{alias}",
            "erased personal data",
            now,
            f"{entries} supervision entries, {nominations} nominations, {accreditation} "
            f"accreditation records, {reviews} peer reviews, {pairs} mentoring pairs anonymised",
        )
        uow.commit()
    return alias


def _drop_channel_requests(user_id: str, uow: UnitOfWork) -> None:
    """A cohort channel they asked for and Slack has not created yet is dropped with the
    message that would create it, so another coordinator can ask again."""
    for programme in uow.programmes.list():
        for channel in uow.cohort_channels.list(programme.key):
            if channel.asked_by == user_id and channel.channel_id is None:
                uow.cohort_channels.forget(channel.programme_key, channel.cohort_key)
