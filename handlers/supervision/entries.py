"""Supervision use cases: log, edit, delete, list, the person's standing, export and erasure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.kernel.events import Event
from domain.kernel.people import ERASED, Actor
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry, check_entry, keep_relevant
from domain.supervision.events import EntryLogged
from domain.supervision.requirements import RequirementStatus
from handlers.kernel.announce import announce
from handlers.kernel.people import today_for
from handlers.supervision.accreditation_status import restand
from handlers.supervision.commands import DeleteEntry, LogEntry
from handlers.supervision.credits import credited_to
from handlers.supervision.ports import UnitOfWork
from handlers.supervision.standing import standing_now

YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Record:
    """A person's own record: entries, counts by type, and each requirement's standing."""

    entries: list[Entry]
    standing: list[RequirementStatus]
    catalogue: Catalogue
    today: date

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            if entry.occurred_on > self.today - YEAR:
                counts[entry.log_type] = counts.get(entry.log_type, 0) + 1
        return counts


def log_entry(cmd: LogEntry, uow: UnitOfWork, now: datetime) -> tuple[Entry, Record]:
    """Check and save an entry (a repeated form submission returns the first one)."""
    with uow:
        catalogue = uow.catalogue.get()
        log_type = catalogue.log_type(cmd.log_type)
        today = today_for(cmd.actor.user_id, uow, now)
        if cmd.client_token and cmd.entry_id is None:
            earlier = uow.entries.by_token(cmd.actor.user_id, cmd.client_token)
            if earlier is not None:
                return earlier, record_for(cmd.actor, uow, today)
        fields = cmd.model_dump(exclude={"actor", "entry_id", "client_token"})
        fields.update(
            kind=log_type.kind,
            with_name=cmd.with_name.strip(),
            notes=cmd.notes.strip(),
            action=cmd.action.strip(),
        )
        if cmd.entry_id is not None:
            entry = uow.entries.get(cmd.entry_id)
            entry.ensure_editable_by(cmd.actor.user_id, now)
            entry = replace(entry, **fields, updated_at=now)
        else:
            entry = Entry(
                author_id=cmd.actor.user_id,
                created_at=now,
                updated_at=now,
                client_token=cmd.client_token,
                **fields,
            )
        entry = keep_relevant(entry, log_type)
        check_entry(entry, log_type, today)
        (uow.entries.save if entry.id else uow.entries.add)(entry)
        announce(uow, now, *_logged(uow, entry, catalogue, now))
        uow.commit()
        return entry, record_for(cmd.actor, uow, today)


def delete_entry(cmd: DeleteEntry, uow: UnitOfWork, now: datetime) -> Entry:
    """Delete one of your own entries (within 30 days of logging it)."""
    with uow:
        entry = uow.entries.get(cmd.entry_id)
        entry.ensure_editable_by(cmd.actor.user_id, now)
        uow.entries.delete(cmd.entry_id)
        announce(uow, now, *_logged(uow, entry, uow.catalogue.get(), now))
        uow.commit()
        return entry


def _logged(uow: UnitOfWork, entry: Entry, catalogue: Catalogue, now: datetime) -> list[Event]:
    """The author's Home changes; the author's (and, for a session that counts for both, the
    other person's) accreditations may lapse or be re-instated."""
    other = credited_to(entry, catalogue)
    people = [entry.author_id, *([other] if other else [])]
    return [EntryLogged(entry.author_id), *(c for p in people for c in restand(uow, p, now))]


def own_entry(actor: Actor, entry_id: int, uow: UnitOfWork, now: datetime) -> Entry:
    """An entry to edit: yours, and recent enough."""
    with uow:
        entry = uow.entries.get(entry_id)
        entry.ensure_editable_by(actor.user_id, now)
        return entry


def my_record(actor: Actor, uow: UnitOfWork, now: datetime, limit: int | None = None) -> Record:
    """Your own entries (all, or the latest ``limit``) and where you stand today."""
    with uow:
        return record_for(actor, uow, today_for(actor.user_id, uow, now), limit)


def record_for(actor: Actor, uow: UnitOfWork, today: date, limit: int | None = None) -> Record:
    catalogue = uow.catalogue.get()
    every = list(uow.entries.list(actor.user_id))
    entries = every[:limit] if limit else every
    standing = standing_now(actor, uow, catalogue, today, every)
    return Record(entries, standing, catalogue, today)


def erase_person(user_id: str, uow: UnitOfWork, now: datetime) -> str:
    """Remove a person's personal data, keeping anonymised counts; returns the alias used."""
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
            "cli",
            f"person:{alias}",
            "erased personal data",
            now,
            f"{entries} supervision entries, {nominations} nominations, {accreditation} "
            f"accreditation records, {reviews} peer reviews, {pairs} mentoring pairs anonymised",
        )
        uow.commit()
    return alias


def form_context(actor: Actor, uow: UnitOfWork, now: datetime) -> tuple[Catalogue, date]:
    """What the log form needs, and no more: the types, and today where the person is."""
    with uow:
        return uow.catalogue.get(), today_for(actor.user_id, uow, now)


def _drop_channel_requests(user_id: str, uow: UnitOfWork) -> None:
    """A cohort channel they asked for and Slack has not created yet is dropped with the
    message that would create it, so another coordinator can ask again."""
    for programme in uow.programmes.list():
        for channel in uow.cohort_channels.list(programme.key):
            if channel.asked_by == user_id and channel.channel_id is None:
                uow.cohort_channels.forget(channel.programme_key, channel.cohort_key)
