"""In-memory fakes of cascading answers, follow-up calls and attendance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from domain.follow_up.follow_through import Answer as CascadeAnswer
from domain.follow_up.follow_through import Call
from domain.kernel.errors import NotFound


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
