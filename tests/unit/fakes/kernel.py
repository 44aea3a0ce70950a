"""In-memory fakes of the ports every feature shares: programmes, ICSs, people, the audit log,
the inbox (the outbox: outbox.py; the unit of work: unit_of_work.py)."""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from domain.kernel.audit import AuditEntry, Look
from domain.kernel.errors import NotFound
from domain.kernel.inbox import Request
from domain.kernel.people import Person
from domain.kernel.programme import Ics, Programme
from domain.nominations.nomination import StateChanged
from domain.supervision.facilitators import FacilitatorsChoice

TAKEN = "Someone else changed this at the same moment. Please look again and retry."


def swap(value: Any, user_id: str, alias: str) -> Any:
    return alias if value == user_id else value


class FakeProgrammes:
    def __init__(self) -> None:
        self.items: dict[str, Programme] = {}
        self.locks: list[str] = []
        self.revisions: dict[tuple[str, str], int] = {}

    def get(self, key: str) -> Programme:
        if key not in self.items:
            raise NotFound(f"There is no programme called {key!r}.", field="programme")
        return self.items[key]

    def lock(self, key: str) -> Programme:
        self.locks.append(f"programme:{key}")
        return self.get(key)

    def lock_cohort(self, programme_key: str, cohort_key: str) -> None:
        self.get(programme_key).cohort(cohort_key)
        self.locks.append(f"cohort:{programme_key}/{cohort_key}")

    def list(self) -> list[Programme]:
        return sorted(self.items.values(), key=lambda p: p.key)

    def save(self, programme: Programme) -> None:
        self.items[programme.key] = programme

    def remove_cohort(self, programme_key: str, cohort_key: str) -> None:
        self.revisions.pop((programme_key, cohort_key), None)

    def rescheduled(self, programme_key: str, cohort_key: str) -> int:
        self.get(programme_key).cohort(cohort_key)
        key = (programme_key, cohort_key)
        self.revisions[key] = self.revisions.get(key, 0) + 1
        return self.revisions[key]

    def revision(self, programme_key: str, cohort_key: str) -> int:
        return self.revisions.get((programme_key, cohort_key), 0)

    def remove(self, key: str) -> None:
        self.items.pop(key, None)
        self.revisions = {k: n for k, n in self.revisions.items() if k[0] != key}  # its cohorts'


class FakeIcs:
    def __init__(self) -> None:
        self.items: dict[str, Ics] = {}
        self.locks: list[str] = []

    def get(self, key: str) -> Ics:
        if key not in self.items:
            raise NotFound(f"There is no ICS called {key!r}.", field="ics")
        return self.items[key]

    def lock(self, key: str) -> Ics:
        self.locks.append(f"ics:{key}")
        return self.get(key)

    def list(self) -> list[Ics]:
        return sorted(self.items.values(), key=lambda i: i.name)

    def save(self, ics: Ics) -> None:
        self.items[ics.key] = ics

    def remove(self, key: str) -> None:
        self.items.pop(key, None)


class FakePeople:
    def __init__(self) -> None:
        self.items: dict[str, Person] = {}
        self.homes: set[str] = set()
        self.gone: dict[str, datetime] = {}  # deactivated in Slack, when
        self.choices: dict[str, FacilitatorsChoice] = {}

    def get(self, user_id: str) -> Person | None:
        return self.items.get(user_id)

    def delete(self, user_id: str) -> None:
        self.items.pop(user_id, None)
        self.homes.discard(user_id)
        self.choices.pop(user_id, None)

    def by_email(self, email: str) -> Person | None:
        found = [
            p for p in self.items.values() if p.email and p.email.lower() == email.strip().lower()
        ]
        return found[0] if found else None

    def save(self, person: Person, now: datetime) -> None:
        self.items[person.user_id] = person

    def opened_home(self, user_id: str, now: datetime) -> None:
        self.homes.add(user_id)

    def mark_left(self, user_id: str, at: datetime | None) -> None:
        if at is None:
            self.gone.pop(user_id, None)
        else:
            self.gone[user_id] = at

    def left(self, user_ids: Iterable[str]) -> set[str]:
        return set(user_ids) & set(self.gone)

    def using_home(self, user_ids: Iterable[str]) -> set[str]:
        return set(user_ids) & self.homes

    def choose_facilitators(self, user_id: str, choice: FacilitatorsChoice, now: datetime) -> None:
        self.homes.add(user_id)
        self.choices[user_id] = choice

    def facilitators_choice(self, user_id: str) -> FacilitatorsChoice:
        return self.choices.get(user_id, FacilitatorsChoice())

    def unknown(self, user_ids: Iterable[str]) -> set[str]:
        return set(user_ids) - set(self.items)

    def zones(self) -> dict[str, str]:
        return {p.user_id: p.tz for p in self.items.values() if p.tz}

    def by_emails(self, emails: list[str]) -> dict[str, str]:
        wanted = {e.strip().lower() for e in emails}
        return {
            p.email.lower(): p.user_id
            for p in self.items.values()
            if p.email and p.email.lower() in wanted
        }


class FakeInbox:
    def __init__(self) -> None:
        self.items: dict[int, Request] = {}
        self.leases: dict[int, tuple[datetime | None, str | None]] = {}
        self._ids = itertools.count(1)

    def accept(self, requests: list[Request]) -> list[bool]:
        return [self._accept(request) for request in requests]

    def _accept(self, request: Request) -> bool:
        if any(r.key == request.key for r in self.items.values()):
            return False
        request_id = next(self._ids)
        self.items[request_id] = replace(request, id=request_id, attempts=0)
        self.leases[request_id] = (None, None)
        return True

    def claim(
        self, now: datetime, lease_until: datetime, limit: int, claimer: str
    ) -> builtins.list[Request]:
        taken: builtins.list[Request] = []
        for request_id in sorted(self.items):
            until, _ = self.leases[request_id]
            if len(taken) < limit and (until is None or until < now):
                request = self.items[request_id]
                request.attempts += 1
                self.leases[request_id] = (lease_until, claimer)
                taken.append(replace(request))
        return taken

    def remove(self, request_id: int) -> bool:
        self.leases.pop(request_id, None)
        return self.items.pop(request_id, None) is not None

    def retry_at(self, request_id: int, when: datetime) -> None:
        if request_id in self.items:
            self.leases[request_id] = (when, None)

    def count(self) -> int:
        return len(self.items)

    def list(self) -> list[Request]:
        return [replace(self.items[i]) for i in sorted(self.items)]


class FakeAudit:
    def __init__(self) -> None:
        self.events: list[StateChanged] = []
        self.notes: list[tuple[str, str, str, datetime, str]] = []
        self.written: list[str] = []  # "event" or "note", in the order written (the row ids)
        self.looks: dict[tuple[str, str, str, date], datetime] = {}  # person, viewer, what, day

    def record(self, event: StateChanged) -> None:
        self.events.append(event)
        self.written.append("event")

    def looked(self, viewer: str, people: Iterable[str], what: str, at: datetime) -> None:
        for person in people:
            self.looks.setdefault((person, viewer, what[:80], at.date()), at)

    def noted_looks(self, viewer: str, people: Iterable[str], what: str, day: date) -> set[str]:
        return {p for p in people if (p, viewer, what[:80], day) in self.looks}

    def looks_at(self, person: str, limit: int) -> list[Look]:
        mine = [(at, v, w) for (p, v, w, _), at in self.looks.items() if p == person]
        mine.sort(key=lambda look: (-look[0].timestamp(), look[1], look[2]))
        return [Look(v, w, at) for at, v, w in mine[:limit]]

    def anonymise(self, user_id: str, alias: str, subjects: list[str] | None = None) -> None:
        """Their id goes from every entry; so do the details of ``subjects`` (their records)."""
        self.looks = {
            (p, alias if v == user_id else v, w, d): at
            for (p, v, w, d), at in self.looks.items()
            if p != user_id
        }
        gone = set(subjects or ())
        self.events = [
            replace(
                e,
                actor=swap(e.actor, user_id, alias),
                reason="" if f"nomination:{e.nomination_id}" in gone else e.reason,
            )
            for e in self.events
        ]
        self.notes = [
            (swap(actor, user_id, alias), subject, action, at, "" if subject in gone else detail)
            for actor, subject, action, at, detail in self.notes
        ]

    def note(self, actor: str, subject: str, action: str, at: datetime, detail: str = "") -> None:
        self.notes.append((actor, subject, action, at, detail))
        self.written.append("note")

    def edits_since(self, at: datetime) -> list[tuple[str, str, datetime]]:
        return [
            (actor, action, when)
            for actor, subject, action, when, _ in sorted(self.notes, key=lambda n: n[3])
            if when > at
            and actor != "cascade"
            and subject.startswith(("programme:", "ics:", "catalogue:"))
        ]

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
        events = [
            AuditEntry(
                0,
                e.at,
                e.actor,
                f"nomination:{e.nomination_id}",
                "status",
                e.reason,
                e.from_status.value if e.from_status else None,
                e.to_status.value,
            )
            for e in self.events
        ]
        notes = [
            AuditEntry(0, at, actor, subject, action, detail)
            for actor, subject, action, at, detail in self.notes
        ]
        kinds = {"event": iter(events), "note": iter(notes)}
        written = [replace(next(kinds[kind]), id=n) for n, kind in enumerate(self.written, 1)]
        found = [
            entry
            for entry in sorted(written, key=attrgetter("at", "id"))  # as the table is read
            if (entry.subject in subjects or entry.subject.startswith(tuple(prefixes)))
            and (person is None or entry.actor == person or entry.subject in about)
        ]
        found.reverse()
        return len(found), found[offset : offset + limit]
