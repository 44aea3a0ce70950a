"""Erasure's Block Kit: the coordinator's button on Home, the form to choose whom, the
confirmation that names what goes and what stays, and what was done."""

from __future__ import annotations

import json
from typing import Any

from bot.accounts.ids import Action, Block, View
from bot.kernel.blocks import Blocks, actions, button, context, input_block, modal, section
from handlers.accounts.erasure import ErasurePreview


def erase_home_blocks() -> Blocks:
    return [
        actions(button("Erase someone's personal data", Action.ERASE_OPEN)),
        context("On request (UK GDPR): you choose whom, then see what goes before confirming."),
    ]


def pick_modal() -> dict[str, Any]:
    person = input_block(Block.ERASE_PERSON, "Whose personal data", {"type": "users_select"})
    return modal(View.ERASE_PICK, "Erase personal data", [person], submit="Next")


def confirm_modal(p: ErasurePreview) -> dict[str, Any]:
    goes = (
        f"*Erased for good:* <@{p.person}>'s name, e-mail and time zone; the notes and agreed "
        f"actions of their {p.entries} supervision and delivery entries; their {p.leave} "
        "stretches of leave and the reasons; their words in answers and debrief requests; the "
        "messages waiting for them; who looked at their record."
    )
    stays = (
        f"*Kept, anonymised* (no name, a code in its place) for programme reports: their "
        f"{p.nominations} nominations and places, the dates and counts of their entries, "
        "accreditation steps, peer reviews and mentoring pairs. The audit log says you did this."
    )
    return modal(
        View.ERASE_CONFIRM,
        "Erase personal data",
        [section(goes), section(stays), context("This cannot be undone.")],
        submit="Erase",
        close="Back",
        metadata=json.dumps({"person": p.person}),
    )


def erased_text(person: str) -> str:
    return f"<@{person}>'s personal data is erased; anonymised counts remain for reports."
