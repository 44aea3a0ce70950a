"""The calendar file (.ics) of a group session: one event, cancelled once the session is."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from domain.group_sessions.sessions import GroupSession


def session_calendar(session: GroupSession, kind_name: str, now: datetime) -> bytes:
    """The event keeps its UID for good; a cancellation has a higher SEQUENCE, so a calendar
    that has the invitation takes the session out."""
    calendar = Calendar()
    calendar.add("prodid", "-//Cascade//Group sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if session.cancelled_at else "PUBLISH")
    event = Event()
    event.add("uid", f"group-session-{session.id}@cascade")
    event.add("summary", f"{session.title} ({kind_name})")
    event.add("dtstart", session.local(session.starts_at))
    event.add("dtend", session.local(session.ends_at))
    event.add("dtstamp", now.replace(microsecond=0))
    event.add("sequence", 1 if session.cancelled_at else 0)
    event.add("status", "CANCELLED" if session.cancelled_at else "CONFIRMED")
    event.add("location", session.place)
    agenda = f"\n\nAgenda:\n{session.agenda}" if session.agenda else ""
    event.add("description", f"{kind_name}, organised in Cascade.{agenda}")
    calendar.add_component(event)
    calendar.add_missing_timezones()  # VTIMEZONE, so every calendar shows the right hour
    return calendar.to_ical()
