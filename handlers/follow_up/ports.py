"""What the follow up use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from domain.follow_up.follow_through import Answer as CascadeAnswer
from domain.follow_up.follow_through import Call
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork
from handlers.nominations.ports import Attendance


class CascadeAnswers(Protocol):
    def add(
        self,
        nomination_id: int,
        started: bool,
        reason: str,
        now: datetime,
        materials: str = "",
        support: str = "",
    ) -> int:
        """Stored; its id."""
        ...

    def get(self, answer_id: int) -> CascadeAnswer:
        """NotFound when there is no such answer."""
        ...

    def add_words(self, answer_id: int, materials: str, support: str) -> None: ...
    def answers(self, nomination_ids: Iterable[int]) -> dict[int, CascadeAnswer]:
        """Each nomination's latest answer, with its words."""
        ...

    def clear_reasons(self, nomination_ids: Iterable[int]) -> None: ...
    def latest(self, nomination_ids: Iterable[int]) -> dict[int, tuple[bool, str, datetime]]: ...


class FollowUpCalls(Protocol):
    def add(self, call: Call) -> bool:
        """Stored; False when that round's call was ticked off already."""
        ...

    def of(self, nomination_id: int, round_: int) -> Call | None: ...
    def latest(self, nomination_ids: Iterable[int]) -> dict[int, Call]:
        """Each nomination's call of its latest round."""
        ...

    def anonymise(self, user_id: str, alias: str) -> int: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with cascading answers,
    follow-up calls; attendance for the register."""

    @property
    def cascade_answers(self) -> CascadeAnswers: ...
    @property
    def follow_up_calls(self) -> FollowUpCalls: ...
    @property
    def attendance(self) -> Attendance: ...
