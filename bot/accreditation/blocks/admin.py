"""The coordinators' accreditation settings: Home buttons, the pathway and role forms."""

from __future__ import annotations

import json
from typing import Any

from bot.accreditation.ids import Action, Block, View
from bot.kernel.blocks import (
    Blocks,
    actions,
    button,
    clip,
    context,
    escape,
    input_block,
    modal,
    text_input,
)
from bot.kernel.blocks import option as _option
from bot.kernel.ids import Field, variant
from domain.accreditation.pathways import Evidence, Pathway
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.requirements import Role
from handlers.accreditation.admin import RoleHolders

STEPS_IN_FORM = 10  # Slack: at most 100 blocks in a modal
EVIDENCE = {
    Evidence.ATTENDANCE: "Date and place, signed off",
    Evidence.PEER_REVIEW: "The Assessment / Peer Review Form",
}


def settings_actions(catalogue: Catalogue) -> Blocks:
    """Home: change a pathway, add one, name who holds each role."""
    edit = [
        button(clip(f"Edit {p.name}", 75), variant(Action.EDIT_PATHWAY, p.key), p.key)
        for p in catalogue.pathways[:20]
    ]
    return [
        actions(
            *edit,
            button("New pathway", variant(Action.EDIT_PATHWAY, "new"), ""),
            button("Who holds each role", Action.ROLE_HOLDERS),
        )
    ]


def pathway_modal(form: tuple[Catalogue, Pathway | None]) -> dict[str, Any]:
    catalogue, p = form
    roles = [_option(r.name, r.key) for r in catalogue.roles[:100]]
    blocks: Blocks = [
        text_input(Field.NAME, "Name", p.name if p else "", 100),
        input_block(
            Block.GRANTS_ROLE,
            "Accreditation grants the role",
            _one(roles, p.grants_role if p else None),
        ),
        input_block(
            Block.OPEN_TO,
            "Open to (none chosen: anyone)",
            _many(roles, p.open_to if p else ()),
            optional=True,
        ),
        text_input(
            Block.LAPSE_DAYS,
            "Days a requirement may be overdue before the accreditation lapses",
            str(p.lapse_after_days if p else 60),
            3,
        ),
        context(
            "*Steps, in order.* Each row keeps its step (and what was signed off for it): to "
            "drop a step, clear its row; add steps in the empty rows. A step someone has been "
            "signed off or asked for cannot be dropped."
        ),
    ]
    steps = p.steps if p else ()
    for n in range(1, STEPS_IN_FORM + 1):
        step = steps[n - 1] if n <= len(steps) else None
        evidence = [_option(label, kind.value) for kind, label in EVIDENCE.items()]
        blocks += [
            text_input(f"{Block.STEP_NAME}{n}", f"Step {n}", step.name if step else "", 100, True),
            input_block(
                f"{Block.STEP_SIGNERS}{n}",
                "Signed off by",
                _many(roles, step.signed_off_by if step else ()),
                optional=True,
            ),
            input_block(
                f"{Block.STEP_EVIDENCE}{n}",
                "Evidence",
                _one(evidence, step.evidence.value if step else Evidence.ATTENDANCE.value),
                optional=True,
            ),
            text_input(
                f"{Block.STEP_ASKS}{n}",
                "The person's button (e.g. Request observation)",
                step.asks if step else "",
                60,
                True,
            ),
        ]
    title = "Edit pathway" if p else "New pathway"
    metadata = json.dumps({"pathway": p.key if p else ""})
    return modal(View.PATHWAY, title, blocks, submit="Save", metadata=metadata)


def role_modal(held: RoleHolders) -> dict[str, Any]:
    blocks: Blocks = [
        context(
            "Who holds each role. People who hold one by attending a programme or by being "
            "accredited are listed under it: this form does not change that."
        )
    ]
    for role in held.roles[:45]:
        blocks.append(_holders(role))
        note = _others(role, held.otherwise.get(role.key, []))
        if note:
            blocks.append(context(note))
    return modal(View.ROLE_HOLDERS, "Who holds each role", blocks, submit="Save")


def saved_roles_text(changed: list[Role]) -> str:
    if not changed:
        return "Nothing changed."
    return "Saved: " + ", ".join(f"*{escape(r.name)}*" for r in changed) + "."


def _holders(role: Role) -> dict[str, Any]:
    people = [m for m in role.members if "@" not in m]
    element: dict[str, Any] = {"type": "multi_users_select"}
    if people:
        element["initial_users"] = people[:100]
    return input_block(f"{Block.ROLE_PREFIX}{role.key}", role.name, element, optional=True)


def _others(role: Role, otherwise: list[str]) -> str:
    parts = []
    if otherwise:
        shown = ", ".join(f"<@{p}>" for p in otherwise[:20])
        more = f" and {len(otherwise) - 20} more" if len(otherwise) > 20 else ""
        parts.append(f"Also by training or accreditation: {shown}{more}")
    by_email = [m for m in role.members if "@" in m]
    if by_email:
        parts.append("Named in the programme file: " + escape(", ".join(by_email)))
    return clip(". ".join(parts), 2000)


def _one(options: list[dict], initial: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "static_select", "options": options}
    chosen = [o for o in options if o["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return element


def _many(options: list[dict], initial: tuple[str, ...]) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "multi_static_select", "options": options}
    chosen = [o for o in options if o["value"] in initial]
    if chosen:
        element["initial_options"] = chosen
    return element
