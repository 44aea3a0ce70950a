"""Mentoring pairs: a mentor's capacity, and the rule that a mentor should avoid being the
mentee's line manager (a coordinator may override it, with a recorded reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from domain.kernel.errors import DomainError, NotAllowed

REASON_MAX = 500


class MentoringPolicy(BaseModel):
    """Configurable under [mentoring]; these are the defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    capacity: int = Field(default=3, ge=1, le=50)  # mentees per mentor at once
    nudge_after_days: int = Field(default=42, ge=7, le=365)  # no session this long: nudge
    session_types: tuple[str, ...] = ("mentoring-given", "mentoring-received")
    debrief_role: str = "supervisor"  # who is asked when someone asks for a debrief


@dataclass(frozen=True)
class Pair:
    mentor: str
    mentee: str
    paired_by: str
    paired_at: datetime
    line_manager: str | None = None  # the mentee's line manager, as the coordinator set it
    override_reason: str = ""  # why the pair stands although the mentor manages the mentee
    ended_at: datetime | None = None
    id: int | None = None


class InvalidPair(DomainError):
    """A pairing that breaks a rule; ``field`` names the form field it concerns."""


def check_pair(
    pair: Pair, known_manager: str | None, mentor_load: int, already: bool, capacity: int
) -> None:
    """Refuse what should not be: oneself, twice, past the mentor's capacity, or the mentee's
    own line manager (known from their 1:1 logs or set here) without a reason."""
    if pair.mentor == pair.mentee:
        raise InvalidPair("Someone cannot mentor themselves.", field="mentee")
    if already:
        raise InvalidPair("These two are paired already.", field="mentee")
    if mentor_load >= capacity:
        raise InvalidPair(
            f"<@{pair.mentor}> already mentors {mentor_load} "
            f"{'person' if mentor_load == 1 else 'people'}, the most one mentor takes "
            f"({capacity}). Choose another mentor, or end one of their pairs first.",
            field="mentor",
        )
    if len(pair.override_reason) > REASON_MAX:
        raise InvalidPair(f"Keep the reason under {REASON_MAX} characters.", field="reason")
    manager = pair.line_manager or known_manager
    if manager == pair.mentor and not pair.override_reason.strip():
        source = "as you set it" if pair.line_manager else "from their 1:1 supervision logs"
        raise InvalidPair(
            f"<@{pair.mentor}> is <@{pair.mentee}>'s line manager ({source}). A mentor should "
            "avoid being the mentee's line manager: choose another mentor, or give the reason "
            "to pair them anyway.",
            field="reason",
        )


def quiet_since(pair: Pair, last_session: date | None) -> date:
    """The day the pair last met, or (never yet) the day they were paired."""
    return last_session or pair.paired_at.date()


def ensure_can_end(pair: Pair, user_id: str, is_coordinator: bool) -> None:
    if pair.ended_at is not None:
        raise NotAllowed("This pair has ended already.")
    if not is_coordinator and user_id not in (pair.mentor, pair.mentee):
        raise NotAllowed("Only the mentor, the mentee or a coordinator can end a pair.")
