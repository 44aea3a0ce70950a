"""One form for every list of the catalogue coordinators edit from Home: a row of inputs per
item (the first, its name: clear it to remove the item) and empty rows to add. Each list is
described by its columns; a refusal shows beside the row and input it concerns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.kernel.blocks import Blocks, context, input_block, modal, option, section, text_input
from bot.kernel.ids import NOTICE
from bot.programme_admin.ids import Block, View
from domain.kernel.programme import Programme
from domain.programme_admin.catalogue import Catalogue

NEW = "+"  # the slot of a new row: +1, +2
SPARE = 2
_KINDS = (("A session (it has a duration)", "supervision"), ("A delivery", "delivery"))


@dataclass(frozen=True)
class Column:
    """One input of a row: the item's ``field``, shown in blocks ``block`` + the row's slot."""

    field: str
    block: str
    label: str
    kind: str  # text, number, select, multi, check
    limit: int = 75  # text: characters; number: the largest
    choices: str = ""  # select / multi: "roles", "log_types" or "kinds"
    required: bool = True
    ask: str = "Please choose one."  # said when a required choice is left empty


@dataclass(frozen=True)
class Part:
    """A list of the catalogue as its form shows it."""

    name: str  # the catalogue's field
    title: str
    item: str
    intro: str
    columns: tuple[Column, ...]
    most: int  # rows in the form (blocks: columns x rows stays under Slack's 100)


PARTS = {
    "requirements": Part(
        "requirements",
        "Requirements",
        "Requirement",
        "Requirements apply to every programme. Clear a name to remove a requirement: one "
        "people have been held to is kept (you can change it).",
        (
            Column("name", Block.REQ_NAME, "name", "text", 150),
            Column(
                "role",
                Block.REQ_ROLE,
                "For people in the role",
                "select",
                0,
                "roles",
                ask="Please choose the role.",
            ),
            Column(
                "log_types",
                Block.REQ_TYPES,
                "What counts",
                "multi",
                0,
                "log_types",
                ask="Please choose what counts.",
            ),
            Column("every_months", Block.REQ_EVERY, "Every how many months", "number", 60),
            Column("hours", Block.REQ_HOURS, "Hours (empty: entries)", "number", 2000, "", False),
        ),
        16,
    ),
    "log_types": Part(
        "log_types",
        "Log types",
        "Log type",
        "What people log: sessions (with a duration, e.g. supervision) and deliveries. Clear "
        "a name to remove a type: one with entries, or that a requirement counts, is kept.",
        (
            Column("name", Block.TYPE_NAME, "name", "text", 75),
            Column("kind", Block.TYPE_KIND, "Kind", "select", 0, "kinds", ask="Please choose."),
            Column("needs_person", Block.TYPE_PERSON, "Always with someone", "check", 0, "", False),
            Column(
                "credits_other_as",
                Block.TYPE_CREDITS,
                "Counts for the person it was with as",
                "select",
                0,
                "log_types",
                required=False,
            ),
            Column("circle", Block.TYPE_CIRCLE, "A circle (“Log a circle”)", "check", 0, "", False),
        ),
        18,
    ),
    "session_kinds": Part(
        "session_kinds",
        "Session kinds",
        "Session kind",
        "The group sessions coordinators (and the roles chosen) schedule from Home; attending "
        "one is logged as its log type. Clear a name to remove a kind: one with sessions "
        "scheduled is kept.",
        (
            Column("name", Block.KIND_NAME, "name", "text", 75),
            Column(
                "log_type",
                Block.KIND_TYPE,
                "Attending counts as",
                "select",
                0,
                "log_types",
                ask="Please choose what attending counts as.",
            ),
            Column(
                "organised_by",
                Block.KIND_ROLES,
                "Who else may schedule it (roles)",
                "multi",
                0,
                "roles",
                required=False,
            ),
            Column("agenda", Block.KIND_AGENDA, "Needs an agenda", "check", 0, "", False),
        ),
        20,
    ),
    "circle_topics": Part(
        "circle_topics",
        "Circle topics",
        "Topic",
        "What a Leadership Support Circle can be about. Clear a name to remove a topic: one "
        "that circles were logged or published about is kept.",
        (Column("name", Block.TOPIC_NAME, "name", "text", 75),),
        40,
    ),
}


def catalogue_modal(found: tuple[Programme, Catalogue], part: str) -> dict[str, Any]:
    programme, catalogue = found
    spec = PARTS[part]
    options = _options(catalogue)
    if any(not options[c.choices] for c in spec.columns if c.choices):
        why = f"{spec.title} need roles and log types, and the programme file has none."
        return modal(NOTICE, spec.title, [section(why)], close="Close")
    everything = list(getattr(catalogue, part))
    items, hidden = everything[: spec.most], [item.key for item in everything[spec.most :]]
    blocks = [context(spec.intro)]
    if hidden:  # a Slack form holds only so many: the rest stay as they are
        blocks.append(context(f"{len(hidden)} more are kept as they are (not shown here)."))
    for n, item in enumerate(items, 1):
        blocks += row(spec, item.key, f"{spec.item} {n}", item.model_dump(mode="json"), options)
    for n in range(1, min(SPARE, spec.most - len(items)) + 1):
        blocks += row(spec, f"{NEW}{n}", f"New {spec.item.lower()}", {}, options)
    shown = [item.key for item in items]  # what saving may remove: never what is not here
    metadata = json.dumps({"programme": programme.key, "part": part, "shown": shown})
    return modal(View.CATALOGUE, spec.title, blocks, submit="Save", metadata=metadata)


def row(
    spec: Part, slot: str, label: str, values: dict[str, Any], options: dict[str, list]
) -> Blocks:
    """The row's inputs, each optional in Slack (a spare row stays empty; the reader says
    what a row with a name still needs)."""
    blocks = []
    for n, column in enumerate(spec.columns):
        block, value = f"{column.block}{slot}", values.get(column.field)
        title = f"{label}: {column.label}" if n == 0 else column.label
        if column.kind in ("text", "number"):
            shown = "" if value is None else str(value)
            limit = column.limit if column.kind == "text" else len(str(column.limit))
            blocks.append(text_input(block, title, shown, limit, True))
        elif column.kind == "check":
            box = option(column.label, "yes")
            element: dict[str, Any] = {"type": "checkboxes", "options": [box]}
            if value:
                element["initial_options"] = [box]
            blocks.append(input_block(block, spec.item if n else title, element, optional=True))
        else:
            blocks.append(input_block(block, title, _select(column, value, options), optional=True))
    return blocks


def _select(column: Column, value: Any, options: dict[str, list]) -> dict[str, Any]:
    choices = options[column.choices]
    if column.kind == "multi":
        element: dict[str, Any] = {"type": "multi_static_select", "options": choices}
        picked = [o for o in choices if o["value"] in (value or ())]
        return {**element, **({"initial_options": picked} if picked else {})}
    element = {"type": "static_select", "options": choices}
    picked = [o for o in choices if o["value"] == value]
    return {**element, **({"initial_option": picked[0]} if picked else {})}


def _options(catalogue: Catalogue) -> dict[str, list]:
    return {
        "roles": [option(r.name, r.key) for r in catalogue.roles[:100]],
        "log_types": [option(t.name, t.key) for t in catalogue.log_types[:100]],
        "kinds": [option(label, value) for label, value in _KINDS],
    }
