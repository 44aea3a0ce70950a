"""What the use cases need from storage: a unit of work (the only door to data) with the
repositories every feature shares (handlers/kernel/repositories.py), the outbox, the inbox, the
audit log and people. A feature that keeps data of its own types the unit of work it needs in
its own ports (handlers/<feature>/ports.py); storage's unit of work is all of them at once."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Protocol, Self

from domain.audit import AuditEntry
from domain.facilitators import FacilitatorsChoice
from domain.inbox import Request
from domain.nomination import StateChanged
from domain.outbox import Lane, Message, Reason
from domain.people import Person
from handlers.kernel.repositories import (
    AccreditationRepository,
    CatalogueRepository,
    EntryRepository,
    IcsRepository,
    LeaveRepository,
    NominationRepository,
    ProgrammeRepository,
)


class Outbox(Protocol):
    """Every message Cascade sends: written with the change that causes it, sent by a
    dispatcher that claims rows (one claimer at a time) and settles each claim."""

    def add(self, messages: Iterable[Message], now: datetime) -> None:
        """New messages; a refresh (Reason.coalesces) re-arms its existing row instead."""
        ...

    def pending_keys(self) -> dict[tuple[str, str, str, str], int]:
        """Pending chases by key (announcements are not the planner's to cancel)."""
        ...

    def cancel(self, ids: Iterable[int], now: datetime) -> None: ...
    def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        claimer: str,
        lane: Lane | None = None,
    ) -> list[Message]: ...
    def get(self, message_id: int) -> Message | None: ...
    def recipients_due(self, now: datetime) -> set[str]:
        """Who the chases due now go to (nothing is claimed)."""
        ...

    def failures(self, since: datetime) -> dict[str, int]: ...
    def list(self) -> Sequence[Message]: ...
    def forget(self, user_id: str, alias: str) -> None: ...
    def count_sent(self, reason: Reason, subject: str, period_prefix: str = "") -> int: ...
    def count_sent_by_subject(self, reason: Reason, subjects: Iterable[str]) -> dict[str, int]:
        """Messages of ``reason`` sent, per subject, in one read (subjects with none left out)."""
        ...

    def sent_periods(self, reason: Reason) -> dict[tuple[str, str], set[str]]: ...
    def where_posted(self, reason: Reason, subject: str) -> dict[str, str | None]:
        """Each recipient of ``reason`` about ``subject``, with Slack's ts of the message
        sent to it (None while none was)."""
        ...

    def sent(self, message_id: int, claimer: str, ts: str | None, now: datetime) -> bool: ...
    def retry(
        self, message_id: int, claimer: str, due_at: datetime, error: str, now: datetime
    ) -> bool: ...
    def defer(self, message_id: int, claimer: str, due_at: datetime, now: datetime) -> bool: ...
    def fail(self, message_id: int, claimer: str, error: str, now: datetime) -> bool: ...


class Inbox(Protocol):
    def accept(self, requests: list[Request]) -> list[bool]:
        """Store requests that arrived together; for each, False when the same request (by its
        key) is here already, or came earlier in ``requests``."""
        ...

    def claim(
        self, now: datetime, lease_until: datetime, limit: int, claimer: str
    ) -> list[Request]: ...
    def remove(self, request_id: int) -> bool: ...
    def retry_at(self, request_id: int, when: datetime) -> None: ...
    def count(self) -> int: ...
    def list(self) -> list[Request]: ...


class AuditLog(Protocol):
    def record(self, event: StateChanged) -> None: ...
    def note(
        self, actor: str, subject: str, action: str, at: datetime, detail: str = ""
    ) -> None: ...
    def anonymise(self, user_id: str, alias: str, subjects: list[str] | None = None) -> None: ...
    def edits_since(self, at: datetime) -> list[tuple[str, str, datetime]]:
        """Programme and ICS changes people made in Slack after ``at``: (who, what, when)."""
        ...

    def read(
        self,
        subjects: Collection[str],
        prefixes: Collection[str],
        *,
        person: str | None = None,
        about: Collection[str] = (),
        offset: int = 0,
        limit: int = 15,
    ) -> tuple[int, list[AuditEntry]]:
        """Entries about ``subjects`` (or subjects starting with ``prefixes``), made by
        ``person`` or about what ``about`` names if given: the count, and a page, newest
        first."""
        ...


class PeopleRepository(Protocol):
    def get(self, user_id: str) -> Person | None: ...
    def save(self, person: Person, now: datetime) -> None: ...
    def delete(self, user_id: str) -> None: ...
    def by_email(self, email: str) -> Person | None: ...
    def by_emails(self, emails: list[str]) -> dict[str, str]: ...
    def zones(self) -> dict[str, str]: ...
    def opened_home(self, user_id: str, now: datetime) -> None: ...
    def using_home(self, user_ids: Iterable[str]) -> set[str]: ...
    def choose_facilitators(
        self, user_id: str, choice: FacilitatorsChoice, now: datetime
    ) -> None: ...
    def facilitators_choice(self, user_id: str) -> FacilitatorsChoice: ...
    def unknown(self, user_ids: Iterable[str]) -> set[str]: ...


class UnitOfWork(Protocol):
    programmes: ProgrammeRepository
    ics: IcsRepository
    nominations: NominationRepository
    audit: AuditLog
    people: PeopleRepository
    catalogue: CatalogueRepository
    entries: EntryRepository
    outbox: Outbox
    inbox: Inbox
    accreditations: AccreditationRepository
    leave: LeaveRepository
    # The inbox request this unit of work carries out: removed by its commit, which then
    # sets ``completed`` (so a request is carried out once, whatever happens after).
    completes: int | None
    completed: bool

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
