"""In-memory fakes of the storage ports, for fast tests of the use cases."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime

from domain.catalogue import Catalogue
from domain.errors import NotFound
from domain.nomination import ACTIVE, HOLDS_PLACE, Nomination, StateChanged, Status
from domain.people import Person
from domain.programme import Ics, Programme
from domain.reminders import Reminder, State
from domain.supervision import Entry


class FakeProgrammes:
    def __init__(self) -> None:
        self.items: dict[str, Programme] = {}
        self.locks: list[str] = []

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
        pass  # cohorts live inside the saved Programme here

    def remove(self, key: str) -> None:
        del self.items[key]


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
        del self.items[key]


class FakeNominations:
    def __init__(self, audit: FakeAudit) -> None:
        self.items: dict[int, Nomination] = {}
        self.cards: dict[int, tuple[str, str]] = {}
        self.audit = audit

    def add(self, nomination: Nomination) -> None:
        nomination.id = len(self.items) + 1
        self.save(nomination)

    def get(self, nomination_id: int) -> Nomination:
        if nomination_id not in self.items:
            raise NotFound("That nomination no longer exists.")
        return copy.deepcopy(self.items[nomination_id])

    lock = get

    def save(self, nomination: Nomination) -> None:
        for event in nomination.events:
            self.audit.events.append(event)
        nomination.events.clear()
        self.items[nomination.id or 0] = copy.deepcopy(nomination)

    def count_active(self, programme_key: str, ics_key: str | None = None) -> int:
        return len([n for n in self.list(programme_key, ics_key=ics_key) if n.status in ACTIVE])

    def count_holding_place(self, programme_key: str) -> dict[str, int]:
        held: dict[str, int] = {}
        for n in self.list(programme_key, statuses=HOLDS_PLACE):
            held[n.cohort_key or ""] = held.get(n.cohort_key or "", 0) + 1
        return held

    def active_for(self, programme_key: str, nominee_id: str) -> Nomination | None:
        found = self.list(programme_key, nominee_id=nominee_id, statuses=ACTIVE)
        return found[0] if found else None

    def referencing_cohort(self, programme_key: str, cohort_key: str) -> int:
        return len(
            [
                n
                for n in self.list(programme_key)
                if n.cohort_key == cohort_key
                or (
                    n.is_active
                    and n.preference
                    and cohort_key in (n.preference.first, n.preference.second)
                )
            ]
        )

    def count_active_by_ics(self, programme_key: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for n in self.list(programme_key, statuses=ACTIVE):
            counts[n.ics_key] = counts.get(n.ics_key, 0) + 1
        return counts

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for n in self.items.values():
            if n.nominee_id == user_id:
                n.nominee_id, n.note, n.reason = alias, "", ""
                count += 1
            if n.nominated_by == user_id:
                n.nominated_by = alias
            if n.decided_by == user_id:
                n.decided_by = alias
        return count

    def set_card(self, nomination_id: int, channel: str, ts: str) -> None:
        self.cards[nomination_id] = (channel, ts)

    def card(self, nomination_id: int) -> tuple[str, str] | None:
        return self.cards.get(nomination_id)

    def list(
        self,
        programme_key: str | None = None,
        *,
        ics_key: str | None = None,
        nominee_id: str | None = None,
        statuses: frozenset[Status] | None = None,
    ) -> list[Nomination]:
        return [
            copy.deepcopy(n)
            for n in sorted(self.items.values(), key=lambda n: n.id or 0)
            if (programme_key is None or n.programme_key == programme_key)
            and (ics_key is None or n.ics_key == ics_key)
            and (nominee_id is None or n.nominee_id == nominee_id)
            and (statuses is None or n.status in statuses)
        ]


class FakePeople:
    def __init__(self) -> None:
        self.items: dict[str, Person] = {}

    def get(self, user_id: str) -> Person | None:
        return self.items.get(user_id)

    def delete(self, user_id: str) -> None:
        self.items.pop(user_id, None)

    def by_email(self, email: str) -> Person | None:
        found = [
            p for p in self.items.values() if p.email and p.email.lower() == email.strip().lower()
        ]
        return found[0] if found else None

    def save(self, person: Person, now: datetime) -> None:
        self.items[person.user_id] = person


class FakeCatalogue:
    def __init__(self) -> None:
        self.value = Catalogue()

    def get(self) -> Catalogue:
        return self.value

    def save(self, catalogue: Catalogue) -> None:
        self.value = catalogue


class FakeEntries:
    def __init__(self) -> None:
        self.items: dict[int, Entry] = {}
        self.next_id = 1

    def add(self, entry: Entry) -> None:
        entry.id, self.next_id = self.next_id, self.next_id + 1
        self.items[entry.id] = copy.deepcopy(entry)

    def get(self, entry_id: int) -> Entry:
        if entry_id not in self.items:
            raise NotFound("That entry no longer exists.")
        return copy.deepcopy(self.items[entry_id])

    def save(self, entry: Entry) -> None:
        self.items[entry.id or 0] = copy.deepcopy(entry)

    def delete(self, entry_id: int) -> None:
        self.items.pop(entry_id, None)

    def by_token(self, author_id: str, token: str) -> Entry | None:
        found = [
            e for e in self.items.values() if e.author_id == author_id and e.client_token == token
        ]
        return copy.deepcopy(found[0]) if found else None

    def list(self, author_id: str, *, since=None, limit=None) -> list[Entry]:
        mine = sorted(
            (
                e
                for e in self.items.values()
                if e.author_id == author_id and (since is None or e.occurred_on >= since)
            ),
            key=lambda e: (e.occurred_on, e.id),
            reverse=True,
        )
        return copy.deepcopy(mine[:limit] if limit else mine)

    def actions_due(self, until) -> list[Entry]:
        return [
            copy.deepcopy(e)
            for e in self.items.values()
            if e.action and e.action_due and e.action_due <= until
        ]

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for entry in self.items.values():
            if entry.author_id == user_id:
                entry.author_id, entry.notes, entry.with_user = alias, "", None
                entry.with_name, entry.action, entry.action_due = "", "", None
                entry.client_token = None
                count += 1
            elif entry.with_user == user_id:
                entry.with_user = None
        return count


class FakeReminders:
    """Keeps reminders by key, like the unique index; claims like the real repository."""

    def __init__(self) -> None:
        self.items: dict[int, Reminder] = {}
        self.claims: dict[int, str] = {}

    def _key(self, r: Reminder) -> tuple:
        return (r.person_id, r.reason.value, r.subject, r.period)

    def add_missing(self, reminders, now: datetime) -> int:
        known = {self._key(r) for r in self.items.values()}
        added = 0
        for r in reminders:
            if self._key(r) not in known:
                copied = copy.deepcopy(r)
                copied.id = len(self.items) + 1
                self.items[copied.id] = copied
                known.add(self._key(r))
                added += 1
        return added

    def pending_keys(self) -> dict:
        return {self._key(r): i for i, r in self.items.items() if r.state is State.PENDING}

    def cancel(self, ids, now: datetime) -> None:
        for i in ids:
            if self.items[i].state is State.PENDING:
                self.items[i].state = State.CANCELLED

    def claim(self, now, lease_until, limit, claimer) -> list[Reminder]:
        due = sorted(
            (
                r
                for r in self.items.values()
                if (r.state is State.PENDING and r.due_at <= now)
                or (r.state is State.CLAIMED and r.lease_until < now)
            ),
            key=lambda r: r.due_at,
        )[:limit]
        for r in due:
            r.state, r.lease_until, r.attempts = State.CLAIMED, lease_until, r.attempts + 1
            self.claims[r.id] = claimer
        return copy.deepcopy(due)

    def get(self, reminder_id: int) -> Reminder | None:
        return copy.deepcopy(self.items.get(reminder_id))

    def count_sent(self, reason, subject: str, period_prefix: str = "") -> int:
        return sum(
            1
            for r in self.items.values()
            if r.reason == reason
            and r.subject == subject
            and r.state is State.SENT
            and r.period.startswith(period_prefix)
        )

    def forget(self, user_id: str, alias: str) -> None:
        self.items = {i: r for i, r in self.items.items() if r.person_id != user_id}
        for r in self.items.values():
            r.payload = {k: alias if v == user_id else v for k, v in r.payload.items()}

    def claimable(self, now: datetime) -> list[Reminder]:
        return [
            copy.deepcopy(r)
            for r in self.items.values()
            if r.state is State.PENDING and r.due_at <= now
        ]

    def _mine(self, reminder_id, claimer) -> Reminder | None:
        r = self.items[reminder_id]
        return r if r.state is State.CLAIMED and self.claims.get(reminder_id) == claimer else None

    def sent(self, reminder_id, claimer, ts, now) -> bool:
        if r := self._mine(reminder_id, claimer):
            r.state, r.sent_ts = State.SENT, ts
        return r is not None

    def retry(self, reminder_id, claimer, due_at, error, now) -> bool:
        if r := self._mine(reminder_id, claimer):
            r.state, r.due_at, r.last_error = State.PENDING, due_at, error
        return r is not None

    def defer(self, reminder_id, claimer, due_at, now) -> bool:
        if r := self._mine(reminder_id, claimer):
            r.state, r.due_at, r.attempts = State.PENDING, due_at, r.attempts - 1
        return r is not None

    def fail(self, reminder_id, claimer, error, now) -> bool:
        if r := self._mine(reminder_id, claimer):
            r.state, r.last_error = State.FAILED, error
        return r is not None


class FakeCascadeAnswers:
    def __init__(self) -> None:
        self.items: list[tuple[int, bool, str, datetime]] = []

    def add(self, nomination_id: int, started: bool, reason: str, now: datetime) -> None:
        self.items.append((nomination_id, started, reason, now))

    def clear_reasons(self, nomination_ids) -> None:
        gone = set(nomination_ids)
        self.items = [(n, s, "" if n in gone else r, at) for n, s, r, at in self.items]

    def latest(self, nomination_ids) -> dict:
        wanted = set(nomination_ids)
        return {n: (s, r, at) for n, s, r, at in self.items if n in wanted}


class FakeAudit:
    def __init__(self) -> None:
        self.events: list[StateChanged] = []
        self.notes: list[tuple[str, str, str, datetime, str]] = []

    def record(self, event: StateChanged) -> None:
        self.events.append(event)

    def anonymise(self, user_id: str, alias: str, subjects: list[str] | None = None) -> None:
        self.events = [e if e.actor != user_id else replace(e, actor=alias) for e in self.events]
        gone = {int(s.split(":")[1]) for s in subjects or []}
        self.events = [replace(e, reason="") if e.nomination_id in gone else e for e in self.events]

    def note(self, actor: str, subject: str, action: str, at: datetime, detail: str = "") -> None:
        self.notes.append((actor, subject, action, at, detail))


class FakeUnitOfWork:
    """Keeps committed state; rolls back uncommitted changes like a real transaction."""

    def __init__(self) -> None:
        self.audit = FakeAudit()
        self.programmes = FakeProgrammes()
        self.ics = FakeIcs()
        self.nominations = FakeNominations(self.audit)
        self.people = FakePeople()
        self.catalogue = FakeCatalogue()
        self.entries = FakeEntries()
        self.reminders = FakeReminders()
        self.cascade_answers = FakeCascadeAnswers()
        self.commits = 0
        self._snapshot: tuple | None = None

    def _state(self) -> tuple:
        return copy.deepcopy(
            (
                self.programmes.items,
                self.ics.items,
                self.nominations.items,
                self.audit.events,
                self.audit.notes,
                self.entries.items,
                self.catalogue.value,
                self.reminders.items,
                self.cascade_answers.items,
            )
        )

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = self._state()
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self.commits += 1
        self._snapshot = self._state()

    def rollback(self) -> None:
        if self._snapshot is not None:
            (
                self.programmes.items,
                self.ics.items,
                self.nominations.items,
                self.audit.events,
                self.audit.notes,
                self.entries.items,
                self.catalogue.value,
                self.reminders.items,
                self.cascade_answers.items,
            ) = copy.deepcopy(self._snapshot)
