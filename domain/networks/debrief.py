"""Debriefs on request: a facilitator asks, the programme's supervisors are asked, and the
first who takes it on is the one who debriefs them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.kernel.errors import NotAllowed


class DebriefKind(StrEnum):
    ONE_TO_ONE = "one-to-one"
    GROUP = "group"

    @property
    def label(self) -> str:
        return "1:1" if self is DebriefKind.ONE_TO_ONE else "group"


@dataclass(frozen=True)
class Debrief:
    """A request for a debrief; ``about`` is shared with the supervisors asked."""

    requester: str
    kind: DebriefKind
    about: str
    asked_at: datetime
    taken_by: str | None = None
    taken_at: datetime | None = None
    id: int | None = None

    def ensure_can_take(self, user_id: str) -> None:
        if user_id == self.requester:
            raise NotAllowed("You asked for this debrief: a supervisor will take it on.")


@dataclass(frozen=True)
class DebriefRequested:
    """Asked of ``supervisors`` (or, with none named, of ``coordinators``)."""

    debrief: Debrief
    supervisors: tuple[str, ...]
    coordinators: tuple[str, ...]


@dataclass(frozen=True)
class DebriefTaken:
    debrief: Debrief
