"""Reading the coordinators' content forms (the offer's lists of texts, the catalogue's lists
of rows) into commands, and their refusals into inline errors beside the item concerned (the
routes' way of placing them, and the readers' own)."""

from __future__ import annotations

from typing import Any

from bot.kernel import forms
from bot.kernel.ids import Field
from bot.programme_admin import admin_forms
from bot.programme_admin.catalogue_rows import NEW, PARTS, Part
from bot.programme_admin.ids import Block
from domain.kernel.errors import ConfigConflict, DomainError
from domain.kernel.people import Actor
from handlers.programme_admin.commands import EditCatalogue, EditOffer

_MARKUP = "Please leave out < and >."
#: A list of texts -> the prefix of its items' blocks.
_LISTS = {"criteria": Block.CRITERIA, "confirmations": Block.CONFIRMATIONS}


def offer(view: dict[str, Any], actor: Actor) -> EditOffer:
    try:
        return admin_forms.build(
            EditOffer,
            {
                "actor": actor,
                "programme_key": _programme(view),
                "description": _plain(view, Block.OFFER_DESCRIPTION),
                "criteria": typed_list(view, Block.CRITERIA),
                "confirmations": typed_list(view, Block.CONFIRMATIONS),
                "shown_criteria": _shown(view, "criteria"),
                "shown_confirmations": _shown(view, "confirmations"),
            },
            {"description": Block.OFFER_DESCRIPTION},
        )
    except DomainError as refused:
        raise beside(refused, view) from None


def typed_list(view: dict[str, Any], prefix: str) -> tuple[tuple[str | None, str], ...]:
    """The items as typed, in the form's order: (key, text); a new item's key is None."""
    return tuple(
        (None if slot.startswith(NEW) else slot, _plain(view, f"{prefix}{slot}"))
        for slot in _slots(view, prefix)
    )


def catalogue(view: dict[str, Any], actor: Actor) -> EditCatalogue:
    """The rows of the catalogue's list the form shows (named in its metadata)."""
    try:
        return _catalogue(view, actor)
    except DomainError as refused:
        raise beside(refused, view) from None


def _catalogue(view: dict[str, Any], actor: Actor) -> EditCatalogue:
    spec = PARTS.get(str(forms.metadata(view).get("part")))
    if spec is None:
        raise DomainError(forms.DAMAGED, field="")
    name = spec.columns[0]
    rows = []
    for slot in _slots(view, name.block):
        if _plain(view, f"{name.block}{slot}"):  # a row with a name (else removed, or spare)
            rows.append(_row(view, spec, slot))
    values = {"actor": actor, "programme_key": _programme(view), "part": spec.name}
    shown = forms.metadata(view).get("shown")
    keys = [k for k in shown if isinstance(k, str)] if isinstance(shown, list) else []
    return admin_forms.build(EditCatalogue, values | {"rows": tuple(rows), "shown": keys})


def _shown(view: dict[str, Any], part: str) -> tuple[str, ...]:
    """Keys of the items the form showed (only those may be removed)."""
    shown = forms.metadata(view).get("shown")
    shown = shown.get(part) if isinstance(shown, dict) else None
    return tuple(k for k in shown if isinstance(k, str)) if isinstance(shown, list) else ()


def _row(view: dict[str, Any], spec: Part, slot: str) -> dict[str, Any]:
    row: dict[str, Any] = {"key": None if slot.startswith(NEW) else slot, "slot": slot}
    for column in spec.columns:
        block = f"{column.block}{slot}"
        if column.kind == "text":
            row[column.field] = _plain(view, block)
        elif column.kind == "number":
            row[column.field] = _whole(view, block, 1, column.limit, required=column.required)
        elif column.kind == "check":
            row[column.field] = forms.ticked_one(view, block)
        else:
            picked = (
                forms.chosen(view, block) if column.kind == "multi" else forms.selected(view, block)
            )
            if not picked and column.required:
                raise DomainError(column.ask, field=block)
            row[column.field] = picked
    return row


def beside(refused: DomainError, view: dict[str, Any]) -> DomainError:
    """A problem with the form as typed, on the block ``errors`` places it beside."""
    block, said = next(iter(errors(refused, view).items()))
    return DomainError(said, field=block)


def errors(refused: DomainError, view: dict[str, Any]) -> dict[str, str]:
    """Each reason beside its item ("criteria:KEY" is that criterion's block); a reason about
    a whole list beside its first item; anything else beside the form's first input."""
    shown = forms.blocks(view)
    first = shown[0] if shown else Field.NAME
    reasons = refused.problems if isinstance(refused, ConfigConflict) else {}
    reasons = reasons or {refused.field or "": refused.message}
    found: dict[str, str] = {}
    for where, why in reasons.items():
        block = _block(where, shown) or first
        said = why if why.endswith(".") else f"{why}."
        found[block] = (found.get(block, "") + " " + said).strip()[:2000]
    return found


def _block(where: str, shown: list[str]) -> str | None:
    """The block of "LIST:SLOT:FIELD" (a row's input), "LIST:SLOT" (its first) or "LIST"."""
    if where in shown:
        return where
    field, _, rest = where.partition(":")
    slot, _, part = rest.partition(":")
    prefixes = _prefixes(field)
    prefix = prefixes.get(part) or next(iter(prefixes.values()), None)
    if prefix is None:
        return None
    if slot and f"{prefix}{slot}" in shown:
        return f"{prefix}{slot}"
    return next((b for b in shown if b.startswith(prefix)), None)


def _prefixes(field: str) -> dict[str, str]:
    """The block prefixes of a list's inputs, by field (its name's first)."""
    if field in _LISTS:
        return {"": _LISTS[field]}
    spec = PARTS.get(field)
    return {column.field: column.block for column in spec.columns} if spec else {}


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
