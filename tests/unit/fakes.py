"""In-memory fakes of the storage ports, for fast tests of the use cases."""

from __future__ import annotations

import builtins
import copy
import itertools
import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from domain.accreditation.mentoring import Pair
from domain.accreditation.pathways import Accreditation, SignOff, StepRequest
from domain.accreditation.pathways import Status as AccreditationStatus
from domain.accreditation.peer_review import PeerReview
from domain.accreditation.status import RoleStatus
from domain.follow_up.follow_through import Answer as CascadeAnswer
from domain.follow_up.follow_through import Call
from domain.group_sessions.sessions import Answer, GroupSession, Invitee
from domain.kernel.audit import AuditEntry
from domain.kernel.errors import ConcurrentChange, NotFound
from domain.kernel.inbox import Request
from domain.kernel.outbox import CHASES, Lane, Message, Reason, State
from domain.kernel.people import Person
from domain.kernel.programme import Ics, Programme
from domain.leave.leave import Leave
from domain.networks.cohort_channel import CohortChannel
from domain.networks.debrief import Debrief
from domain.nominations.capacity import Standing
from domain.nominations.nomination import ACTIVE, USES_PLACE, Nomination, StateChanged, Status
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from domain.supervision.facilitators import FacilitatorsChoice
from tests.unit.circle_fakes import FakeCircleDeliveries, FakeCircles

if TYPE_CHECKING:
    import handlers.accreditation.ports
    import handlers.circles.ports
    import handlers.follow_up.ports
    import handlers.group_sessions.ports
    import handlers.kernel.ports
    import handlers.networks.ports
    import handlers.nominations.ports
    import handlers.programme_admin.ports
    import handlers.supervision.ports


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


class FakeNominations:
    def __init__(self, audit: FakeAudit) -> None:
        self.items: dict[int, Nomination] = {}
        self.cards: dict[int, tuple[str, str]] = {}
        self.audit = audit
        self.inbox: FakeInbox | None = None
        self.programmes: FakeProgrammes | None = None

    def add(self, nomination: Nomination) -> None:
        nomination.id = len(self.items) + 1
        self._store(nomination)

    def get(self, nomination_id: int) -> Nomination:
        if nomination_id not in self.items:
            raise NotFound("That nomination no longer exists.")
        return copy.deepcopy(self.items[nomination_id])

    lock = get

    def save(self, nomination: Nomination) -> None:
        if nomination.id not in self.items:
            raise NotFound("That nomination no longer exists.")
        self._store(nomination)

    def _store(self, nomination: Nomination) -> None:
        for event in nomination.events:
            self.audit.record(event)
        nomination.events.clear()
        stored = copy.deepcopy(nomination)
        stored.updated_at = stored.updated_at or stored.created_at  # as the row keeps it
        self.items[nomination.id or 0] = stored

    def count_active(self, programme_key: str, ics_key: str | None = None) -> int:
        return len([n for n in self.list(programme_key, ics_key=ics_key) if n.status in ACTIVE])

    def count_holding_place(self, programme_key: str) -> dict[str, int]:
        held: dict[str, int] = {}
        for n in self.list(programme_key, statuses=USES_PLACE):
            held[n.cohort_key or ""] = held.get(n.cohort_key or "", 0) + 1
        return held

    def nominating(self, programme_key: str, ics_key: str, nominee_id: str) -> tuple[int, bool]:
        used = self.count_active(programme_key, ics_key)
        return used, self.active_for(programme_key, nominee_id) is not None

    def standing(
        self,
        programme_key: str,
        ics_keys: Sequence[str],
        nominee_ids: Sequence[str],
        besides: Sequence[str] = (),
    ) -> Standing:
        arriving: builtins.list[tuple[Any, Any]]  # (ICS, nominee), the inbox's from JSON
        arriving = [(n.ics_key, n.nominee_id) for n in self.list(programme_key, statuses=ACTIVE)]
        arriving += [
            (r.payload.get("ics_key"), r.payload.get("nominee_id"))
            for r in (self.inbox.list() if self.inbox else [])
            if r.kind == "nominate"
            and r.payload.get("programme_key") == programme_key
            and r.key not in besides
        ]
        used = Counter(ics for ics, _ in arriving if ics in ics_keys)
        taken = frozenset(n for _, n in arriving if n in nominee_ids)
        assert self.programmes is not None  # FakeUnitOfWork sets it
        return Standing(self.programmes.get(programme_key), dict(used), taken)

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
                    n.status in ACTIVE
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
        self.homes: set[str] = set()
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


class FakeCatalogue:
    def __init__(self) -> None:
        self.value = Catalogue()

    def get(self) -> Catalogue:
        return self.value

    def save(self, catalogue: Catalogue) -> None:
        self.value = catalogue

    def lock(self) -> Catalogue:
        return self.value


class FakeEntries:
    def __init__(self) -> None:
        self.items: dict[int, Entry] = {}
        self.next_id = 1

    def add(self, entry: Entry) -> None:
        key = (entry.group_session_id, entry.author_id)
        if entry.group_session_id and key in {
            (e.group_session_id, e.author_id) for e in self.items.values()
        }:
            raise ConcurrentChange(_TAKEN)  # credited once per session, as the index says
        entry.id, self.next_id = self.next_id, self.next_id + 1
        self._store(entry)

    def _store(self, entry: Entry) -> None:
        stored = copy.deepcopy(entry)
        stored.updated_at = stored.updated_at or stored.created_at  # as the row keeps it
        self.items[entry.id or 0] = stored

    def get(self, entry_id: int) -> Entry:
        if entry_id not in self.items:
            raise NotFound("That entry no longer exists.")
        return copy.deepcopy(self.items[entry_id])

    def save(self, entry: Entry) -> None:
        if entry.id not in self.items:
            raise NotFound("That entry no longer exists.")
        self._store(entry)

    def delete(self, entry_id: int) -> None:
        self.items.pop(entry_id, None)

    def by_token(self, author_id: str, token: str) -> Entry | None:
        found = [
            e for e in self.items.values() if e.author_id == author_id and e.client_token == token
        ]
        return copy.deepcopy(found[0]) if found else None

    def list(
        self, author_id: str, *, since: date | None = None, limit: int | None = None
    ) -> builtins.list[Entry]:
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

    def latest_by_type(self, log_types: Iterable[str]) -> dict[str, dict[str, date]]:
        found: dict[str, dict[str, date]] = {t: {} for t in log_types}
        for e in self.items.values():
            mine = found.get(e.log_type)
            if mine is not None and e.occurred_on > mine.get(e.author_id, e.occurred_on.min):
                mine[e.author_id] = e.occurred_on
        return found

    def counts_since(self, day: date) -> dict[str, int]:
        counts: dict[str, int] = {}
        for e in self.items.values():
            if e.occurred_on > day:
                counts[e.author_id] = counts.get(e.author_id, 0) + 1
        return counts

    def latest_with(self, log_type: str) -> dict[str, str]:
        newest = {}
        for e in sorted(self.items.values(), key=lambda e: (e.occurred_on, e.id)):
            if e.log_type == log_type:
                newest[e.author_id] = e.with_user
        return {author: user for author, user in newest.items() if user}

    def credited(self, user_id: str, log_types: Iterable[str]) -> builtins.list[Entry]:
        types = set(log_types)
        found = [
            e
            for e in self.items.values()
            if e.with_user == user_id and e.author_id != user_id and e.log_type in types
        ]
        return copy.deepcopy(sorted(found, key=lambda e: (e.occurred_on, e.id), reverse=True))

    def latest_between(self, log_types: Iterable[str]) -> dict[tuple[str, str], date]:
        types, latest = set(log_types), dict[tuple[str, str], date]()
        for e in self.items.values():
            if not (e.log_type in types and e.with_user):
                continue
            key = (e.author_id, e.with_user)
            if e.occurred_on > latest.get(key, date.min):
                latest[key] = e.occurred_on
        return latest

    def minutes_by_day(
        self, log_types: Iterable[str], *, credited: bool = False
    ) -> dict[str, dict[date, int]]:
        types, found = set(log_types), dict[str, dict[date, int]]()
        for e in self.items.values():
            person = e.with_user if credited else e.author_id
            if e.log_type not in types or not person or (credited and person == e.author_id):
                continue
            days = found.setdefault(person, {})
            days[e.occurred_on] = days.get(e.occurred_on, 0) + (e.duration_minutes or 0)
        return found

    def actions_due(self, until: date) -> builtins.list[Entry]:
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


class FakeOutbox:
    """Keeps messages by key, like the unique index; claims and settles like the real one."""

    def __init__(self) -> None:
        self.items: dict[int, Message] = {}
        self.claims: dict[int, str] = {}
        self.dirty: set[int] = set()
        self.settled_at: dict[int, datetime] = {}

    def _by_key(self, message: Message) -> Message | None:
        return next((m for m in self.items.values() if m.key == message.key), None)

    def add(self, messages: Iterable[Message], now: datetime) -> None:
        before = {m.key for m in self.items.values()}
        for message in messages:
            known = self._by_key(message)
            if message.reason.one_off and message.key in before:  # as the real one reports it
                lost = ", ".join(message.key)
                logging.getLogger("cascade.outbox.lost").error("outbox: key taken: %s", lost)
            if known is None:
                copied = copy.deepcopy(message)
                copied.id = len(self.items) + 1
                self.items[copied.id] = copied
                self.settled_at[copied.id] = now
            elif message.reason.coalesces:
                self._rearm(known, message)

    def _rearm(self, known: Message, message: Message) -> None:
        if known.state is State.CLAIMED:
            self.dirty.add(known.id or 0)
        elif known.state is State.PENDING:
            known.due_at = min(known.due_at, message.due_at)
        else:
            known.state, known.due_at, known.attempts, known.last_error = (
                State.PENDING,
                message.due_at,
                0,
                "",
            )
        known.payload = copy.deepcopy(message.payload)

    def pending_keys(self) -> dict[tuple[str, str, str, str], int]:
        return {
            m.key: i
            for i, m in self.items.items()
            if m.state is State.PENDING and m.reason in CHASES
        }

    def cancel(self, ids: Iterable[int], now: datetime) -> None:
        for i in ids:
            if self.items[i].state is State.PENDING:
                self.items[i].state = State.CANCELLED

    def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        claimer: str,
        lane: Lane | None = None,
    ) -> builtins.list[Message]:
        due = sorted(
            (
                m
                for m in self.items.values()
                if (lane is None or m.reason.lane is lane)
                and (
                    (m.state is State.PENDING and m.due_at <= now)
                    or (
                        m.state is State.CLAIMED
                        and m.lease_until is not None
                        and m.lease_until < now
                    )
                )
            ),
            key=lambda m: (m.due_at, m.id),
        )[:limit]
        for m in due:
            m.state, m.lease_until, m.attempts = State.CLAIMED, lease_until, m.attempts + 1
            self.claims[m.id or 0] = claimer
        return copy.deepcopy(due)

    def get(self, message_id: int) -> Message | None:
        return copy.deepcopy(self.items.get(message_id))

    def failures(self, since: datetime) -> dict[str, int]:
        counts: dict[str, int] = {}
        for i, m in self.items.items():
            if m.state is State.FAILED and self.settled_at[i] >= since:
                counts[m.last_error or "unknown"] = counts.get(m.last_error or "unknown", 0) + 1
        return counts

    def count_sent(self, reason: Reason, subject: str, period_prefix: str = "") -> int:
        return sum(
            1
            for m in self.items.values()
            if m.reason == reason
            and m.subject == subject
            and m.state is State.SENT
            and m.period.startswith(period_prefix)
        )

    def count_sent_by_subject(self, reason: Reason, subjects: Iterable[str]) -> dict[str, int]:
        wanted, counts = set(subjects), dict[str, int]()
        for m in self.items.values():
            if m.reason == reason and m.subject in wanted and m.state is State.SENT:
                counts[m.subject] = counts.get(m.subject, 0) + 1
        return counts

    def where_posted(self, reason: Reason, subject: str) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for m in self.items.values():
            if m.reason == reason and m.subject == subject:
                found[m.recipient] = found.get(m.recipient) or m.sent_ts
        return found

    def sent_periods(self, reason: Reason) -> dict[tuple[str, str], set[str]]:
        found: dict = {}
        for m in self.items.values():
            if m.reason == reason and m.state is State.SENT:
                found.setdefault((m.recipient, m.subject), set()).add(m.period)
        return found

    def forget(self, user_id: str, alias: str) -> None:
        self.items = {i: m for i, m in self.items.items() if m.recipient != user_id}
        for m in self.items.values():
            m.payload = {k: alias if v == user_id else v for k, v in m.payload.items()}

    def recipients_due(self, now: datetime) -> set[str]:
        return {
            m.recipient
            for m in self.items.values()
            if m.state is State.PENDING and m.due_at <= now and m.reason in CHASES
        }

    def list(
        self, *, recipient: str | None = None, reason: Reason | None = None
    ) -> builtins.list[Message]:
        return [
            copy.deepcopy(m)
            for _, m in sorted(self.items.items())
            if (recipient is None or m.recipient == recipient)
            and (reason is None or m.reason == reason)
        ]

    def _settle(
        self, message_id: int, claimer: str, now: datetime, state: State, **values: Any
    ) -> bool:
        m = self.items[message_id]
        if m.state is not State.CLAIMED or self.claims.get(message_id) != claimer:
            return False
        for key, value in values.items():
            setattr(m, key, value)
        m.state, m.lease_until = state, None
        self.claims.pop(message_id, None)
        self.settled_at[message_id] = now
        if message_id in self.dirty:  # a refresh was asked for meanwhile: again, at once
            self.dirty.discard(message_id)
            m.state, m.due_at, m.attempts = State.PENDING, now, 0
        return True

    def sent(self, message_id: int, claimer: str, ts: str | None, now: datetime) -> bool:
        return self._settle(message_id, claimer, now, State.SENT, sent_ts=ts)

    def retry(
        self, message_id: int, claimer: str, due_at: datetime, error: str, now: datetime
    ) -> bool:
        return self._settle(
            message_id, claimer, now, State.PENDING, due_at=due_at, last_error=error
        )

    def defer(self, message_id: int, claimer: str, due_at: datetime, now: datetime) -> bool:
        attempts = self.items[message_id].attempts - 1
        return self._settle(
            message_id, claimer, now, State.PENDING, due_at=due_at, attempts=attempts
        )

    def fail(self, message_id: int, claimer: str, error: str, now: datetime) -> bool:
        return self._settle(message_id, claimer, now, State.FAILED, last_error=error)


class FakeCascadeAnswers:
    def __init__(self) -> None:
        self.items: list[CascadeAnswer] = []

    def add(
        self,
        nomination_id: int,
        started: bool,
        reason: str,
        now: datetime,
        materials: str = "",
        support: str = "",
    ) -> int:
        answer_id = len(self.items) + 1
        self.items.append(
            CascadeAnswer(nomination_id, started, now, reason, materials, support, answer_id)
        )
        return answer_id

    def get(self, answer_id: int) -> CascadeAnswer:
        found = [a for a in self.items if a.id == answer_id]
        if not found:
            raise NotFound("That answer no longer exists.")
        return found[0]

    def add_words(self, answer_id: int, materials: str, support: str) -> None:
        self.items = [
            replace(a, materials=materials, support=support) if a.id == answer_id else a
            for a in self.items
        ]

    def answers(self, nomination_ids: Iterable[int]) -> dict[int, CascadeAnswer]:
        wanted = set(nomination_ids)
        ordered = sorted(self.items, key=lambda a: (a.answered_at, a.id))
        return {a.nomination_id: a for a in ordered if a.nomination_id in wanted}

    def clear_reasons(self, nomination_ids: Iterable[int]) -> None:
        gone = set(nomination_ids)
        self.items = [
            replace(a, reason="", materials="", support="") if a.nomination_id in gone else a
            for a in self.items
        ]

    def latest(self, nomination_ids: Iterable[int]) -> dict[int, tuple[bool, str, datetime]]:
        return {
            n: (a.started, a.reason, a.answered_at) for n, a in self.answers(nomination_ids).items()
        }


class FakeFollowUpCalls:
    def __init__(self) -> None:
        self.items: dict[tuple[int, int], Call] = {}

    def add(self, call: Call) -> bool:
        key = (call.nomination_id, call.round)
        if key in self.items:
            return False
        self.items[key] = replace(call, id=len(self.items) + 1)
        return True

    def of(self, nomination_id: int, round_: int) -> Call | None:
        return self.items.get((nomination_id, round_))

    def latest(self, nomination_ids: Iterable[int]) -> dict[int, Call]:
        wanted = set(nomination_ids)
        return {n: c for (n, _), c in sorted(self.items.items()) if n in wanted}

    def anonymise(self, user_id: str, alias: str) -> int:
        mine = [k for k, c in self.items.items() if c.called_by == user_id]
        for key in mine:
            self.items[key] = replace(self.items[key], called_by=alias)
        return len(mine)


class FakeAttendance:
    def __init__(self) -> None:
        self.items: dict[int, dict[int, bool]] = {}

    def record(self, nomination_id: int, marks: dict[int, bool], by: str, now: datetime) -> None:
        self.items[nomination_id] = dict(marks)

    def of(self, nomination_ids: Iterable[int]) -> dict[int, dict[int, bool]]:
        return {n: dict(self.items[n]) for n in nomination_ids if n in self.items}


_TAKEN = "Someone else changed this at the same moment. Please look again and retry."


def _swap(value: Any, user_id: str, alias: str) -> Any:
    return alias if value == user_id else value


class FakeAccreditations:
    """Keeps the unique keys the tables have: one sign-off a step, one accreditation a
    pathway, one certificate a reference, one open request a step."""

    def __init__(self) -> None:
        self.signed: dict[int, SignOff] = {}
        self.asked: dict[int, tuple[StepRequest, bool]] = {}  # and whether it is closed
        self.items: dict[int, Accreditation] = {}
        self.roles: dict[tuple[str, str], RoleStatus] = {}
        self._ids = itertools.count(1)

    def add_sign_off(self, sign_off: SignOff) -> SignOff:
        key = (sign_off.person, sign_off.pathway, sign_off.step)
        if any((s.person, s.pathway, s.step) == key for s in self.signed.values()):
            raise ConcurrentChange(_TAKEN)
        new_id = next(self._ids)
        stored = replace(sign_off, id=new_id)
        self.signed[new_id] = stored
        return stored

    def sign_offs(self, person: str | None = None, pathway: str | None = None) -> list[SignOff]:
        return [
            s
            for s in sorted(self.signed.values(), key=lambda s: (s.signed_at, s.id))
            if person in (None, s.person) and pathway in (None, s.pathway)
        ]

    def ask(self, request: StepRequest) -> bool:
        key = (request.pathway, request.step)
        if any((r.pathway, r.step) == key for r in self.requests(request.person)):
            return False
        new_id = next(self._ids)
        stored = replace(request, id=new_id)
        self.asked[new_id] = (stored, False)
        return True

    def requests(self, person: str | None = None) -> list[StepRequest]:
        open_ = [r for r, closed in self.asked.values() if not closed]
        return [
            r for r in sorted(open_, key=lambda r: (r.asked_at, r.id)) if person in (None, r.person)
        ]

    def close_requests(self, person: str, pathway: str, step: str) -> None:
        for r in self.requests(person):
            if (r.pathway, r.step) == (pathway, step):
                self.asked[r.id or 0] = (r, True)

    def accredit(self, accreditation: Accreditation) -> Accreditation:
        for a in self.items.values():
            if (a.person, a.pathway) == (accreditation.person, accreditation.pathway):
                raise ConcurrentChange(_TAKEN)
            if a.reference == accreditation.reference:
                raise ConcurrentChange(_TAKEN)
        new_id = next(self._ids)
        stored = replace(accreditation, id=new_id)
        self.items[new_id] = stored
        return stored

    def accreditations(self, person: str | None = None) -> list[Accreditation]:
        return [a for _, a in sorted(self.items.items()) if person in (None, a.person)]

    def by_reference(self, reference: str) -> Accreditation | None:
        return next((a for a in self.items.values() if a.reference == reference), None)

    def in_use(self, pathway: str) -> dict[str, int]:
        people = {(s.step, s.person) for s in self.sign_offs(pathway=pathway)}
        people |= {(r.step, r.person) for r in self.requests() if r.pathway == pathway}
        return dict(Counter(step for step, _ in people))

    def count_accredited(self, pathway: str) -> int:
        return sum(a.pathway == pathway for a in self.items.values())

    def set_status(self, accreditation_id: int, status: AccreditationStatus, since: date) -> None:
        if accreditation_id in self.items:
            found = self.items[accreditation_id]
            self.items[accreditation_id] = replace(found, status=status, status_since=since)

    def role_statuses(self, person: str | None = None) -> list[RoleStatus]:
        return [r for _, r in sorted(self.roles.items()) if person in (None, r.person)]

    def save_role_statuses(self, statuses: Sequence[RoleStatus]) -> None:
        self.roles.update({(s.person, s.role): s for s in statuses})

    def drop_role_statuses(self, held: Sequence[tuple[str, str]]) -> None:
        for key in held:
            self.roles.pop(key, None)

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for (person, role), r in list(self.roles.items()):
            if person == user_id:
                del self.roles[person, role]
                self.roles[alias, role], count = replace(r, person=alias), count + 1
        for i, s in self.signed.items():
            if user_id in (s.person, s.signed_by):
                swapped = {k: _swap(getattr(s, k), user_id, alias) for k in ("person", "signed_by")}
                self.signed[i], count = replace(s, **swapped), count + 1
        for i, (asked, closed) in self.asked.items():
            if asked.person == user_id:
                self.asked[i], count = (replace(asked, person=alias), closed), count + 1
        for i, a in self.items.items():
            if user_id in (a.person, a.confirmed_by):
                swapped = {
                    k: _swap(getattr(a, k), user_id, alias) for k in ("person", "confirmed_by")
                }
                self.items[i], count = replace(a, **swapped), count + 1
        return count


class FakePeerReviews:
    def __init__(self) -> None:
        self.items: dict[int, PeerReview] = {}
        self.locks: list[int] = []
        self._ids = itertools.count(1)
        self.tokens: dict[int, str] = {}  # by review id: a rolled-back review's is ignored

    def add(self, review: PeerReview, client_token: str | None = None) -> PeerReview:
        if client_token and self.by_token(review.assessor, client_token) is not None:
            raise ConcurrentChange("Someone else changed this at the same moment.")
        review.id = next(self._ids)
        self.items[review.id] = copy.deepcopy(review)
        if client_token:
            self.tokens[review.id] = client_token
        return review

    def by_token(self, assessor: str, client_token: str) -> PeerReview | None:
        found = (
            r
            for i, r in self.items.items()
            if r.assessor == assessor and self.tokens.get(i) == client_token
        )
        return copy.deepcopy(next(found, None))

    def get(self, review_id: int) -> PeerReview:
        if review_id not in self.items:
            raise NotFound("That review form no longer exists.")
        return copy.deepcopy(self.items[review_id])

    def lock(self, review_id: int) -> PeerReview:
        self.locks.append(review_id)
        return self.get(review_id)

    def save(self, review: PeerReview) -> None:
        self.get(review.id or 0)
        self.items[review.id or 0] = copy.deepcopy(review)

    def list(
        self, *, trainer: str | None = None, assessor: str | None = None
    ) -> builtins.list[PeerReview]:
        found = [
            r
            for r in self.items.values()
            if trainer in (None, r.trainer) and assessor in (None, r.assessor)
        ]
        return copy.deepcopy(
            sorted(found, key=lambda r: (r.assessor_signed_at, r.id), reverse=True)
        )

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for r in self.items.values():
            if user_id in (r.trainer, r.assessor, r.manager):
                if r.trainer == user_id:  # what was written about them goes with them
                    r.trainer_comments, r.assessor_comments = "", ""
                    r.other_trainers, r.sessions_observed = "", ""
                for name in ("trainer", "assessor", "manager"):
                    setattr(r, name, _swap(getattr(r, name), user_id, alias))
                count += 1
        return count


class FakePairs:
    def __init__(self) -> None:
        self.items: dict[int, Pair] = {}
        self.locks: list[str] = []
        self._ids = itertools.count(1)

    def add(self, pair: Pair) -> Pair:
        new_id = next(self._ids)
        stored = replace(pair, id=new_id)
        self.items[new_id] = stored
        return stored

    def get(self, pair_id: int) -> Pair:
        if pair_id not in self.items:
            raise NotFound("That mentoring pair no longer exists.")
        return self.items[pair_id]

    def end(self, pair_id: int, at: datetime) -> None:
        self.items[pair_id] = replace(self.get(pair_id), ended_at=at)

    def active(self, *, mentor: str | None = None, mentee: str | None = None) -> list[Pair]:
        return [
            p
            for p in sorted(self.items.values(), key=lambda p: (p.paired_at, p.id))
            if p.ended_at is None and mentor in (None, p.mentor) and mentee in (None, p.mentee)
        ]

    def lock_mentor(self, mentor: str) -> None:
        self.locks.append(f"mentor:{mentor}")

    def anonymise(self, user_id: str, alias: str) -> int:
        count = 0
        for i, p in self.items.items():
            names = ("mentor", "mentee", "paired_by", "line_manager")
            if user_id in (getattr(p, name) for name in names):
                swapped = {name: _swap(getattr(p, name), user_id, alias) for name in names}
                if user_id in (p.mentor, p.mentee):
                    swapped["override_reason"] = ""
                self.items[i], count = replace(p, **swapped), count + 1
        return count


class FakeAudit:
    def __init__(self) -> None:
        self.events: list[StateChanged] = []
        self.notes: list[tuple[str, str, str, datetime, str]] = []
        self.written: list[str] = []  # "event" or "note", in the order written (the row ids)

    def record(self, event: StateChanged) -> None:
        self.events.append(event)
        self.written.append("event")

    def anonymise(self, user_id: str, alias: str, subjects: list[str] | None = None) -> None:
        """Their id goes from every entry; so do the details of ``subjects`` (their records)."""
        gone = set(subjects or ())
        self.events = [
            replace(
                e,
                actor=_swap(e.actor, user_id, alias),
                reason="" if f"nomination:{e.nomination_id}" in gone else e.reason,
            )
            for e in self.events
        ]
        self.notes = [
            (_swap(actor, user_id, alias), subject, action, at, "" if subject in gone else detail)
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


class FakeDebriefs:
    def __init__(self) -> None:
        self.items: dict[int, Debrief] = {}
        self._ids = itertools.count(1)

    def add(self, debrief: Debrief) -> Debrief:
        new_id = next(self._ids)
        stored = replace(debrief, id=new_id)
        self.items[new_id] = stored
        return stored

    def get(self, debrief_id: int) -> Debrief:
        if debrief_id not in self.items:
            raise NotFound("That debrief request no longer exists.")
        return self.items[debrief_id]

    def take(self, debrief_id: int, supervisor: str, at: datetime) -> bool:
        found = self.items.get(debrief_id)
        if found is None or found.taken_by is not None:
            return False
        self.items[debrief_id] = replace(found, taken_by=supervisor, taken_at=at)
        return True

    def list(self, requester: str | None = None) -> list[Debrief]:
        found = [d for d in self.items.values() if requester in (None, d.requester)]
        return sorted(found, key=lambda d: (d.asked_at, d.id))

    def anonymise(self, user_id: str, alias: str) -> int:
        changed = 0
        for key, d in list(self.items.items()):
            if user_id in (d.requester, d.taken_by):
                mine = d.requester == user_id
                self.items[key] = replace(
                    d,
                    requester=alias if mine else d.requester,
                    about="" if mine else d.about,
                    taken_by=alias if d.taken_by == user_id else d.taken_by,
                )
                changed += 1
        return changed


class FakeCohortChannels:
    def __init__(self) -> None:
        self.state: tuple[dict, dict] = ({}, {})  # channels by (programme, cohort); members

    def ask(self, channel: CohortChannel) -> bool:
        channels, _ = self.state
        key = (channel.programme_key, channel.cohort_key)
        if key in channels or self.named(channel.name) is not None:
            return False
        channels[key] = channel
        return True

    def get(self, programme_key: str, cohort_key: str) -> CohortChannel | None:
        return self.state[0].get((programme_key, cohort_key))

    def named(self, name: str) -> CohortChannel | None:
        return next((c for c in self.state[0].values() if c.name == name), None)

    def list(self, programme_key: str) -> list[CohortChannel]:
        found = [c for c in self.state[0].values() if c.programme_key == programme_key]
        return sorted(found, key=lambda c: c.asked_at)

    def created(self, programme_key: str, cohort_key: str, channel_id: str, at: datetime) -> bool:
        found = self.get(programme_key, cohort_key)
        if found is None or found.channel_id is not None:
            return False
        self.state[0][(programme_key, cohort_key)] = replace(
            found, channel_id=channel_id, created_at=at
        )
        return True

    def forget(self, programme_key: str, cohort_key: str) -> None:
        found = self.get(programme_key, cohort_key)
        if found is not None and found.channel_id is None:
            del self.state[0][(programme_key, cohort_key)]

    def join(self, programme_key: str, cohort_key: str, user_id: str, at: datetime) -> bool:
        members = self.state[1].setdefault((programme_key, cohort_key), {})
        if user_id in members:
            return False
        members[user_id] = at
        return True

    def members(self, programme_key: str, cohort_key: str) -> frozenset[str]:
        return frozenset(self.state[1].get((programme_key, cohort_key), {}))

    def count_members(self, programme_key: str) -> dict[str, int]:
        return {c: len(m) for (p, c), m in self.state[1].items() if p == programme_key and m}

    def anonymise(self, user_id: str, alias: str) -> int:
        changed = 0
        for key, c in list(self.state[0].items()):
            if c.asked_by == user_id:
                self.state[0][key] = replace(c, asked_by=alias)
                changed += 1
        for members in self.state[1].values():
            if user_id in members:
                members[alias] = members.pop(user_id)
                changed += 1
        return changed


class FakeGroupSessions:
    """Sessions and invitees in memory; attendance is read from the entries they credit."""

    def __init__(self, entries: FakeEntries) -> None:
        self.items: dict[int, tuple[GroupSession, str | None]] = {}
        self.guests: dict[tuple[int, str], Invitee] = {}
        self.entries = entries

    def add(self, session: GroupSession, client_token: str | None = None) -> GroupSession:
        if client_token and self.by_token(session.organiser, client_token):
            raise ConcurrentChange(_TAKEN)
        session.id = max(self.items, default=0) + 1
        self.items[session.id] = (copy.deepcopy(session), client_token)
        return session

    def by_token(self, organiser: str, client_token: str) -> GroupSession | None:
        found = [s for s, t in self.items.values() if (s.organiser, t) == (organiser, client_token)]
        return copy.deepcopy(found[0]) if found else None

    def get(self, session_id: int) -> GroupSession:
        if session_id not in self.items:
            raise NotFound("That group session no longer exists.")
        return copy.deepcopy(self.items[session_id][0])

    lock = get

    def cancel(self, session_id: int, by: str, at: datetime) -> None:
        if session_id not in self.items:
            return  # as an UPDATE of no row
        session, token = self.items[session_id]
        self.items[session_id] = (replace(session, cancelled_at=at, cancelled_by=by), token)

    def list(
        self, *, organiser: str | None = None, ending_after: datetime | None = None
    ) -> builtins.list[GroupSession]:
        return [
            copy.deepcopy(s)
            for s, _ in sorted(self.items.values(), key=lambda i: (i[0].starts_at, i[0].id))
            if organiser in (None, s.organiser)
            and (ending_after is None or s.ends_at > ending_after)
        ]

    def invited_to(self, person: str, ending_after: datetime) -> builtins.list[GroupSession]:
        ids = {sid for sid, p in self.guests if p == person}
        return [s for s in self.list(ending_after=ending_after) if s.id in ids]

    def invite(self, session_id: int, people: Iterable[str], now: datetime) -> None:
        for person in people:
            self.guests.setdefault((session_id, person), Invitee(session_id, person, now))

    def invitees(self, session_ids: Iterable[int]) -> dict[int, builtins.list[Invitee]]:
        found: dict[int, list[Invitee]] = {}
        for (sid, _), invitee in sorted(self.guests.items()):
            if sid in set(session_ids):
                found.setdefault(sid, []).append(invitee)
        return found

    def answer(self, session_id: int, person: str, answer: Answer, at: datetime) -> None:
        key = (session_id, person)
        if key in self.guests:  # as an UPDATE of no row when not invited
            self.guests[key] = replace(self.guests[key], answer=answer, answered_at=at)

    def attendance(self, session_ids: Iterable[int]) -> dict[int, dict[str, int]]:
        found: dict[int, dict[str, int]] = {}
        for entry in self.entries.items.values():
            if entry.group_session_id in set(session_ids):
                found.setdefault(entry.group_session_id, {})[entry.author_id] = entry.id or 0
        return found

    def anonymise(self, user_id: str, alias: str) -> int:
        changed = 0
        for sid, (s, token) in list(self.items.items()):
            if user_id in (s.organiser, s.cancelled_by):
                by = alias if s.cancelled_by == user_id else s.cancelled_by
                organiser = alias if s.organiser == user_id else s.organiser
                token = None if s.organiser == user_id else token
                self.items[sid] = (replace(s, organiser=organiser, cancelled_by=by), token)
                changed += s.organiser == user_id
        for (sid, person), invitee in list(self.guests.items()):
            if person == user_id:
                del self.guests[(sid, person)]
                self.guests[(sid, alias)] = replace(invitee, person=alias)
        return changed


class FakeLeave:
    def __init__(self) -> None:
        self.items: dict[int, Leave] = {}
        self._ids = itertools.count(1)

    def add(self, leave: Leave) -> Leave:
        new_id = next(self._ids)
        stored = replace(leave, id=new_id)
        self.items[new_id] = stored
        return stored

    def get(self, leave_id: int) -> Leave:
        if leave_id not in self.items:
            raise NotFound("That leave is no longer recorded.")
        return self.items[leave_id]

    def by_token(self, person: str, client_token: str) -> Leave | None:
        theirs = (s for s in self.items.values() if s.person == person)
        return next((s for s in theirs if s.client_token == client_token), None)

    def list(self, person: str | None = None) -> list[Leave]:
        found = [s for s in self.items.values() if person in (None, s.person)]
        return sorted(found, key=lambda s: (s.start, s.id))

    def not_ended(self, people: Iterable[str], on: date) -> dict[str, builtins.list[Leave]]:
        wanted, found = set(people), dict[str, builtins.list[Leave]]()
        for stretch in self.list():
            if stretch.person in wanted and stretch.end >= on:
                found.setdefault(stretch.person, []).append(stretch)
        return found

    def shorten(self, leave_id: int, end: date) -> None:
        self.items[leave_id] = replace(self.get(leave_id), end=end)

    def remove(self, leave_id: int) -> None:
        self.items.pop(leave_id, None)

    def lock_person(self, person: str) -> None:
        pass

    def erase(self, person: str) -> int:
        theirs = [i for i, s in self.items.items() if s.person == person]
        for i in theirs:
            del self.items[i]
        return len(theirs)


class FakeAppliedFiles:
    def __init__(self) -> None:
        self.value: tuple[str, datetime] | None = None

    def last(self) -> tuple[str, datetime] | None:
        return self.value

    def record(self, sha256: str, now: datetime) -> None:
        self.value = (sha256, now)


#: What a transaction can change, snapshot on entry and restored by a rollback.
_KEPT = (
    "programmes.items",
    "programmes.revisions",
    "ics.items",
    "nominations.items",
    "nominations.cards",
    "people.items",
    "people.homes",
    "people.choices",
    "audit.events",
    "audit.notes",
    "audit.written",
    "entries.items",
    "catalogue.value",
    "outbox.items",
    "outbox.dirty",
    "outbox.claims",
    "cascade_answers.items",
    "follow_up_calls.items",
    "inbox.items",
    "inbox.leases",
    "applied_files.value",
    "attendance.items",
    "accreditations.signed",
    "accreditations.asked",
    "accreditations.items",
    "accreditations.roles",
    "peer_reviews.items",
    "debriefs.items",
    "pairs.items",
    "leave.items",
    "group_sessions.items",
    "group_sessions.guests",
    "circle_deliveries.state",
    "circles.state",
    "cohort_channels.state",
)


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
        self.outbox = FakeOutbox()
        self.cascade_answers = FakeCascadeAnswers()
        self.follow_up_calls = FakeFollowUpCalls()
        self.inbox = FakeInbox()
        self.nominations.inbox = self.inbox  # requests waiting count as nominations arriving
        self.nominations.programmes = self.programmes
        self.applied_files = FakeAppliedFiles()
        self.attendance = FakeAttendance()
        self.accreditations = FakeAccreditations()
        self.peer_reviews = FakePeerReviews()
        self.pairs = FakePairs()
        self.leave = FakeLeave()
        self.debriefs = FakeDebriefs()
        self.cohort_channels = FakeCohortChannels()
        self.group_sessions = FakeGroupSessions(self.entries)
        self.circle_deliveries = FakeCircleDeliveries(self.entries)
        self.circles = FakeCircles()
        self.completes: int | None = None
        self.completed = False
        self.commits = 0
        self._snapshot: tuple | None = None

    def _state(self) -> tuple:
        return copy.deepcopy(tuple(attrgetter(path)(self) for path in _KEPT))

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = self._state()
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self) -> None:
        if self.completes is not None:
            self.inbox.remove(self.completes)
            self.completed = True
        self.commits += 1
        self._snapshot = self._state()

    def rollback(self) -> None:
        if self._snapshot is not None:
            for path, value in zip(_KEPT, copy.deepcopy(self._snapshot), strict=True):
                owner, name = path.split(".")
                setattr(getattr(self, owner), name, value)


if TYPE_CHECKING:

    def _matches_the_ports(
        uow: FakeUnitOfWork,
    ) -> tuple[
        handlers.accreditation.ports.UnitOfWork,
        handlers.circles.ports.UnitOfWork,
        handlers.follow_up.ports.UnitOfWork,
        handlers.group_sessions.ports.UnitOfWork,
        handlers.kernel.ports.UnitOfWork,
        handlers.networks.ports.UnitOfWork,
        handlers.nominations.ports.UnitOfWork,
        handlers.programme_admin.ports.UnitOfWork,
        handlers.supervision.ports.UnitOfWork,
    ]:
        """The type checker (in `make test`) holds every fake to its port, as it holds the
        SqlAlchemy repositories wherever the bot hands its unit of work to a use case: the
        fake unit of work is every feature's."""
        return (uow, uow, uow, uow, uow, uow, uow, uow, uow)
