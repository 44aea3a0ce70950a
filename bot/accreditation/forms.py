"""Reading the pathway and role forms into commands; every problem names its block."""

from __future__ import annotations

from typing import Any

from bot.accreditation.blocks.admin import STEPS_IN_FORM
from bot.accreditation.ids import Block
from bot.kernel import forms
from bot.kernel.ids import Field
from bot.programme_admin import admin_forms
from domain.kernel.errors import ConfigConflict, DomainError
from domain.kernel.people import Actor
from handlers.accreditation.commands import SavePathway, SaveRoleHolders, StepDraft

#: A step row's field -> its block (+ the row's number).
_ROW = {
    "name": Block.STEP_NAME,
    "signed_off_by": Block.STEP_SIGNERS,
    "evidence": Block.STEP_EVIDENCE,
    "asks": Block.STEP_ASKS,
}
_PATHWAY = {Field.NAME, Block.GRANTS_ROLE, Block.OPEN_TO, Block.LAPSE_DAYS}


def pathway(view: dict[str, Any], actor: Actor) -> SavePathway:
    """The command; FormProblems lists every row's problems at once."""
    steps, problems = [], {}
    for n in range(1, STEPS_IN_FORM + 1):
        try:
            steps.append(_row(view, n))
        except DomainError as refused:
            problems[refused.field or f"{Block.STEP_NAME}{n}"] = refused.message
    key = forms.metadata(view).get("pathway")
    try:
        cmd = admin_forms.build(
            SavePathway,
            {
                "actor": actor,
                "pathway_key": key if isinstance(key, str) and key else None,
                "name": forms.typed(view, Field.NAME),
                "grants_role": forms.selected(view, Block.GRANTS_ROLE) or "",
                "open_to": forms.chosen(view, Block.OPEN_TO),
                "lapse_after_days": forms.number(view, Block.LAPSE_DAYS),
                "steps": tuple(steps),
            },
        )
    except DomainError as refused:
        problems = {**beside(refused), **problems}
        cmd = None
    if problems or cmd is None:
        raise forms.FormProblems(problems)
    return cmd


def role_holders(view: dict[str, Any], actor: Actor) -> SaveRoleHolders:
    """Each role in the form -> the people picked for it."""
    prefix = str(Block.ROLE_PREFIX)
    shown = [b for b in forms.blocks(view) if b.startswith(prefix)]
    values = {b.removeprefix(prefix): forms.picked_users(view, b) for b in shown}
    try:
        return admin_forms.build(SaveRoleHolders, {"actor": actor, "holders": values})
    except DomainError as refused:  # a forged form: say so beside its first role
        raise forms.FormProblems({shown[0] if shown else Field.NAME: refused.message}) from None


def beside(refused: DomainError) -> dict[str, str]:
    """Inline errors: each reason beside its field (a step's beside its row's name)."""
    if isinstance(refused, forms.FormProblems):
        return refused.errors
    if isinstance(refused, ConfigConflict) and refused.problems:
        found = refused.problems
    else:
        found = {refused.field or Field.NAME: refused.message}
    return {_block(field): _sentence(why) for field, why in found.items()}


def _row(view: dict[str, Any], n: int) -> StepDraft | None:
    name = forms.typed(view, f"{Block.STEP_NAME}{n}")
    signers = forms.chosen(view, f"{Block.STEP_SIGNERS}{n}")
    asks = forms.typed(view, f"{Block.STEP_ASKS}{n}")
    if not (name or signers or asks):
        return None
    if not name:
        raise DomainError(
            "Give this step a name (or clear the row to leave it out).",
            field=f"{Block.STEP_NAME}{n}",
        )
    if not signers:
        raise DomainError("Choose who may sign this step off.", field=f"{Block.STEP_SIGNERS}{n}")
    evidence = forms.selected(view, f"{Block.STEP_EVIDENCE}{n}") or "attendance"
    values = {"name": name, "signed_off_by": signers, "evidence": evidence, "asks": asks}
    try:
        return admin_forms.build(StepDraft, values)
    except DomainError as refused:
        raise DomainError(
            refused.message, field=f"{_ROW.get(refused.field or '', Block.STEP_NAME)}{n}"
        ) from None


def _block(field: str) -> str:
    if field.startswith("step:"):
        return f"{Block.STEP_NAME}{field.removeprefix('step:')}"
    return field if field in _PATHWAY or field.startswith("step_") else Field.NAME


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."
