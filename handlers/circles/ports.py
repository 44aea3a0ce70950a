"""What the circles use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

from domain.circle_calendar import Circle
from domain.circle_cover import CoverRequest
from domain.circles import CircleDelivery
from domain.supervision import Entry
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork


class CircleCalendarRepository(Protocol):
    """Forthcoming circles, the places taken at each, and requests for cover."""

    def add(self, circle: Circle, client_token: str | None = None) -> Circle: ...
    def topics_used(self) -> set[str]:
        """The topics published circles (forthcoming, past or cancelled) are about."""
        ...

    def by_token(self, facilitator: str, client_token: str) -> Circle | None: ...
    def get(self, circle_id: int) -> Circle:
        """NotFound when there is no such circle."""
        ...

    def lock(self, circle_id: int) -> Circle:
        """The circle, held until the transaction ends (one sign-up at a time)."""
        ...

    def upcoming(self, now: datetime) -> Sequence[Circle]: ...
    def set_co_facilitators(self, circle_id: int, co_facilitators: tuple[str, ...]) -> None: ...
    def cancel(self, circle_id: int, at: datetime) -> bool:
        """Whether this call cancelled it (False when it was cancelled already)."""
        ...

    def sign_up(self, circle_id: int, user_id: str, at: datetime) -> None: ...
    def cancel_sign_up(self, circle_id: int, user_id: str) -> bool: ...
    def signups(self, circle_ids: Iterable[int]) -> dict[int, list[str]]: ...
    def count_signups(self, circle_id: int) -> int: ...
    def ask_cover(self, request: CoverRequest) -> CoverRequest: ...
    def cover(self, request_id: int) -> CoverRequest: ...
    def covers(self, circle_id: int) -> Sequence[CoverRequest]: ...
    def take_cover(self, request_id: int, user_id: str, at: datetime) -> bool:
        """Whether ``user_id`` took it on: only the first of several at once does."""
        ...

    def anonymise(self, user_id: str, alias: str) -> int: ...


class CircleDeliveryRepository(Protocol):
    """The circle part of delivery entries (removed with its entry), and co-facilitators."""

    def save(self, entry_id: int, delivery: CircleDelivery) -> None: ...
    def topics_used(self) -> set[str]:
        """The topics logged circles are about."""
        ...

    def of_entries(self, entry_ids: Iterable[int]) -> dict[int, CircleDelivery]: ...
    def co_facilitated(self, user_id: str) -> Sequence[Entry]:
        """Circles others logged naming ``user_id`` as a co-facilitator, newest first."""
        ...

    def latest_co_facilitated(self, log_types: Iterable[str]) -> dict[str, dict[str, date]]:
        """Per log type, each co-facilitator's latest circle of that type."""
        ...

    def anonymise(self, user_id: str, alias: str) -> int: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with the circle calendar and
    the circle part of delivery entries."""

    circles: CircleCalendarRepository
    circle_deliveries: CircleDeliveryRepository
