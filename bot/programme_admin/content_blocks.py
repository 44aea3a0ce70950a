"""The offer's form: its description and two lists of texts (criteria, confirmations), each
item in a block named by its key (new ones by "+N") so that a refusal shows beside it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.kernel.blocks import Blocks, modal, section, text_input
from bot.programme_admin.catalogue_rows import NEW
from bot.programme_admin.ids import Block, View
from domain.kernel.programme import Programme

SPARE = 2  # empty slots for new items
MOST_ITEMS = 30  # of a list of texts: under Slack's 100 blocks, their keys in the metadata


def text_list(prefix: str, label: str, items: Sequence[tuple[str, str]], limit: int) -> Blocks:
    """One box per item (clear it to remove the item) and ``SPARE`` empty ones to add."""
    blocks = [
        text_input(f"{prefix}{key}", f"{label} {n}", text, limit, True, multiline=True)
        for n, (key, text) in enumerate(items[:MOST_ITEMS], 1)
    ]
    room = max(0, min(SPARE, MOST_ITEMS - len(items)))
    blocks += [
        text_input(f"{prefix}{NEW}{n}", f"New {label.lower()} (optional)", "", limit, True)
        for n in range(1, room + 1)
    ]
    return blocks


def offer_modal(p: Programme) -> dict[str, Any]:
    blocks = [
        section(
            "What nominees read and must confirm. Clear a box to remove an item: one that "
            "nominees have already confirmed is kept (you can reword it). Nominees who have "
            "confirmed already are not asked again about what you add."
        ),
        text_input(
            Block.OFFER_DESCRIPTION,
            "Description of the offer",
            p.description,
            3000,
            True,
            multiline=True,
        ),
        section("*Eligibility criteria* (the nominee confirms they meet each)"),
        *text_list(Block.CRITERIA, "Criterion", [(c.key, c.text) for c in p.criteria], 600),
        section("*Confirmations* (statements the nominee confirms)"),
        *text_list(
            Block.CONFIRMATIONS, "Confirmation", [(c.key, c.text) for c in p.confirmations], 600
        ),
    ]
    shown = {  # what saving may remove: never what is not here
        "criteria": [c.key for c in p.criteria[:MOST_ITEMS]],
        "confirmations": [c.key for c in p.confirmations[:MOST_ITEMS]],
    }
    metadata = json.dumps({"programme": p.key, "shown": shown})
    return modal(View.OFFER, "Offer and criteria", blocks, submit="Save", metadata=metadata)
