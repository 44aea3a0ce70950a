"""The programme calendar of circles open to all staff: a forthcoming circle, its places and
who may take one, and the rules of a good calendar entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from domain.circles.topics import LARGEST, MAX_CO_FACILITATORS, SMALLEST
from domain.kernel.dates import PLANNED, date_refusal
from domain.kernel.errors import DomainError, NotAllowed
from domain.supervision.entries import InvalidEntry

MAX_PLACES = 100


class CircleFull(DomainError):
    """Every place at the circle is taken."""


@dataclass(frozen=True)
class Circle:
    """A forthcoming circle; times are aware UTC, shown in ``timezone``."""

    facilitator: str
    topic: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str  # where, or the joining link
    places: int
    description: str = ""
    ics_key: str | None = None
    co_facilitators: tuple[str, ...] = ()
    published_at: datetime | None = None
    cancelled_at: datetime | None = None
    revision: int = 0  # how often its time or place changed: its calendar event's SEQUENCE
    id: int | None = None

    @property
    def facilitators(self) -> tuple[str, ...]:
        return (self.facilitator, *self.co_facilitators)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.timezone))

    def is_upcoming(self, now: datetime) -> bool:
        return self.cancelled_at is None and self.starts_at > now

    def ensure_open_to(self, user_id: str, now: datetime) -> None:
        """Whether ``user_id`` may take a place now (the count is the database's to check)."""
        if self.cancelled_at is not None:
            raise NotAllowed("This circle has been cancelled, so it takes no sign-ups.")
        if self.starts_at <= now:
            raise NotAllowed("This circle has already started, so it takes no more sign-ups.")
        if user_id in self.facilitators:
            raise NotAllowed("You are facilitating this circle, so you do not need a place.")

    def ensure_cancellable_by(self, user_id: str, is_coordinator: bool, now: datetime) -> None:
        """Its facilitators or a coordinator, before it starts (once cancelled, it stays so)."""
        if user_id not in self.facilitators and not is_coordinator:
            raise NotAllowed(
                "Only the person who published this circle, its co-facilitators or a "
                "coordinator can cancel it."
            )
        if self.cancelled_at is None and self.starts_at <= now:
            raise NotAllowed("This circle has already started, so it cannot be cancelled.")


@dataclass(frozen=True)
class CirclePublished:
    """On the calendar: posted to ``channels`` (the programmes' circles channels)."""

    circle: Circle
    channels: tuple[str, ...]


@dataclass(frozen=True)
class CircleCancelled:
    """Off the calendar, by ``by``: ``people`` had a place; ``channels`` are where it was posted."""

    circle: Circle
    people: tuple[str, ...]
    channels: tuple[str, ...]
    by: str


@dataclass(frozen=True)
class SignedUp:
    circle: Circle
    person: str


@dataclass(frozen=True)
class SignUpCancelled:
    circle: Circle
    person: str


def full_message(circle: Circle, topic_name: str) -> str:
    return (
        f"Sorry, *{topic_name}* is full: all {circle.places} places are taken. Look out for "
        "the next one on the calendar."
    )


def circle_times(
    day: date, start: time, end: time, timezone: str, today: date
) -> tuple[datetime, datetime]:
    """The local date and times typed, as aware UTC datetimes (a day beyond the calendar's
    bounds is refused first)."""
    if refusal := date_refusal(day, today, PLANNED):
        raise InvalidEntry(refusal, field="date")
    zone = ZoneInfo(timezone)
    return (
        datetime.combine(day, start, tzinfo=zone).astimezone(UTC),
        datetime.combine(day, end, tzinfo=zone).astimezone(UTC),
    )


def places_warning(places: int) -> str:
    if SMALLEST <= places <= LARGEST:
        return ""
    return f"Circles are for {SMALLEST}–{LARGEST} people; published anyway."


def check_circle(
    circle: Circle, now: datetime, topics: Iterable[str], ics_keys: Iterable[str]
) -> None:
    """Every rule of a good calendar entry; raises for the first field that breaks one."""
    if circle.topic not in set(topics):
        raise InvalidEntry("Choose the circle's topic from the list.", field="circle_topic")
    if circle.starts_at <= now:
        raise InvalidEntry("Choose a date and time in the future.", field="date")
    if circle.ends_at <= circle.starts_at:
        raise InvalidEntry("The circle must end after it starts.", field="circle_end")
    if not circle.place.strip():
        raise InvalidEntry("Say where the circle meets, or give its joining link.", field="place")
    if not 1 <= circle.places <= MAX_PLACES:
        raise InvalidEntry(f"Offer between 1 and {MAX_PLACES} places.", field="places")
    if circle.facilitator in circle.co_facilitators:
        raise InvalidEntry(
            "Name the people facilitating with you, not yourself.", field="co_facilitators"
        )
    if len(set(circle.co_facilitators)) > MAX_CO_FACILITATORS:
        raise InvalidEntry(
            f"Name at most {MAX_CO_FACILITATORS} co-facilitators.", field="co_facilitators"
        )
    if circle.ics_key is not None and circle.ics_key not in set(ics_keys):
        raise InvalidEntry("Choose the ICS from the list.", field="ics")
