"""Reading the coordinators' admin forms into commands; every problem names its block."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from bot.kernel import forms
from bot.kernel.ids import Field
from bot.programme_admin.ids import Block
from domain.kernel.dates import ahead_refusal
from domain.kernel.errors import DomainError
from domain.kernel.people import Actor
from domain.kernel.programme import MOST_SESSIONS, Session
from handlers.programme_admin.commands import CohortDetails, EditProgramme

#: A use case's field (or a command's) -> the block that shows its problem; a problem with a
#: cohort ("cohort:KEY", a ``ConfigConflict``'s) shows beside its places.
BLOCKS = {
    "name": Field.NAME,
    "provider": Block.PROVIDER,
    "contact": Block.CONTACT,
    "total_places": Block.TOTAL_PLACES,
    "per_ics_limit": Block.PER_ICS_LIMIT,
    "review_channel": Field.CHANNEL,
    "circles_channel": Block.CIRCLES_CHANNEL,
    "coordinators": Block.COORDINATORS,
    "close": Block.CLOSE,
    "nominations_open": Block.OPENS,
    "nominations_close": Block.CLOSE,
    "offer_working_days": Block.OFFER_DAYS,
    "places": Field.PLACES,
    "joining": Block.JOINING,
    "sessions": f"{Block.SESSION_DATE}1",
    "then": Block.THEN,
    "move_to": Block.THEN,
    "reason": Field.REASON,
    "leads": Block.LEADS,
    "cohort": Field.PLACES,
}
_CHANNELS = ("review_channel", "circles_channel")
_PLAIN = {
    "string_pattern_mismatch": "Please leave out < and > (and choose people from the list).",
    "int_parsing": "Please give a whole number.",
    "int_type": "Please give a whole number.",
    "greater_than_equal": "Please give at least {ge}.",
    "less_than_equal": "Please give at most {le}.",
    "string_too_short": "Please fill this in.",
    "string_too_long": "This is too long: at most {max_length} characters.",
    "too_short": "Please choose at least {min_length}.",
    "missing": "Please fill this in.",
}


def build(model: type, view_values: dict[str, Any], blocks: dict[str, str] | None = None) -> Any:
    """The command, or its first problem as a DomainError on the block it concerns
    (``blocks``: fields whose block differs from the usual one in this form)."""
    try:
        return model(**view_values)
    except ValidationError as invalid:
        problem = invalid.errors()[0]
        loc = [str(part) for part in problem["loc"]]
        field = next((part for part in loc if part in BLOCKS), loc[0] if loc else "")
        words = _PLAIN.get(problem["type"], str(problem["msg"]).removeprefix("Value error, "))
        if field in _CHANNELS and problem["type"] == "string_pattern_mismatch":
            words = "Please choose a channel from the list."
        block = (blocks or {}).get(field) or BLOCKS.get(field, field)
        raise DomainError(words.format(**(problem.get("ctx") or {})), field=block) from None


def settings(view: dict[str, Any], actor: Actor) -> EditProgramme:
    return build(
        EditProgramme,
        {
            "actor": actor,
            "programme_key": str(forms.metadata(view).get("programme") or ""),
            "name": forms.typed(view, Field.NAME),
            "provider": forms.typed(view, Block.PROVIDER),
            "contact": forms.typed(view, Block.CONTACT),
            "total_places": forms.number(view, Block.TOTAL_PLACES),
            "per_ics_limit": forms.number(view, Block.PER_ICS_LIMIT),
            "review_channel": forms.selected(view, Field.CHANNEL) or "",
            "circles_channel": forms.selected(view, Block.CIRCLES_CHANNEL) or "",
            "coordinators": forms.picked_users(view, Block.COORDINATORS),
            "nominations_open": forms.picked_date(view, Block.OPENS),
            "nominations_close": forms.picked_date(view, Block.CLOSE),
            "open": forms.ticked_one(view, Block.OPEN),
            "offer_working_days": forms.number(view, Block.OFFER_DAYS),
        },
    )


def cohort_details(view: dict[str, Any], today: date) -> CohortDetails:
    return build(
        CohortDetails,
        {
            "name": forms.typed(view, Block.COHORT_NAME),
            "places": forms.number(view, Field.PLACES),
            "sessions": sessions(view, today),
            "joining": forms.typed(view, Block.JOINING),
        },
        {"name": Block.COHORT_NAME},
    )


def sessions(view: dict[str, Any], today: date) -> tuple[Session, ...]:
    """The sessions filled in (a date with its start and end), in the order of their slots; a
    cleared slot drops its session, a half-filled one (or one years ahead) is refused where it
    is wrong."""
    found = []
    for n in range(1, MOST_SESSIONS + 1):
        day = forms.picked_date(view, f"{Block.SESSION_DATE}{n}")
        start = forms.picked_time(view, f"{Block.SESSION_START}{n}")
        end = forms.picked_time(view, f"{Block.SESSION_END}{n}")
        if day is None and start is None and end is None:
            continue
        if day is None:
            raise DomainError("Please choose the date.", field=f"{Block.SESSION_DATE}{n}")
        if too_far := ahead_refusal(day, today):
            raise DomainError(too_far, field=f"{Block.SESSION_DATE}{n}")
        if start is None or end is None:
            block = Block.SESSION_START if start is None else Block.SESSION_END
            raise DomainError("Please choose the time.", field=f"{block}{n}")
        if end <= start:
            raise DomainError("It must end after it starts.", field=f"{Block.SESSION_END}{n}")
        found.append(Session(start=datetime.combine(day, start), end=datetime.combine(day, end)))
    if not found:
        raise DomainError("Please give the first session.", field=f"{Block.SESSION_DATE}1")
    return tuple(found)
