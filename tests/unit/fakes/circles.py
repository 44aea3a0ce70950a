"""In-memory fakes of the circle repositories (part of unit_of_work.FakeUnitOfWork).

Each keeps everything in one ``state`` dict, which the fake unit of work snapshots and
restores on rollback."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.circles.calendar import Circle
from domain.circles.cover import CoverRequest
from domain.circles.topics import CircleDelivery
from domain.kernel.errors import ConcurrentChange, NotFound
from domain.supervision.entries import Entry

if TYPE_CHECKING:
    from tests.unit.fakes.supervision import FakeEntries


class FakeCircleDeliveries:
    def __init__(self, entries: FakeEntries) -> None:
        self.entries = entries  # removing an entry removes its circle part (ON DELETE CASCADE)
        self.state: dict[int, CircleDelivery] = {}

    def _live(self) -> dict[int, CircleDelivery]:
        return {i: d for i, d in self.state.items() if i in self.entries.items}

    def save(self, entry_id: int, delivery: CircleDelivery) -> None:
        co = tuple(dict.fromkeys(delivery.co_facilitators))
        self.state[entry_id] = replace(delivery, co_facilitators=tuple(sorted(co)))

    def topics_used(self) -> set[str]:
        return {d.topic for d in self._live().values()}

    def of_entries(self, entry_ids: Iterable[int]) -> dict[int, CircleDelivery]:
        live = self._live()
        return {i: live[i] for i in entry_ids if i in live}

    def co_facilitated(self, user_id: str) -> list[Entry]:
        live = self._live()
        found = [
            self.entries.items[i]
            for i, d in live.items()
            if user_id in d.co_facilitators and self.entries.items[i].author_id != user_id
        ]
        return copy.deepcopy(sorted(found, key=lambda e: (e.occurred_on, e.id), reverse=True))

    def latest_co_facilitated(self, log_types: Iterable[str]) -> dict[str, dict[str, date]]:
        types, found = set(log_types), dict[str, dict[str, date]]()
        for i, d in self._live().items():
            entry = self.entries.items[i]
            if entry.log_type not in types:
                continue
            dates = found.setdefault(entry.log_type, {})
            for person in d.co_facilitators:
                dates[person] = max(entry.occurred_on, dates.get(person, date.min))
        return found

    def anonymise(self, user_id: str, alias: str) -> int:
        changed = 0
        for i, d in list(self.state.items()):
            if user_id in d.co_facilitators:
                co = tuple(alias if u == user_id else u for u in d.co_facilitators)
                self.state[i] = replace(d, co_facilitators=co)
                changed += 1
        return changed


class FakeCircles:
    def __init__(self) -> None:
        self.state: dict = {"circles": {}, "tokens": {}, "signups": {}, "covers": {}, "next": 1}

    def _id(self) -> int:
        self.state["next"] += 1
        return self.state["next"] - 1

    def topics_used(self) -> set[str]:
        return {c.topic for c in self.state["circles"].values()}

    def add(self, circle: Circle, client_token: str | None = None) -> Circle:
        key = (circle.facilitator, client_token)
        if client_token and key in self.state["tokens"]:
            raise ConcurrentChange("Someone else changed this at the same moment.")
        stored = replace(circle, id=self._id())
        self.state["circles"][stored.id] = stored
        self.state["signups"][stored.id] = []
        if client_token:
            self.state["tokens"][key] = stored.id
        return stored

    def by_token(self, facilitator: str, client_token: str) -> Circle | None:
        found = self.state["tokens"].get((facilitator, client_token))
        return None if found is None else self.state["circles"][found]

    def get(self, circle_id: int) -> Circle:
        if circle_id not in self.state["circles"]:
            raise NotFound("That circle is no longer on the calendar.")
        return self.state["circles"][circle_id]

    lock = get

    def upcoming(self, now: datetime) -> list[Circle]:
        found = [c for c in self.state["circles"].values() if c.is_upcoming(now)]
        return sorted(found, key=lambda c: (c.starts_at, c.id))

    def set_co_facilitators(self, circle_id: int, co_facilitators: tuple[str, ...]) -> None:
        circle = self.get(circle_id)
        self.state["circles"][circle_id] = replace(circle, co_facilitators=co_facilitators)

    def cancel(self, circle_id: int, at: datetime) -> bool:
        circle = self.get(circle_id)
        if circle.cancelled_at is not None:
            return False
        self.state["circles"][circle_id] = replace(circle, cancelled_at=at)
        return True

    def sign_up(self, circle_id: int, user_id: str, at: datetime) -> None:
        taken = self.state["signups"][circle_id]
        if any(u == user_id for u, _ in taken):
            raise ConcurrentChange("Someone else changed this at the same moment.")
        taken.append((user_id, at))

    def cancel_sign_up(self, circle_id: int, user_id: str) -> bool:
        taken = self.state["signups"].get(circle_id, [])
        kept = [(u, at) for u, at in taken if u != user_id]
        self.state["signups"][circle_id] = kept
        return len(kept) < len(taken)

    def signups(self, circle_ids: Iterable[int]) -> dict[int, list[str]]:
        return {
            i: [u for u, _ in sorted(self.state["signups"].get(i, []), key=lambda s: (s[1], s[0]))]
            for i in circle_ids
        }

    def count_signups(self, circle_id: int) -> int:
        return len(self.state["signups"].get(circle_id, []))

    def ask_cover(self, request: CoverRequest) -> CoverRequest:
        stored = replace(request, id=self._id())
        self.state["covers"][stored.id] = stored
        return stored

    def cover(self, request_id: int) -> CoverRequest:
        if request_id not in self.state["covers"]:
            raise NotFound("That request for cover no longer exists.")
        return self.state["covers"][request_id]

    def covers(self, circle_id: int) -> list[CoverRequest]:
        return [r for r in self.state["covers"].values() if r.circle_id == circle_id]

    def take_cover(self, request_id: int, user_id: str, at: datetime) -> bool:
        request = self.state["covers"].get(request_id)
        if request is None or request.taken_by is not None:
            return False
        self.state["covers"][request_id] = replace(request, taken_by=user_id, taken_at=at)
        return True

    def anonymise(self, user_id: str, alias: str) -> int:
        changed = 0
        swap = lambda u: alias if u == user_id else u  # noqa: E731
        for i, c in list(self.state["circles"].items()):
            if user_id in c.facilitators:
                co = tuple(swap(u) for u in c.co_facilitators)
                self.state["circles"][i] = replace(
                    c, facilitator=swap(c.facilitator), co_facilitators=co
                )
                changed += 1
        for i, taken in self.state["signups"].items():
            self.state["signups"][i] = [(swap(u), at) for u, at in taken]
        for i, r in list(self.state["covers"].items()):
            self.state["covers"][i] = replace(
                r, asked_by=swap(r.asked_by), taken_by=r.taken_by and swap(r.taken_by)
            )
        return changed
