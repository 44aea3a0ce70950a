"""A circle's calendar file (.ics), for whoever takes a place (and to take it out again)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from handlers.circles.calendar import CircleFacts


def circle_calendar(facts: CircleFacts, now: datetime, cancelled: bool = False) -> bytes:
    """One event with a UID of its own for good; a place given back (or a circle cancelled)
    sends the same event, CANCELLED, with a higher SEQUENCE, so calendars remove it."""
    c, zone = facts.circle, ZoneInfo(facts.circle.timezone)
    gone = cancelled or c.cancelled_at is not None
    calendar = Calendar()
    calendar.add("prodid", "-//Cascade//Leadership Support Circles//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if gone else "PUBLISH")
    event = Event()
    event.add("uid", f"circle-{c.id}@cascade")
    event.add("summary", f"Leadership Support Circle: {facts.topic}")
    event.add("dtstart", c.starts_at.astimezone(zone))
    event.add("dtend", c.ends_at.astimezone(zone))
    event.add("dtstamp", now.replace(microsecond=0))
    event.add("sequence", c.revision + (1 if gone else 0))
    event.add("location", c.place)
    if c.description:
        event.add("description", c.description)
    if gone:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
