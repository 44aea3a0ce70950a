"""Coordinators change accreditation pathways and who holds each role, from App Home.
Every change is audited and refused, with the reasons, when it would break live data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.accreditation.pathway_changes import pathway_conflicts
from domain.accreditation.pathways import Pathway
from domain.kernel.errors import DomainError, NotAllowed
from domain.kernel.people import Actor
from domain.programme_admin import events as e
from domain.programme_admin.catalogue import Catalogue
from domain.supervision.requirements import Role
from handlers.accreditation.commands import SavePathway, SaveRoleHolders, StepDraft
from handlers.accreditation.ports import UnitOfWork
from handlers.kernel.announce import announce
from handlers.kernel.changes import audit, refuse_breaking, unique_key, valid
from handlers.kernel.people import is_coordinator
from handlers.kernel.roles import roles_by_person


@dataclass(frozen=True)
class RoleHolders:
    """What the role form shows: each role, and who holds it another way (by attending a
    programme or being accredited), which the form cannot change."""

    roles: tuple[Role, ...]
    otherwise: dict[str, list[str]]  # role -> people holding it not by being named


def pathway_form(actor: Actor, key: str, uow: UnitOfWork) -> tuple[Catalogue, Pathway | None]:
    """Before the pathway form: the roles, and the pathway (None: a new one)."""
    with uow:
        _require_coordinator(actor, uow)
        catalogue = uow.catalogue.get()
        if not catalogue.roles:
            raise NotAllowed("Add roles to the programme file first: each step needs one.")
        return catalogue, catalogue.pathway(key) if key else None


def role_holders(actor: Actor, uow: UnitOfWork) -> RoleHolders:
    """Before the role form: each role and its holders."""
    with uow:
        _require_coordinator(actor, uow)
        catalogue = uow.catalogue.get()
        otherwise: dict[str, list[str]] = {}
        for person, held in sorted(roles_by_person(uow, catalogue).items()):
            for role in held:
                named = next((r.members for r in catalogue.roles if r.key == role), ())
                if person not in named:
                    otherwise.setdefault(role, []).append(person)
        return RoleHolders(catalogue.roles, otherwise)


def save_pathway(cmd: SavePathway, uow: UnitOfWork, now: datetime) -> Pathway:
    """Add a pathway or change one: its steps keep their place (and what was signed off for
    them); a step someone was signed off or asked for cannot go."""
    with uow:
        _require_coordinator(cmd.actor, uow)
        catalogue = uow.catalogue.lock()
        old = catalogue.pathway(cmd.pathway_key) if cmd.pathway_key else None
        taken = {p.key for p in catalogue.pathways}
        key = old.key if old else unique_key(cmd.name, taken)
        new = valid(Pathway, {**_pathway_fields(cmd, old), "key": key})
        if old is not None:
            in_use = uow.accreditations.in_use(old.key)
            accredited = uow.accreditations.count_accredited(old.key)
            refuse_breaking(pathway_conflicts(old, new, in_use, accredited))
        pathways = [new if p.key == key else p for p in catalogue.pathways]
        changed = _with(catalogue, pathways=tuple(pathways if old else (*pathways, new)))
        uow.catalogue.save(changed)
        action = "added pathway" if old is None else "edited pathway"
        audit(uow, cmd.actor, f"catalogue:pathway:{key}", action, old, new, now)
        people = {s.person for s in uow.accreditations.sign_offs(pathway=key)}
        people |= {r.person for r in uow.accreditations.requests() if r.pathway == key}
        announce(uow, now, e.ProgrammeChanged(cmd.actor.user_id, tuple(sorted(people))))
        uow.commit()
        return new


def save_role_holders(cmd: SaveRoleHolders, uow: UnitOfWork, now: datetime) -> list[Role]:
    """Name who holds each role; people named by e-mail in the programme file stay."""
    with uow:
        _require_coordinator(cmd.actor, uow)
        catalogue = uow.catalogue.lock()
        known = {r.key for r in catalogue.roles}
        if set(cmd.holders) - known:
            raise DomainError("That role no longer exists: open the form again.")
        roles, changed, people = [], [], set()
        for role in catalogue.roles:
            if role.key not in cmd.holders:
                roles.append(role)
                continue
            kept = tuple(m for m in role.members if "@" in m)
            new = role.model_copy(update={"members": (*cmd.holders[role.key], *kept)})
            roles.append(new)
            if set(new.members) != set(role.members):
                changed.append(new)
                people |= set(new.members) ^ set(role.members)
                audit(
                    uow,
                    cmd.actor,
                    f"catalogue:role:{role.key}",
                    "changed role holders",
                    role,
                    new,
                    now,
                )
        uow.catalogue.save(_with(catalogue, roles=tuple(roles)))
        someone = tuple(sorted(p for p in people if "@" not in p))
        announce(uow, now, e.ProgrammeChanged(cmd.actor.user_id, someone))
        uow.commit()
        return changed


def _pathway_fields(cmd: SavePathway, old: Pathway | None) -> dict[str, Any]:
    """The pathway the form describes: each row keeps the key of the step in its place."""
    keys = [s.key for s in old.steps] if old else []
    steps, taken = [], set(keys)
    for place, row in enumerate(cmd.steps):
        if row is None:
            continue
        if place < len(keys):
            step_key = keys[place]
        else:
            step_key = unique_key(row.name, taken)
            taken.add(step_key)
        steps.append({**row.model_dump(exclude={"asks"}), "key": step_key, "asks": _asks(row)})
    if not steps:
        raise DomainError("Give the pathway at least one step.", field="step:1")
    return {
        "name": cmd.name,
        "grants_role": cmd.grants_role,
        "open_to": cmd.open_to,
        "lapse_after_days": cmd.lapse_after_days,
        "steps": steps,
    }


def _asks(row: StepDraft) -> str:
    return row.asks.strip() or "Request sign-off"


def _with(catalogue: Catalogue, **changes: Any) -> Catalogue:
    """The catalogue with ``changes``, its references checked (a role no longer there)."""
    return valid(Catalogue, {**catalogue.model_dump(), **changes})


def _require_coordinator(actor: Actor, uow: UnitOfWork) -> None:
    if not is_coordinator(actor, uow):
        raise NotAllowed("Only coordinators can change pathways and who holds each role.")
