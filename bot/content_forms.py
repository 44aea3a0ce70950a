"""Reading the coordinators' content forms (a list of texts, a list of requirement rows) into
commands, and their refusals into inline errors beside the item concerned."""

from __future__ import annotations

from typing import Any

from bot import admin_forms, forms
from bot.blocks.programme_content import NEW
from bot.ids import Block
from domain.errors import ConfigConflict, DomainError
from domain.people import Actor
from handlers import commands as c

_MARKUP = "Please leave out < and >."
#: A use case's field (a list) -> the prefix of its items' blocks.
_LISTS = {
    "criteria": Block.CRITERIA,
    "confirmations": Block.CONFIRMATIONS,
    "requirements": Block.REQ_NAME,
}
#: A part of a requirement row -> the prefix of its blocks.
_PARTS = {"hours": Block.REQ_HOURS}


def offer(view: dict[str, Any], actor: Actor) -> c.EditOffer:
    return admin_forms.build(
        c.EditOffer,
        {
            "actor": actor,
            "programme_key": _programme(view),
            "description": _plain(view, Block.OFFER_DESCRIPTION),
            "criteria": typed_list(view, Block.CRITERIA),
            "confirmations": typed_list(view, Block.CONFIRMATIONS),
        },
        {"description": Block.OFFER_DESCRIPTION},
    )


def typed_list(view: dict[str, Any], prefix: str) -> tuple[tuple[str | None, str], ...]:
    """The items as typed, in the form's order: (key, text); a new item's key is None."""
    return tuple(
        (None if slot.startswith(NEW) else slot, _plain(view, f"{prefix}{slot}"))
        for slot in _slots(view, prefix)
    )


def requirements(view: dict[str, Any], actor: Actor) -> c.EditRequirements:
    rows = []
    for slot in _slots(view, Block.REQ_NAME):
        name = _plain(view, f"{Block.REQ_NAME}{slot}")
        if not name:
            continue  # cleared (removed) or a spare row left empty
        rows.append(_row(view, slot, name))
    return admin_forms.build(
        c.EditRequirements,
        {"actor": actor, "programme_key": _programme(view), "requirements": tuple(rows)},
    )


def _row(view: dict[str, Any], slot: str, name: str) -> c.RequirementRow:
    role = forms.selected(view, f"{Block.REQ_ROLE}{slot}")
    if not role:
        raise DomainError("Please choose the role.", field=f"{Block.REQ_ROLE}{slot}")
    kinds = forms.chosen(view, f"{Block.REQ_TYPES}{slot}")
    if not kinds:
        raise DomainError("Please choose what counts.", field=f"{Block.REQ_TYPES}{slot}")
    every = _whole(view, f"{Block.REQ_EVERY}{slot}", 1, 60, required=True)
    hours = _whole(view, f"{Block.REQ_HOURS}{slot}", 1, 2000, required=False)
    values = {
        "key": None if slot.startswith(NEW) else slot,
        "slot": slot,
        "name": name,
        "role": role,
        "log_types": kinds,
        "every_months": every,
        "hours": hours,
    }
    return admin_forms.build(c.RequirementRow, values, {"name": f"{Block.REQ_NAME}{slot}"})


def errors(refused: DomainError, view: dict[str, Any]) -> dict[str, str]:
    """Each reason beside its item ("criteria:KEY" is that criterion's block); a reason about
    a whole list beside its first item; anything else beside the form's first input."""
    shown = forms.blocks(view)
    first = shown[0] if shown else Block.NAME
    reasons = refused.problems if isinstance(refused, ConfigConflict) else {}
    reasons = reasons or {refused.field or "": refused.message}
    found: dict[str, str] = {}
    for where, why in reasons.items():
        block = _block(where, shown) or first
        said = why if why.endswith(".") else f"{why}."
        found[block] = (found.get(block, "") + " " + said).strip()[:2000]
    return found


def _block(where: str, shown: list[str]) -> str | None:
    """The block of "LIST:SLOT" (or "LIST:SLOT:PART", a part of a row), else of the list."""
    if where in shown:
        return where
    field, _, rest = where.partition(":")
    slot, _, part = rest.partition(":")
    prefix = _PARTS.get(part) if field in _LISTS and part else _LISTS.get(field)
    if prefix is None:
        return None
    if slot and f"{prefix}{slot}" in shown:
        return f"{prefix}{slot}"
    return next((b for b in shown if b.startswith(prefix)), None)


def _slots(view: dict[str, Any], prefix: str) -> list[str]:
    return [b[len(prefix) :] for b in forms.blocks(view) if b.startswith(prefix)]


def _plain(view: dict[str, Any], block: str) -> str:
    text = forms.typed(view, block)
    if "<" in text or ">" in text:
        raise DomainError(_MARKUP, field=block)
    return text


def _whole(view: dict[str, Any], block: str, least: int, most: int, *, required: bool) -> Any:
    value = forms.number(view, block)
    if value is None and not required:
        return None
    if not isinstance(value, int):
        raise DomainError("Please give a whole number.", field=block)
    if not least <= value <= most:
        raise DomainError(f"Please give a number from {least} to {most}.", field=block)
    return value


def _programme(view: dict[str, Any]) -> str:
    return str(forms.metadata(view).get("programme") or "")
