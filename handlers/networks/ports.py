"""What the networks use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.networks.cohort_channel import CohortChannel
from domain.networks.debrief import Debrief
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork


class DebriefRepository(Protocol):
    def add(self, debrief: Debrief) -> Debrief: ...
    def get(self, debrief_id: int) -> Debrief:
        """NotFound when there is no such request."""
        ...

    def take(self, debrief_id: int, supervisor: str, at: datetime) -> bool:
        """Whether ``supervisor`` took it on: only the first of several at once does."""
        ...

    def list(self, requester: str | None = None) -> Sequence[Debrief]: ...
    def anonymise(self, user_id: str, alias: str) -> int: ...


class CohortChannelRepository(Protocol):
    def ask(self, channel: CohortChannel) -> bool:
        """False when the cohort has a channel already or the name is another cohort's."""
        ...

    def get(self, programme_key: str, cohort_key: str) -> CohortChannel | None: ...
    def named(self, name: str) -> CohortChannel | None: ...
    def list(self, programme_key: str) -> Sequence[CohortChannel]: ...
    def created(self, programme_key: str, cohort_key: str, channel_id: str, at: datetime) -> bool:
        """False when its creation was recorded already."""
        ...

    def forget(self, programme_key: str, cohort_key: str) -> None:
        """A request Slack could not carry out is dropped (never a created channel)."""
        ...

    def join(self, programme_key: str, cohort_key: str, user_id: str, at: datetime) -> bool:
        """False when they had chosen to join already."""
        ...

    def members(self, programme_key: str, cohort_key: str) -> frozenset[str]: ...
    def count_members(self, programme_key: str) -> dict[str, int]: ...
    def anonymise(self, user_id: str, alias: str) -> int: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with debriefs and cohort
    channels."""

    @property
    def debriefs(self) -> DebriefRepository: ...
    @property
    def cohort_channels(self) -> CohortChannelRepository: ...
