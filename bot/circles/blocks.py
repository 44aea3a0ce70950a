"""The "Log a circle" form, its confirmation, and the word to each co-facilitator credited."""

from __future__ import annotations

import json
from typing import Any

from bot.circles.ids import Block, View
from bot.kernel.blocks import (
    Blocks,
    context,
    escape,
    input_block,
    modal,
    number_element,
    option,
    plain,
    section,
    text_element,
)
from bot.kernel.ids import Field
from bot.supervision.record import standing_lines
from domain.circles.topics import MAX_CO_FACILITATORS, CircleDelivery, Setting
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry
from handlers.supervision.circle_deliveries import CircleForm, LoggedCircle

SETTINGS = {
    Setting.STANDALONE: "A standalone circle",
    Setting.EMBEDDED: "Part of another leadership programme",
}


def circle_modal(form: CircleForm) -> dict[str, Any]:
    """Date, topic, size, co-facilitators, ICS, standalone or embedded: about a minute."""
    catalogue, entry, delivery = form.catalogue, form.entry, form.delivery
    day = (entry.occurred_on if entry else form.today).isoformat()
    blocks: Blocks = [input_block(Field.DATE, "Date", {"type": "datepicker", "initial_date": day})]
    kinds = catalogue.circle_types()
    if len(kinds) > 1:
        chosen = entry.log_type if entry else None
        blocks.append(_select(Field.LOG_TYPE, "Kind", [(t.key, t.name) for t in kinds], chosen))
    topics = [(t.key, t.name) for t in catalogue.circle_topics]
    blocks += [
        _select(Block.CIRCLE_TOPIC, "Topic", topics, delivery.topic if delivery else None),
        input_block(
            Block.CIRCLE_SIZE,
            "How many took part (circles are for 6–25)",
            number_element(entry.participants if entry else None),
        ),
        input_block(
            Block.CO_FACILITATORS,
            "Co-facilitators (each is credited with it)",
            {
                "type": "multi_users_select",
                "max_selected_items": MAX_CO_FACILITATORS,
                **({"initial_users": list(delivery.co_facilitators)} if delivery else {}),
            },
            optional=True,
        ),
        _select(
            Field.ICS,
            "ICS",
            [(i.key, i.name) for i in form.ics],
            delivery.ics_key if delivery else form.own_ics,
        ),
        _setting(delivery.setting if delivery else Setting.STANDALONE),
        input_block(
            Block.EMBEDDED_IN,
            "If part of another programme: which one",
            text_element(delivery.embedded_in if delivery else "", 200),
            optional=True,
        ),
        input_block(
            Field.NOTES,
            "Reflective notes (private: only you can see them)",
            text_element(entry.notes if entry else "", 3000, multiline=True),
            optional=True,
        ),
    ]
    metadata = json.dumps({"entry": entry.id if entry else None})
    title = "Edit circle" if entry else "Log a circle"
    return modal(
        View.LOG_CIRCLE, title, blocks, submit="Save" if entry else "Log", metadata=metadata
    )


def circle_line(entry: Entry, delivery: CircleDelivery, catalogue: Catalogue, ics: str) -> str:
    """'*Wed 30 Sep 2026* · Burnout · 14 people · standalone · Kent and Medway · with <@U1>'."""
    where = (
        f"part of {escape(delivery.embedded_in)}"
        if delivery.setting is Setting.EMBEDDED
        else "standalone"
    )
    line = (
        f"*{entry.occurred_on:%a %-d %b %Y}* · {escape(catalogue.topic_name(delivery.topic))}"
        f" · {entry.participants} people · {where} · {escape(ics)}"
    )
    if delivery.co_facilitators:
        line += " · co-facilitated with " + ", ".join(f"<@{p}>" for p in delivery.co_facilitators)
    return line


def logged_blocks(logged: LoggedCircle) -> Blocks:
    line = circle_line(logged.entry, logged.delivery, logged.record.catalogue, logged.ics)
    blocks = [section(":white_check_mark: Logged: " + line)]
    if logged.delivery.co_facilitators:
        blocks.append(context("It counts for each co-facilitator too; they have been told."))
    if logged.warning:
        blocks.append(section(f":warning: {logged.warning}"))
    blocks += [
        section("*Where you stand*\n" + standing_lines(logged.record.standing)),
        context("Your notes are private to you. `/log-supervision list` shows your entries."),
    ]
    return blocks


def credited_message(entry: Entry, delivery: CircleDelivery, catalogue: Catalogue) -> str:
    """To a co-facilitator: the circle counts for them (never the author's notes)."""
    return (
        f"<@{entry.author_id}> logged a circle you co-facilitated: "
        f"*{escape(catalogue.topic_name(delivery.topic))}* on {entry.occurred_on:%a %-d %b %Y}, "
        f"{entry.participants} people. It counts towards your delivery requirements too "
        "(your Home tab shows where you stand)."
    )


def _select(
    block: str, label: str, choices: list[tuple[str, str]], chosen: str | None
) -> dict[str, Any]:
    options = [option(name, key) for key, name in choices][:100]
    element_: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain("Choose"),
        "options": options,
    }
    initial = next((o for o in options if o["value"] == chosen), None)
    if initial is not None:
        element_["initial_option"] = initial
    return input_block(block, label, element_)


def _setting(chosen: Setting) -> dict[str, Any]:
    options = [option(label, s.value) for s, label in SETTINGS.items()]
    initial = next(o for o in options if o["value"] == chosen.value)
    return input_block(
        Block.CIRCLE_SETTING,
        "Standalone or embedded",
        {"type": "radio_buttons", "options": options, "initial_option": initial},
    )
