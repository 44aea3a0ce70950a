"""The in-memory fake of the nominations repository."""

from __future__ import annotations

import builtins
import copy
from collections import Counter
from collections.abc import Sequence
from typing import Any

from domain.kernel.errors import NotFound
from domain.nominations.capacity import Standing
from domain.nominations.nomination import ACTIVE, USES_PLACE, Nomination, Status
from tests.unit.fakes.kernel import FakeAudit, FakeInbox, FakeProgrammes


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
