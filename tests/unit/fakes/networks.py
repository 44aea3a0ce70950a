"""In-memory fakes of debriefs and cohort channels."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime

from domain.kernel.errors import NotFound
from domain.networks.cohort_channel import CohortChannel
from domain.networks.debrief import Debrief


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
