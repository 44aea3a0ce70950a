"""What the group sessions use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from domain.group_sessions.sessions import Answer, GroupSession, Invitee
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork


class GroupSessionRepository(Protocol):
    """Scheduled group sessions and who is invited; attendance is the entries they credit."""

    def add(self, session: GroupSession, client_token: str | None = None) -> GroupSession: ...
    def by_token(self, organiser: str, client_token: str) -> GroupSession | None: ...
    def get(self, session_id: int) -> GroupSession:
        """NotFound when there is no such session."""
        ...

    def lock(self, session_id: int) -> GroupSession:
        """The session, held until the transaction ends (one attendance change at a time)."""
        ...

    def cancel(self, session_id: int, by: str, at: datetime) -> None: ...
    def list(
        self, *, organiser: str | None = None, ending_after: datetime | None = None
    ) -> Sequence[GroupSession]:
        """Sessions (cancelled ones too), soonest first."""
        ...

    def invited_to(self, person: str, ending_after: datetime) -> Sequence[GroupSession]: ...
    def invite(self, session_id: int, people: Iterable[str], now: datetime) -> None:
        """Invite those not invited yet."""
        ...

    def invitees(self, session_ids: Iterable[int]) -> dict[int, builtins.list[Invitee]]: ...
    def answer(self, session_id: int, person: str, answer: Answer, at: datetime) -> None: ...
    def attendance(self, session_ids: Iterable[int]) -> dict[int, dict[str, int]]:
        """Per session, each attendee credited and the id of the entry that credits them."""
        ...

    def anonymise(self, user_id: str, alias: str) -> int: ...


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with group sessions."""

    @property
    def group_sessions(self) -> GroupSessionRepository: ...
