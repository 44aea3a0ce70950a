"""Cover for a circle: a co-facilitator who becomes unavailable asks, the ICS's other trained
facilitators are asked, and the first to take it on co-facilitates instead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.circles.calendar import Circle
from domain.kernel.errors import NotAllowed


@dataclass(frozen=True)
class CoverRequest:
    circle_id: int
    asked_by: str
    asked_at: datetime
    taken_by: str | None = None
    taken_at: datetime | None = None
    id: int | None = None


def ensure_can_ask(circle: Circle, user_id: str, now: datetime) -> None:
    if user_id not in circle.co_facilitators:
        raise NotAllowed("Only a co-facilitator of this circle can ask for cover.")
    if not circle.is_upcoming(now):
        raise NotAllowed("This circle has started or was cancelled: there is nothing to cover.")


def ensure_can_cover(circle: Circle, request: CoverRequest, user_id: str, now: datetime) -> None:
    if user_id in circle.facilitators or user_id == request.asked_by:
        raise NotAllowed("You are facilitating this circle already.")
    if not circle.is_upcoming(now):
        raise NotAllowed("This circle has started or was cancelled: there is nothing to cover.")
    if request.asked_by not in circle.co_facilitators:
        raise NotAllowed("This request for cover is no longer needed.")


@dataclass(frozen=True)
class CoverAsked:
    """``asked`` (the ICS's other trained facilitators) get "I can cover"."""

    circle: Circle
    request: CoverRequest
    asked: tuple[str, ...]


@dataclass(frozen=True)
class CoverTaken:
    circle: Circle
    request: CoverRequest
