"""Reading a policy form into a command, and its refusals into inline errors beside the
setting, in the form's words."""

from __future__ import annotations

from typing import Any

from bot.kernel import forms
from bot.kernel.ids import Field
from bot.programme_admin import admin_forms
from bot.programme_admin.ids import Block
from bot.programme_admin.policy_blocks import POLICIES, Policy
from domain.kernel.errors import ConfigConflict, DomainError
from domain.kernel.people import Actor
from handlers.programme_admin.commands import EditPolicy

_WEEKDAYS = {str(day) for day in range(7)}
_NUMBERS = "Please give whole numbers separated by commas, such as 7, 1."


def policy(view: dict[str, Any], actor: Actor) -> EditPolicy:
    try:
        return _policy(view, actor)
    except DomainError as refused:  # beside its setting, in the form's words
        block, said = next(iter(errors(refused, view).items()))
        raise DomainError(said, field=block) from None


def _policy(view: dict[str, Any], actor: Actor) -> EditPolicy:
    name = str(forms.metadata(view).get("policy"))
    spec = POLICIES.get(name)
    if spec is None:
        raise DomainError(forms.DAMAGED, field="")
    values = {s.name: _value(view, s.name, s.kind) for s in spec.settings}
    values = {name: value for name, value in values.items() if value is not None}  # kept
    command = {"actor": actor, "programme_key": _programme(view), "policy": name}
    return admin_forms.build(EditPolicy, command | {"values": values})


def _value(view: dict[str, Any], name: str, kind: str) -> Any:
    block = f"{Block.POLICY}{name}"
    if kind == "number":
        value = forms.number(view, block)
        if not isinstance(value, int):
            raise DomainError("Please give a whole number.", field=block)
        return value
    if kind == "numbers":
        parts = [p.strip() for p in forms.typed(view, block).split(",") if p.strip()]
        if not all(p.isdigit() and len(p) <= 4 for p in parts):
            raise DomainError(_NUMBERS, field=block)
        return tuple(sorted({int(p) for p in parts}, reverse=True))
    if kind == "time":
        return forms.picked_time(view, block)
    if kind == "check":
        return forms.ticked_one(view, block)
    if kind == "days":
        return tuple(sorted(int(d) for d in forms.chosen(view, block) if d in _WEEKDAYS))
    if kind == "log_types":
        return forms.chosen(view, block)
    return forms.selected(view, block)


def errors(refused: DomainError, view: dict[str, Any]) -> dict[str, str]:
    """Each reason beside its setting, the settings' names said as the form labels them."""
    spec = POLICIES.get(str(forms.metadata(view).get("policy")))
    shown = forms.blocks(view)
    reasons = refused.problems if isinstance(refused, ConfigConflict) else {}
    reasons = reasons or {refused.field or "": refused.message}
    found: dict[str, str] = {}
    for where, why in reasons.items():
        block = where if where in shown else f"{Block.POLICY}{where}"
        block = block if block in shown else (shown[0] if shown else Field.NAME)
        said = _labelled(why if why.endswith(".") else f"{why}.", spec)
        found[block] = (found.get(block, "") + " " + said).strip()[:2000]
    return found


def _labelled(words: str, spec: Policy | None) -> str:
    for setting in spec.settings if spec else ():
        for name in (setting.name.capitalize(), setting.name):
            words = words.replace(name, f"“{setting.label}”")
    return words


def _programme(view: dict[str, Any]) -> str:
    return str(forms.metadata(view).get("programme") or "")
