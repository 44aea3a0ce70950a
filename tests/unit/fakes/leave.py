"""The in-memory fake of leave."""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from domain.kernel.errors import NotFound
from domain.leave.leave import Leave


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
