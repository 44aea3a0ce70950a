"""Coordinators change the reminder and mentoring policies from App Home: checked by the
policies' own rules, refused where live data would break (a mentor already has more mentees
than the new capacity), audited as "catalogue:POLICY" (which `cascade config sync` then does
not overwrite)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from domain.accreditation.mentoring import MentoringPolicy
from domain.kernel.errors import DomainError
from domain.kernel.reminders import ReminderPolicy
from domain.kernel.roles import require_coordinator
from domain.programme_admin.catalogue import Catalogue
from domain.programme_admin.programme_content import capacity_refusals
from handlers.kernel.changes import audit, refuse_breaking
from handlers.programme_admin.commands import EditPolicy
from handlers.programme_admin.ports import UnitOfWork

_MODELS: dict[str, type[BaseModel]] = {"reminders": ReminderPolicy, "mentoring": MentoringPolicy}
_WORDS = {"reminders": "the reminder policy", "mentoring": "the mentoring policy"}


def edit_policy(cmd: EditPolicy, uow: UnitOfWork, now: datetime) -> BaseModel:
    """Change the settings of one policy; what is not typed stays as it was."""
    with uow:
        require_coordinator(cmd.actor, uow.programmes.get(cmd.programme_key))
        old = uow.catalogue.lock()
        before: BaseModel = getattr(old, cmd.policy)
        after = _valid(_MODELS[cmd.policy], {**before.model_dump(), **cmd.values})
        if isinstance(after, MentoringPolicy):
            load = Counter(pair.mentor for pair in uow.pairs.active())
            refuse_breaking(capacity_refusals(after.capacity, max(load.values(), default=0)))
        if after != before:
            new = Catalogue.model_validate({**old.model_dump(), cmd.policy: after.model_dump()})
            uow.catalogue.save(new)
            subject = f"catalogue:{cmd.policy}"
            audit(uow, cmd.actor, subject, f"edited {_WORDS[cmd.policy]}", before, after, now)
            uow.commit()
        return after


def _valid(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """The policy, or its first problem as a DomainError naming the setting (the policy's
    rules about two settings name the first they mention)."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        problem = invalid.errors()[0]
        words = str(problem["msg"]).removeprefix("Value error, ")
        named = [str(p) for p in problem["loc"][:1]] or [
            f for f in model.model_fields if f in words
        ]
        raise DomainError(f"{words[:1].upper()}{words[1:]}.", field=(named or [""])[0]) from None
