"""Supervision use cases: log, edit, delete, list, the person's standing, export and erasure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.kernel.events import Event
from domain.kernel.people import Actor
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


def form_context(actor: Actor, uow: UnitOfWork, now: datetime) -> tuple[Catalogue, date]:
    """What the log form needs, and no more: the types, and today where the person is."""
    with uow:
        return uow.catalogue.get(), today_for(actor.user_id, uow, now)
