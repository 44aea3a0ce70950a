"""The coordinators' programme admin: Home buttons, the settings, new-intake and ICS forms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    context,
    input_block,
    meta,
    modal,
    option,
    section,
    session_lines,
    text_input,
)
from bot.kernel.ids import Field, variant
from bot.networks import ids as networks_ids
from bot.programme_admin import cohort_blocks as cohorts
from bot.programme_admin.ids import Action, Block, View
from bot.reminders import ids as reminders_ids
from domain.kernel.programme import Ics, Programme


# --- the coordinators' forms -----------------------------------------------------------------
def admin_actions(programme: Programme) -> Blocks:
    """Home: the programme's settings, a new intake, cohorts, ICSs."""
    key = programme.key
    cohort_buttons = []
    for cohort in programme.cohorts:
        if cohort.cancelled:
            continue
        value = f"{key}/{cohort.key}"
        cohort_buttons += [
            button(f"Edit {cohort.name}", variant(Action.EDIT_COHORT, cohort.key), value),
            button(f"Cancel {cohort.name}", variant(Action.CANCEL_COHORT, cohort.key), value),
        ]
    return [
        actions(
            button("Settings", Action.PROGRAMME_SETTINGS, key),
            button("Add a cohort", Action.ADD_COHORT, key),
            button("New intake (copy)", Action.COPY_PROGRAMME, key),
            button("ICSs and leads", Action.MANAGE_ICS, key),
            button("Cohort channels", networks_ids.Action.COHORT_CHANNELS, key),
        ),
        actions(
            button("Offer and criteria", Action.EDIT_OFFER, key),
            button("Requirements", Action.EDIT_REQUIREMENTS, key),
            button("Log types", Action.EDIT_LOG_TYPES, key),
            button("Session kinds", Action.EDIT_SESSION_KINDS, key),
            button("Circle topics", Action.EDIT_CIRCLE_TOPICS, key),
            button("Reminder policy", Action.EDIT_REMINDER_POLICY, key),
            button("Mentoring policy", Action.EDIT_MENTORING_POLICY, key),
            button("Audit log", Action.AUDIT_LOG, key),
            button("Preview reminders", reminders_ids.Action.REMINDER_PREVIEW, key),
        ),
        *([actions(*cohort_buttons[:24])] if cohort_buttons else []),
    ]


def settings_modal(p: Programme) -> dict[str, Any]:
    close = p.nominations_close.date().isoformat() if p.nominations_close else None
    people = [u for u in p.coordinators if "@" not in u]
    by_email = [u for u in p.coordinators if "@" in u]
    blocks = [
        text_input(Field.NAME, "Name", p.name, 150),
        text_input(Block.PROVIDER, "Provider", p.provider, 300),
        text_input(Block.CONTACT, "Contact (shown in the offer and help)", p.contact, 300, True),
        text_input(Block.TOTAL_PLACES, "Places in total", str(p.total_places), 6),
        text_input(Block.PER_ICS_LIMIT, "Nominations per ICS", str(p.per_ics_limit), 4),
        input_block(
            Field.CHANNEL,
            "Review channel",
            {"type": "conversations_select", "initial_conversation": p.review_channel},
        ),
        input_block(
            Block.CIRCLES_CHANNEL,
            "Circles channel (optional: where published circles are posted)",
            {
                "type": "conversations_select",
                **({"initial_conversation": p.circles_channel} if p.circles_channel else {}),
            },
            optional=True,
        ),
        input_block(
            Block.COORDINATORS,
            "Coordinators",
            {"type": "multi_users_select", **({"initial_users": people} if people else {})},
        ),
        _date_input(Block.OPENS, "Nominations open (optional)", p.nominations_open),
        input_block(
            Block.CLOSE,
            "Nominations close (optional)",
            {"type": "datepicker", **({"initial_date": close} if close else {})},
            optional=True,
        ),
        _checkbox(Block.OPEN, "Open to nominations", p.open),
        text_input(
            Block.OFFER_DAYS,
            "Working days to answer a waitlist offer",
            str(p.offer_working_days),
            2,
        ),
    ]
    if by_email:
        blocks.append(
            context("Also coordinators (by e-mail, in the programme file): " + ", ".join(by_email))
        )
    return modal(
        View.PROGRAMME_SETTINGS, "Programme settings", blocks, submit="Save", metadata=meta(p.key)
    )


def copy_modal(p: Programme) -> dict[str, Any]:
    blocks = [
        section(
            f"A new programme like *{p.name}*: the same provider, contact, places, limits, "
            "criteria, confirmations and review channel. Give it a name, its closing date "
            "and its first cohort; add more cohorts from Home afterwards."
        ),
        text_input(Field.NAME, "Name of the new intake", f"{p.name} (new intake)", 150),
        _date_input(Block.OPENS, "Nominations open (optional)", None),
        input_block(
            Block.CLOSE, "Nominations close (optional)", {"type": "datepicker"}, optional=True
        ),
        *cohorts.cohort_inputs(None),
    ]
    return modal(View.COPY_PROGRAMME, "New intake", blocks, submit="Open it", metadata=meta(p.key))


def pick_ics_modal(all_ics: list[Ics]) -> dict[str, Any]:
    choices = [option("➕ A new ICS", "new")] + [option(i.name, i.key) for i in all_ics[:99]]
    select = {"type": "static_select", "options": choices, "initial_option": choices[0]}
    blocks = [input_block(Field.ICS, "Which ICS?", select)]
    return modal(View.PICK_ICS, "ICSs and leads", blocks, submit="Next")


def ics_modal(ics: Ics | None) -> dict[str, Any]:
    people = [u for u in (ics.leads if ics else ()) if "@" not in u]
    blocks = [
        text_input(Field.NAME, "ICS name", ics.name if ics else "", 150),
        input_block(
            Block.LEADS,
            "Leads (they can nominate for it)",
            {"type": "multi_users_select", **({"initial_users": people} if people else {})},
            optional=True,
        ),
    ]
    title = "Add an ICS" if ics is None else clip(ics.name, 24)
    return modal(
        View.ICS, title, blocks, submit="Save", metadata=meta(None, ics.key if ics else None)
    )


def _checkbox(block: str, label: str, ticked: bool) -> dict[str, Any]:
    box = option(label, "yes")
    element: dict[str, Any] = {"type": "checkboxes", "options": [box]}
    if ticked:
        element["initial_options"] = [box]
    return input_block(block, "Nominations", element, optional=True)


def opened_text(p: Programme) -> str:
    cohort = p.cohorts[0]
    return (
        f"*{p.name}* is open to nominations, with *{cohort.name}* "
        f"({'; '.join(session_lines(cohort))}). Its dashboard is on your Home tab: add "
        "cohorts there, and share the offer when you are ready."
    )


def _date_input(block: str, label: str, moment: datetime | None) -> dict[str, Any]:
    initial = {"initial_date": f"{moment:%Y-%m-%d}"} if moment else {}
    return input_block(block, label, {"type": "datepicker", **initial}, optional=True)
