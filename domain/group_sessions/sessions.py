"""Group sessions scheduled ahead (good-practice review groups, supervision days,
standardisation meetings, ICS implementation sessions): invitations, answers and attendance.

Attending counts for the attendee's requirements: the organiser's record of who came logs an
entry of the kind's log type for each attendee, so nobody has to log it themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from domain.kernel.dates import YEAR, Bounds, date_refusal
from domain.kernel.errors import DomainError, NotAllowed
from domain.supervision.entries import Entry, Kind, LogType

TITLE_MAX = 150
PLACE_MAX = 500
AGENDA_MAX = 2500
INVITEES_MAX = 250
LONGEST = timedelta(hours=12)
AHEAD = Bounds(back=1, ahead=2 * YEAR)  # scheduled at most two years ahead
RECORD_FOR = timedelta(days=365)  # attendance can be recorded for a year after the start


class SessionKind(BaseModel):
    """A kind of group session that can be scheduled; attending it counts as ``log_type``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    name: Annotated[str, Field(min_length=1, max_length=75)]
    log_type: str
    agenda: bool = False  # it needs an agenda (a supervision day has one)
    organised_by: tuple[str, ...] = (
        "lead-trainer",
    )  # roles that may schedule it (and coordinators)


class Answer(StrEnum):
    GOING = "going"
    NOT_GOING = "not-going"


class InvalidSession(DomainError):
    """A field of a group session is not acceptable; ``field`` names it."""


@dataclass
class GroupSession:
    kind: str
    log_type: str
    title: str
    starts_at: datetime  # UTC
    ends_at: datetime
    timezone: str  # where the times were given (the organiser's), for showing them
    place: str
    organiser: str
    created_at: datetime
    agenda: str = ""
    ics_key: str | None = None
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    id: int | None = None

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.timezone))

    def ensure_manageable_by(self, user_id: str, is_coordinator: bool) -> None:
        if user_id != self.organiser and not is_coordinator:
            raise NotAllowed("Only the organiser or a coordinator can do that.")

    def ensure_open_for_answers(self, now: datetime) -> None:
        if self.cancelled_at is not None:
            raise NotAllowed(f"“{self.title}” was cancelled, so there is nothing to answer.")
        if now >= self.starts_at:
            raise NotAllowed(f"“{self.title}” has already started, so answers are closed.")

    def ensure_cancellable(self, now: datetime) -> None:
        if self.cancelled_at is not None:
            raise NotAllowed(f"“{self.title}” was cancelled already.")
        if now >= self.starts_at:
            raise NotAllowed(
                f"“{self.title}” has already started, so it cannot be cancelled; "
                "record who came instead."
            )

    def ensure_attendance_open(self, now: datetime) -> None:
        if self.cancelled_at is not None:
            raise NotAllowed(f"“{self.title}” was cancelled, so nobody attended it.")
        if now < self.starts_at:
            raise NotAllowed(
                f"“{self.title}” has not started yet: record who came once it has begun."
            )
        if now - self.starts_at > RECORD_FOR:
            raise NotAllowed("Attendance can be recorded for up to a year after a session.")


@dataclass(frozen=True)
class Invitee:
    session_id: int
    person: str
    invited_at: datetime
    answer: Answer | None = None
    answered_at: datetime | None = None


def session_times(
    day: date | None, start: time | None, end: time | None, tz: str, today: date
) -> tuple[datetime, datetime]:
    """The start and end in UTC, from a day and two times where the organiser is."""
    if day is None:
        raise InvalidSession("Choose the day of the session.", field="date")
    if refusal := date_refusal(day, today, AHEAD):
        raise InvalidSession(refusal, field="date")
    if start is None:
        raise InvalidSession("Choose when the session starts.", field="start")
    if end is None:
        raise InvalidSession("Choose when the session ends.", field="end")
    zone = ZoneInfo(tz)
    starts, ends = datetime.combine(day, start, zone), datetime.combine(day, end, zone)
    return starts.astimezone(ZoneInfo("UTC")), ends.astimezone(ZoneInfo("UTC"))


def check_session(session: GroupSession, kind: SessionKind, invited: int, now: datetime) -> None:
    """Every rule of a good session; raises for the first field that breaks one."""
    if not session.title.strip():
        raise InvalidSession("Give the session a title.", field="title")
    if "<" in session.title or ">" in session.title:
        raise InvalidSession("Please leave out < and > from the title.", field="title")
    if len(session.title) > TITLE_MAX:
        raise InvalidSession(f"Keep the title under {TITLE_MAX} characters.", field="title")
    if session.starts_at <= now:
        raise InvalidSession("The session must start in the future.", field="start")
    if session.ends_at <= session.starts_at:
        raise InvalidSession("The end must be after the start.", field="end")
    if session.ends_at - session.starts_at > LONGEST:
        raise InvalidSession("A session lasts at most 12 hours.", field="end")
    if not session.place.strip():
        raise InvalidSession("Say where it is, or give the joining link.", field="place")
    if len(session.place) > PLACE_MAX:
        raise InvalidSession(f"Keep this under {PLACE_MAX} characters.", field="place")
    if kind.agenda and not session.agenda.strip():
        raise InvalidSession(f"A {kind.name.lower()} needs an agenda.", field="agenda")
    if len(session.agenda) > AGENDA_MAX:
        raise InvalidSession(f"Keep the agenda under {AGENDA_MAX} characters.", field="agenda")
    if invited == 0:
        raise InvalidSession("Invite someone: choose people, or a role.", field="invitees")
    if invited > INVITEES_MAX:
        raise InvalidSession(
            f"That is {invited} people; a group session invites at most {INVITEES_MAX}.",
            field="invitees",
        )


def attendance_entry(
    session: GroupSession, log_type: LogType, person: str, attendees: int, now: datetime
) -> Entry:
    """The entry that credits ``person`` with attending: the session's type, day and length."""
    supervision = log_type.kind is Kind.SUPERVISION
    return Entry(
        author_id=person,
        log_type=log_type.key,
        kind=log_type.kind,
        occurred_on=session.local(session.starts_at).date(),
        created_at=now,
        updated_at=now,
        with_name=session.title[:200],
        duration_minutes=min(max(session.minutes, 5), 480) if supervision else None,
        participants=None if supervision else max(attendees, 1),
        group_session_id=session.id,
    )
