"""The nomination modal, its success view, and the /nominate help."""

from __future__ import annotations

import json
from typing import Any

from bot.kernel.blocks import context, input_block, modal, option, plain, section
from bot.kernel.ids import NOTICE, Field, element
from bot.nominations.ids import Block, View
from domain.kernel.programme import Ics, Programme

HELP = """*Cascade: nominations*
• `/nominate` — nominate someone from your ICS (opens a form)
• `/nominate @someone` — the same, with the nominee filled in
• `/nominate status` — where your nominations stand
• `/nominate export` or `/nominate export excel` — coordinators: every nomination, by name, \
as a file in your DMs
• `/nominate help` — this help
Your *Home* tab (click Cascade in the sidebar) shows everything at a glance: coordinators see \
places, the review queue and the waitlist; ICS leads see their nominations; nominees see their \
status and next step."""


def help_text(programmes: list[Programme]) -> str:
    """The help, with whom to ask about each programme taking nominations."""
    contacts = [f"Questions about {p.name}? Contact {p.contact}." for p in programmes if p.contact]
    return "\n".join([HELP, *contacts])


def nominate_modal(
    programmes: list[Programme],
    ics_options: list[Ics],
    *,
    nominee: str | None = None,
) -> dict[str, Any]:
    """Nominee, ICS (preselected when only one), programme (only when several), note."""
    user_select: dict[str, Any] = {
        "type": "users_select",
        "action_id": element(Block.NOMINEE),
        "placeholder": plain("Choose a person"),
    }
    if nominee:
        user_select["initial_user"] = nominee
    ics_select: dict[str, Any] = {
        "type": "static_select",
        "action_id": element(Field.ICS),
        "placeholder": plain("Choose the ICS"),
        "options": [option(i.name, i.key) for i in ics_options[:100]],
    }
    if len(ics_options) == 1:
        ics_select["initial_option"] = option(ics_options[0].name, ics_options[0].key)
    blocks = [
        section(
            f"Nominate someone for *{programmes[0].name}*."
            if len(programmes) == 1
            else "Nominate someone for a training programme."
        ),
        input_block(Block.NOMINEE, "Who are you nominating?", user_select),
        input_block(Field.ICS, "On behalf of which ICS?", ics_select),
    ]
    if len(programmes) > 1:
        blocks.append(
            input_block(
                Block.PROGRAMME,
                "Programme",
                {
                    "type": "static_select",
                    "action_id": element(Block.PROGRAMME),
                    "options": [option(p.name, p.key) for p in programmes],
                },
            )
        )
    blocks.append(
        input_block(
            Block.ORGANISATION,
            "Their employing organisation",
            {
                "type": "plain_text_input",
                "action_id": element(Block.ORGANISATION),
                "max_length": 200,
            },
            optional=True,
        )
    )
    blocks.append(
        input_block(
            Block.SPONSOR,
            "Who agreed it (HR director, wellbeing or OD lead); leave empty if you did",
            {"type": "users_select", "action_id": element(Block.SPONSOR)},
            optional=True,
        )
    )
    blocks.append(
        input_block(
            Block.NOTE,
            "Note for the coordinator (optional)",
            {
                "type": "plain_text_input",
                "action_id": element(Block.NOTE),
                "multiline": True,
                "max_length": 2000,
            },
            optional=True,
        )
    )
    blocks.append(
        context(
            "The nominee will get a message asking them to confirm the "
            "eligibility criteria and choose a cohort."
        )
    )
    metadata = json.dumps({"programme": programmes[0].key}) if len(programmes) == 1 else "{}"
    return modal(View.NOMINATE, "Nominate", blocks, submit="Nominate", metadata=metadata)


def nominated_view(nominee: str, programme: Programme, ics: Ics, used: int) -> dict[str, Any]:
    return modal(
        NOTICE,
        "Nominated",
        [
            section(f":white_check_mark: <@{nominee}> is nominated for *{programme.name}*."),
            section(f"*{used} of {programme.per_ics_limit}* nominations used for {ics.name}."),
            context(
                "I have sent them a message to confirm the eligibility criteria and choose "
                "a cohort. You can follow every nomination on your Home tab."
            ),
        ],
        close="Done",
    )


def no_ics_message(programmes: list[Programme]) -> str:
    contacts = ", ".join(
        f"<@{c}>" if c.startswith("U") else c for p in programmes for c in p.coordinators
    )
    return (
        "You are not listed as a lead for any ICS, so you cannot nominate yet. "
        f"If you should be, please ask the coordinator ({contacts})."
    )
