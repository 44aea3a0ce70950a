"""How far from today a date people choose may be: one rule for every form's dates (log
entries, sign-offs, peer review events, leave, circles, group sessions, cohort sessions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

YEAR = 365  # days


@dataclass(frozen=True)
class Bounds:
    """How many days before and after today a date may fall (0: not before, or not after,
    today)."""

    back: int
    ahead: int


#: A session, delivery, circle or event that happened: not in the future, a year back at most.
HAPPENED = Bounds(back=YEAR, ahead=0)
#: A step signed off: not in the future, three years back at most.
SIGNED_OFF = Bounds(back=3 * YEAR, ahead=0)
#: Something to come (a circle, a cohort's session): three years ahead at most. A day back is
#: allowed for time zones; whether it starts in the future is the finer check of date and time.
PLANNED = Bounds(back=1, ahead=3 * YEAR)
#: Leave: starting a year (a leap day included) either side of today at most.
LEAVE = Bounds(back=YEAR + 1, ahead=YEAR + 1)
#: An agreed action's due date (kept when an entry is edited later).
DUE = Bounds(back=2 * YEAR, ahead=3 * YEAR)

_YEARS = {1: "one year", 2: "two years", 3: "three years"}


def date_refusal(day: date, today: date, bounds: Bounds = PLANNED) -> str | None:
    """Why ``day`` cannot be chosen, in words to show beside the field; None when it can."""
    if too_far := ahead_refusal(day, today, bounds):
        return too_far
    if day < today - timedelta(days=bounds.back):
        if bounds.back <= 1:
            return "The date cannot be in the past."
        return f"That is too far back: choose a date at most {_span(bounds.back)} ago."
    return None


def ahead_refusal(day: date, today: date, bounds: Bounds = PLANNED) -> str | None:
    """Why ``day`` is too far ahead (a mistyped year, say); None when it is not. For dates
    whose past is checked more finely elsewhere (a session that has already started)."""
    latest = today + timedelta(days=bounds.ahead)
    if day <= latest:
        return None
    if bounds.ahead <= 1:  # (at most a day's grace, for time zones)
        return "The date cannot be in the future."
    return (
        f"That is too far ahead: choose a date at most {_span(bounds.ahead)} ahead "
        f"(by {latest:%-d %b %Y})."
    )


def _span(days: int) -> str:
    years = days // YEAR
    if not years:
        return f"{days} days"
    return _YEARS.get(years, f"{years} years")
