"""Changes people make from App Home (programmes, cohorts, the catalogue, pathways, roles): each
checked by its model, refused with every reason when it would break live data, and audited."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from domain.kernel.errors import ConfigConflict, DomainError
from domain.kernel.people import Actor
from domain.kernel.programme import Cohort
from domain.programme_admin.programme_changes import changed_settings
from handlers.kernel.ports import UnitOfWork

M = TypeVar("M", bound=BaseModel)


def valid(model: type[M], data: dict[str, Any]) -> M:
    """The model, or its first problem as a DomainError naming the setting."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        problem = invalid.errors()[0]
        where = str(problem["loc"][0]) if problem["loc"] else None
        words = str(problem["msg"]).removeprefix("Value error, ")
        raise DomainError(f"{words[:1].upper()}{words[1:]}.", field=where) from None


def refuse_breaking(problems: dict[str, str]) -> None:
    """Refuse a change that would break live data, with every reason (by setting)."""
    if problems:
        why = "; ".join(problems.values())
        raise ConfigConflict(f"This change was not saved: {why}.", problems=problems)


def unique_key(name: str, taken: set[str]) -> str:
    """A key from the name ('Cohort 3' -> 'cohort-3'), made unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:34].strip("-") or "new"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def audit(
    uow: UnitOfWork,
    actor: Actor,
    subject: str,
    action: str,
    before: BaseModel | None,
    after: BaseModel | Cohort,
    now: datetime,
) -> None:
    """Who changed what, when: the settings that changed, before and after."""
    if before is None:
        detail: dict[str, Any] = {"after": after.model_dump(mode="json")}
    else:
        detail = {"changed": changed_settings(before, after)}
    uow.audit.note(actor.user_id, subject, action, now, json.dumps(detail, default=str))
