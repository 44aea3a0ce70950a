"""Coordinators change a programme's content from App Home: the offer (description, criteria,
confirmations) and the requirements per role. Audited like the settings, refused with the
reasons when live data uses what would go; the programme file is then not applied over them
(the audit subjects are those `cascade config sync` checks)."""

from __future__ import annotations

from datetime import datetime

from domain.catalogue import Catalogue
from domain.errors import DomainError
from domain.outbox import Reason
from domain.people import Actor
from domain.programme import Programme
from domain.programme_content import (
    keyed_texts,
    new_key,
    offer_refusals,
    requirement_refusals,
)
from domain.roles import require_coordinator
from domain.supervision import Kind
from handlers import commands as c
from handlers.ports import UnitOfWork
from handlers.programme_admin import audit, refuse_breaking, valid


def edit_offer(cmd: c.EditOffer, uow: UnitOfWork, now: datetime) -> Programme:
    """Change the offer's description, criteria and confirmations."""
    with uow:
        old = uow.programmes.lock(cmd.programme_key)
        require_coordinator(cmd.actor, old)
        new = valid(
            Programme,
            {
                **old.model_dump(),
                "description": cmd.description,
                "criteria": keyed_texts(old.criteria, cmd.criteria),
                "confirmations": keyed_texts(old.confirmations, cmd.confirmations),
            },
        )
        confirmed = [n for n in uow.nominations.list(old.key) if n.eligibility_confirmed_at]
        refuse_breaking(offer_refusals(old, new, len(confirmed)))
        if new != old:
            uow.programmes.save(new)
            audit(uow, cmd.actor, f"programme:{new.key}", "edited the offer", old, new, now)
            uow.commit()
        return new


def requirements_form(actor: Actor, key: str, uow: UnitOfWork) -> tuple[Programme, Catalogue]:
    """Before the requirements form: the programme (for its coordinators) and the catalogue."""
    with uow:
        programme = uow.programmes.get(key)
        require_coordinator(actor, programme)
        return programme, uow.catalogue.get()


def edit_requirements(cmd: c.EditRequirements, uow: UnitOfWork, now: datetime) -> Catalogue:
    """Change the requirements per role (entries or hours, every N months)."""
    with uow:
        require_coordinator(cmd.actor, uow.programmes.get(cmd.programme_key))
        old = uow.catalogue.lock()
        known, taken = {r.key for r in old.requirements}, {r.key for r in old.requirements}
        rows = []
        for row in cmd.requirements:
            _ensure_counted(row, old)
            key = row.key if row.key in known else new_key(row.name, taken)
            taken.add(key)
            rows.append({**row.model_dump(exclude={"key", "slot"}), "key": key})
        new = valid(Catalogue, {**old.model_dump(), "requirements": rows})
        refuse_breaking(requirement_refusals(old, new, _history(uow, old)))
        if new != old:
            uow.catalogue.save(new)
            audit(uow, cmd.actor, "catalogue:requirements", "edited requirements", old, new, now)
            uow.commit()
        return new


def _ensure_counted(row: c.RequirementRow, catalogue: Catalogue) -> None:
    """Hours are added up from durations: only supervision sessions have one."""
    chosen = [t for t in catalogue.log_types if t.key in row.log_types]
    timeless = [t.name for t in chosen if t.kind is not Kind.SUPERVISION]
    if row.hours and timeless:
        raise DomainError(
            f"{row.name}: hours are added up from sessions' durations, but "
            f"{', '.join(timeless)} have none: leave the hours empty to count entries, or "
            "choose sessions only.",
            field=f"requirements:{row.slot or row.key}:hours",
        )


def _history(uow: UnitOfWork, catalogue: Catalogue) -> dict[str, str]:
    """Requirements people have been held to: reminders sent about them, or entries logged
    of the types they count (their standing was shown on Home)."""
    reminded: dict[str, int] = {}
    for _, subject in uow.outbox.sent_periods(Reason.REQUIREMENT):
        key = subject.removeprefix("requirement:")
        reminded[key] = reminded.get(key, 0) + 1
    types = {t for r in catalogue.requirements for t in r.log_types}
    logged = uow.entries.latest_by_type(types) if types else {}
    found: dict[str, str] = {}
    for r in catalogue.requirements:
        said = []
        if reminded.get(r.key):
            said.append(f"{reminded[r.key]} people reminded")
        if any(logged.get(t) for t in r.log_types):
            said.append("entries logged against it")
        if said:
            found[r.key] = " and ".join(said)
    return found
