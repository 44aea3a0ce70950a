"""Cohorts in the coordinators' hands: the add/edit and cancel forms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    cohort_name,
    context,
    input_block,
    meta,
    modal,
    option,
    section,
    session_lines,
    text_input,
)
from bot.kernel.ids import Field
from bot.programme_admin.ids import Block, View
from domain.kernel.programme import MOST_SESSIONS, Cohort, Programme
from handlers.programme_admin.cohorts import CancelForm


def session_slots(sessions: int) -> int:
    """One slot per session and two empty ones to add more (at least four: the mentor
    programme's two full and two half days), up to the most a cohort keeps."""
    return min(MOST_SESSIONS, max(sessions + 2, 4))


def cohort_modal(p: Programme, cohort: Cohort | None) -> dict[str, Any]:
    title = "Add a cohort" if cohort is None else f"Edit {cohort.name}"
    intro = (
        "Everyone with a place in it hears of changed dates or joining details, with a "
        "calendar file that replaces the old one."
        if cohort
        else f"A new cohort of *{p.name}*."
    )
    metadata = meta(p.key, cohort.key if cohort else None)
    blocks = [section(intro), *cohort_inputs(cohort)]
    return modal(View.COHORT, title, blocks, submit="Save", metadata=metadata)


def cohort_inputs(cohort: Cohort | None) -> Blocks:
    name = cohort.name if cohort else "Cohort"
    places = str(cohort.places) if cohort and cohort.places else ""
    blocks = [
        text_input(Block.COHORT_NAME, "Cohort name", name, 100),
        text_input(Field.PLACES, "Places (optional cap)", places, 6, optional=True),
    ]
    sessions = cohort.sessions if cohort else ()
    for n in range(1, session_slots(len(sessions)) + 1):
        s = sessions[n - 1] if n <= len(sessions) else None
        optional = n > 1
        blocks += [
            input_block(
                f"{Block.SESSION_DATE}{n}",
                f"Session {n}: date" + (" (optional)" if optional else ""),
                {"type": "datepicker", **({"initial_date": f"{s.start:%Y-%m-%d}"} if s else {})},
                optional=optional,
            ),
            _time_input(
                f"{Block.SESSION_START}{n}",
                f"Session {n}: starts",
                s.start if s else None,
                optional,
            ),
            _time_input(
                f"{Block.SESSION_END}{n}", f"Session {n}: ends", s.end if s else None, optional
            ),
        ]
    blocks.append(context(_slots_hint(len(sessions))))
    joining = cohort.joining if cohort else ""
    blocks.append(
        text_input(
            Block.JOINING, "Joining details (link, dial-in)", joining, 1000, True, multiline=True
        )
    )
    return blocks


def _slots_hint(sessions: int) -> str:
    hint = "To remove a session, clear its date and times."
    if session_slots(sessions) < MOST_SESSIONS:
        return f"{hint} Need more? Save, then edit the cohort: it has room for two more."
    return f"{hint} A cohort has at most {MOST_SESSIONS} sessions."


def cancel_modal(form: CancelForm) -> dict[str, Any]:
    cohort, people = form.cohort, form.participants
    choices = [
        option("Put them back on the waitlist", "waitlist"),
        option("Release their places", "release"),
    ]
    for key, free in form.free.items():
        room = "room for all" if free is None else f"{free} free"
        choices.insert(
            0, option(f"Move them to {cohort_name(form.programme, key)} ({room})", f"move:{key}")
        )
    blocks = [
        section(
            f"Cancel *{cohort.name}* ({'; '.join(session_lines(cohort))})? "
            f"{people} {'person has' if people == 1 else 'people have'} a place in it. Each "
            "of them and their lead is told; a pending offer in it goes back to the waitlist."
        ),
        input_block(
            Block.THEN,
            "What happens to its participants",
            {"type": "static_select", "options": choices, "initial_option": choices[0]},
        ),
        text_input(Field.REASON, "Why (they see this)", "", 500, optional=True, multiline=True),
    ]
    metadata = meta(form.programme.key, cohort.key)
    return modal(
        View.CANCEL_COHORT,
        "Cancel a cohort",
        blocks,
        submit="Cancel cohort",
        close="Back",
        metadata=metadata,
    )


def _time_input(block: str, label: str, moment: datetime | None, optional: bool) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "timepicker"}
    if moment is not None:
        element["initial_time"] = f"{moment:%H:%M}"
    return input_block(
        block, label + (" (optional)" if optional else ""), element, optional=optional
    )


def cancelled_text(cohort: Cohort, told: int) -> str:
    people = (
        "nobody had a place in it"
        if not told
        else f"{told} participant(s) and their leads are being told"
    )
    return f"*{cohort.name}* is cancelled; {people}."
