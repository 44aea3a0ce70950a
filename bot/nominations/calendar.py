"""Calendar files (.ics) for a confirmed cohort's sessions."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from icalendar import Calendar, Event

from domain.kernel.programme import Cohort, Programme, Session


def cohort_calendar(
    programme: Programme,
    cohort: Cohort,
    revision: int,
    now: datetime,
    left: tuple[Cohort, int] | None = None,
) -> bytes:
    """The same bytes for everyone in a cohort (built once: time zone rules take a while).

    Each session keeps its UID for good; ``revision`` (how often the cohort was rescheduled)
    is every event's SEQUENCE, so a calendar that has the earlier file replaces its events.
    ``left``: the cohort (and its revision) of a place moved from there; its events are in
    the file too, cancelled, so they leave the person's calendar."""
    stamp = now.replace(second=0, microsecond=0, minute=0, hour=0)
    return _calendar(programme, cohort, revision, stamp, left)


@lru_cache(maxsize=64)
def _calendar(
    programme: Programme,
    cohort: Cohort,
    revision: int,
    stamp: datetime,
    left: tuple[Cohort, int] | None,
) -> bytes:
    calendar = _new("PUBLISH")
    for event in _events(programme, cohort, revision, stamp):
        calendar.add_component(event)
    if left is not None:
        old, old_revision = left
        for event in _events(programme, old, old_revision + 1, stamp):
            event.add("status", "CANCELLED")
            calendar.add_component(event)
    calendar.add_missing_timezones()  # VTIMEZONE, so every calendar shows the right hour
    return calendar.to_ical()


def cancelled_sessions_calendar(
    programme: Programme,
    cohort: Cohort,
    revision: int,
    now: datetime,
    dropped: tuple[tuple[int, Session], ...],
) -> bytes:
    """A cancellation (METHOD:CANCEL) of the events of sessions the cohort no longer has,
    each by its number's UID with the cohort's latest SEQUENCE: calendars remove them."""
    calendar = _new("CANCEL")
    stamp = now.replace(second=0, microsecond=0, minute=0, hour=0)
    for number, session in dropped:
        event = _event(programme, cohort, number, session, revision, stamp, "Cancelled: ")
        event.add("status", "CANCELLED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _new(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Cascade//Train the trainer//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def _event(
    programme: Programme,
    cohort: Cohort,
    number: int,
    session: Session,
    revision: int,
    stamp: datetime,
    prefix: str = "",
) -> Event:
    """Session ``number``'s event: its UID for good, its times in the programme's zone."""
    event = Event()
    event.add("uid", _uid(programme, cohort, number))
    event.add("summary", f"{prefix}{programme.name}: {cohort.name} (part {number})")
    event.add("dtstart", session.start.replace(tzinfo=programme.tz))
    event.add("dtend", session.end.replace(tzinfo=programme.tz))
    event.add("dtstamp", stamp)
    event.add("sequence", revision)
    return event


def _uid(programme: Programme, cohort: Cohort, number: int) -> str:
    """A session's event, for good: the cohort's session of that number."""
    return f"{programme.key}-{cohort.key}-{number}@cascade"


def _events(programme: Programme, cohort: Cohort, revision: int, stamp: datetime) -> list[Event]:
    events = []
    for number, session in enumerate(cohort.sessions, 1):
        event = _event(programme, cohort, number, session, revision, stamp)
        if cohort.cancelled:
            event.add("status", "CANCELLED")
        event.add("location", programme.delivery)
        joining = f"\nJoining details: {cohort.joining}" if cohort.joining else ""
        event.add("description", f"{programme.provider}. {programme.delivery}.{joining}")
        events.append(event)
    return events
