"""The coordinators' content forms: a list of texts (criteria, confirmations) and a list of
requirement rows, each item in blocks named by its key (new ones by "+N") so that a refusal
shows beside the item it concerns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.blocks.cohorts import meta, text_input
from bot.blocks.common import Blocks, context, input_block, modal, option, section
from bot.ids import Block, View
from domain.catalogue import Catalogue
from domain.programme import Programme
from domain.requirements import Requirement

SPARE = 2  # empty slots for new items
MOST_ITEMS = 40  # of a list of texts (two lists and the description stay under 100 blocks)
MOST_ROWS = 16  # requirement rows: five blocks each
NEW = "+"


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
            "nominees have already confirmed is kept (you can reword it)."
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
    return modal(View.OFFER, "Offer and criteria", blocks, submit="Save", metadata=meta(p.key))


def requirements_modal(found: tuple[Programme, Catalogue]) -> dict[str, Any]:
    programme, catalogue = found
    roles = [option(r.name, r.key) for r in catalogue.roles[:100]]
    types = [option(t.name, t.key) for t in catalogue.log_types[:100]]
    if not roles or not types:
        return modal(
            View.NOTICE,
            "Requirements",
            [section("Requirements need roles and log types, and the programme file has none.")],
            close="Close",
        )
    rows = list(catalogue.requirements[:MOST_ROWS])
    blocks = [
        context(
            "Requirements apply to every programme. Clear a name to remove a requirement: "
            "one people have been held to is kept (you can change it)."
        )
    ]
    for n, requirement in enumerate(rows, 1):
        blocks += requirement_row(requirement.key, f"Requirement {n}", requirement, roles, types)
    for n in range(1, min(SPARE, MOST_ROWS - len(rows)) + 1):
        blocks += requirement_row(f"{NEW}{n}", "New requirement", None, roles, types)
    return modal(
        View.REQUIREMENTS, "Requirements", blocks, submit="Save", metadata=meta(programme.key)
    )


def requirement_row(
    slot: str, label: str, r: Requirement | None, roles: list[dict], types: list[dict]
) -> Blocks:
    """Five inputs: name (clear it to remove the row), role, what counts, how often, hours."""
    role = {"type": "static_select", "options": roles}
    kinds: dict[str, Any] = {"type": "multi_static_select", "options": types}
    if r is not None:
        role["initial_option"] = next((o for o in roles if o["value"] == r.role), roles[0])
        kinds["initial_options"] = [o for o in types if o["value"] in r.log_types] or types[:1]
    every = str(r.every_months) if r else ""
    hours = str(r.hours) if r and r.hours else ""
    return [
        text_input(f"{Block.REQ_NAME}{slot}", f"{label}: name", r.name if r else "", 150, True),
        input_block(f"{Block.REQ_ROLE}{slot}", "For people in the role", role, optional=True),
        input_block(f"{Block.REQ_TYPES}{slot}", "What counts", kinds, optional=True),
        text_input(f"{Block.REQ_EVERY}{slot}", "Every how many months", every, 2, True),
        text_input(f"{Block.REQ_HOURS}{slot}", "Hours (empty: entries)", hours, 4, True),
    ]
