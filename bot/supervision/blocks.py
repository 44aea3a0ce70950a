"""The log modal, confirmations, the list of entries and the supervision part of Home."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.kernel.blocks import (
    Blocks,
    context,
    input_block,
    modal,
    number_element,
    option,
    plain,
    text_element,
)
from bot.kernel.ids import Field, element
from bot.supervision.ids import Block, View
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.entries import Entry, Kind

HELP = """*Cascade: supervision and deliveries*
• `/log-supervision` — log a supervision session or a delivery (opens a form)
• `/log-supervision circle` — log a Leadership Support Circle you delivered (topic, \
co-facilitators, ICS)
• `/log-supervision list` — your recent entries, with edit and delete (for 30 days)
• `/log-supervision export` — all your own data, as a CSV file in your DMs
• `/log-supervision help` — this help
Your reflective notes are private: only you can ever see them. Coordinators see dates, types and \
whether requirements are met. Your *Home* tab shows where you stand."""


def log_modal(
    catalogue: Catalogue,
    today: date,
    *,
    kind: Kind | None = None,
    entry: Entry | None = None,
    response_url: str | None = None,
) -> dict[str, Any]:
    """One form for both; from Home it is narrowed to supervision or to a delivery."""
    # Circles have their own form (topic, co-facilitators): offered here only to edit an
    # entry logged before the programme file marked its type as a circle.
    shown = {
        k: [t for t in catalogue.of_kind(k) if not t.circle or (entry and entry.log_type == t.key)]
        for k in (Kind.SUPERVISION, Kind.DELIVERY)
    }
    groups = [(k, types) for k, types in shown.items() if kind in (None, k) and types]
    type_select: dict[str, Any] = {
        "type": "static_select",
        "action_id": element(Field.LOG_TYPE),
        "placeholder": plain("Choose a type"),
        "option_groups": [
            {
                "label": plain(f"{k.value.title()}"),
                "options": [option(t.name, t.key) for t in types],
            }
            for k, types in groups
        ],
    }
    if entry is not None:
        type_select["initial_option"] = option(catalogue.name_of(entry.log_type), entry.log_type)
    day = (entry.occurred_on if entry else today).isoformat()
    blocks: Blocks = [
        input_block(Field.DATE, "Date", {"type": "datepicker", "initial_date": day}),
        input_block(Field.LOG_TYPE, "Type", type_select),
    ]
    if kind in (None, Kind.SUPERVISION):
        blocks += [
            input_block(
                Block.WITH_USER,
                "Who with (in Slack)",
                {
                    "type": "users_select",
                    **({"initial_user": entry.with_user} if entry and entry.with_user else {}),
                },
                optional=True,
            ),
            input_block(
                Block.WITH_NAME,
                "…or their name, if they are not in Slack",
                text_element(entry.with_name if entry else "", 200),
                optional=True,
            ),
            input_block(
                Block.DURATION,
                "Duration in minutes (supervision)",
                number_element(entry.duration_minutes if entry else None),
                optional=kind is None,
            ),
        ]
    if kind in (None, Kind.DELIVERY) and catalogue.circle_types() and entry is None:
        blocks.append(
            context(
                "Delivered a Leadership Support Circle? Use *Log a circle* on your Home tab "
                "(or `/log-supervision circle`): it records the topic and credits your "
                "co-facilitators."
            )
        )
    if kind in (None, Kind.DELIVERY):
        blocks.append(
            input_block(
                Block.PARTICIPANTS,
                "Number of participants (deliveries)",
                number_element(entry.participants if entry else None),
                optional=kind is None,
            )
        )
    blocks += [
        input_block(
            Field.NOTES,
            "Reflective notes (private: only you can see them)",
            text_element(entry.notes if entry else "", 3000, multiline=True),
            optional=True,
        ),
        input_block(
            Block.ACTION,
            "Agreed action",
            text_element(entry.action if entry else "", 1000),
            optional=True,
        ),
        input_block(
            Block.ACTION_DUE,
            "Action due by",
            {
                "type": "datepicker",
                **(
                    {"initial_date": entry.action_due.isoformat()}
                    if entry and entry.action_due
                    else {}
                ),
            },
            optional=True,
        ),
    ]
    title = {
        None: "Log supervision",
        Kind.SUPERVISION: "Log supervision",
        Kind.DELIVERY: "Log a delivery",
    }[kind]
    metadata = {
        "entry": entry.id if entry else None,
        "kind": kind.value if kind else None,
        "response_url": response_url,
    }
    return modal(
        View.LOG,
        "Edit entry" if entry else title,
        blocks,
        submit="Save" if entry else "Log",
        metadata=json.dumps(metadata),
    )
