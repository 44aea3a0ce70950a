"""What the nominations use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork
from handlers.networks.ports import CohortChannelRepository


class Attendance(Protocol):
    def record(self, nomination_id: int, marks: dict[int, bool], by: str, now: datetime) -> None:
        """Whether the participant attended each session (numbered from 1)."""
        ...

    def of(self, nomination_ids: Iterable[int]) -> dict[int, dict[int, bool]]: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with attendance; the cohort
    channels the overview shows."""

    @property
    def attendance(self) -> Attendance: ...
    @property
    def cohort_channels(self) -> CohortChannelRepository: ...
