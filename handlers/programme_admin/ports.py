"""What the programme admin use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from handlers.accreditation.ports import MentoringRepository
from handlers.circles.ports import CircleCalendarRepository, CircleDeliveryRepository
from handlers.group_sessions.ports import GroupSessionRepository
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork


class AppliedFiles(Protocol):
    def last(self) -> tuple[str, datetime] | None: ...
    def record(self, sha256: str, now: datetime) -> None: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with the applied files; what
    the catalogue checks before an item goes (circles, deliveries, group sessions) and the
    policy before mentoring changes (pairs)."""

    @property
    def applied_files(self) -> AppliedFiles: ...
    @property
    def circles(self) -> CircleCalendarRepository: ...
    @property
    def circle_deliveries(self) -> CircleDeliveryRepository: ...
    @property
    def group_sessions(self) -> GroupSessionRepository: ...
    @property
    def pairs(self) -> MentoringRepository: ...
