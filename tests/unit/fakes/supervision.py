"""In-memory fakes of the supervision entries and the catalogue."""

from __future__ import annotations

import builtins
import copy
from collections.abc import Iterable
from datetime import date

from domain.kernel.errors import ConcurrentChange, NotFound
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from tests.unit.fakes.kernel import TAKEN


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
            raise ConcurrentChange(TAKEN)  # credited once per session, as the index says
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
