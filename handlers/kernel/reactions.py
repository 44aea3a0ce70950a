"""What one feature does when another changes something, in the same transaction: the feature
that changed it asks ``react`` and never imports the other. Each feature installs its own
reactions (the composition root, bot/features.py, at start-up)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.kernel.programme import Programme
from handlers.kernel.ports import UnitOfWork


@dataclass(frozen=True)
class PlacesAdded:
    """A programme has more places than before (in total or in a cohort)."""

    programme: Programme


@dataclass(frozen=True)
class CreditChanged:
    """What credits a person's requirements changed (an entry, a circle, attendance)."""

    person: str


# The unit of work is the one the kernel was handed: the composition root's, which holds
# every feature's repositories (the kernel's type says too little for a feature's function).
Reaction = Callable[[Any, Any, datetime], Sequence[object]]
REACTIONS: dict[type, Reaction] = {}


def install(table: Mapping[type, Reaction]) -> None:
    """Add a feature's reactions (a change has one, whoever adds it)."""
    for kind, reaction in table.items():
        if REACTIONS.setdefault(kind, reaction) is not reaction:
            raise ValueError(f"{kind.__name__} has two reactions")


def react(uow: UnitOfWork, now: datetime, change: PlacesAdded | CreditChanged) -> Sequence[object]:
    """Carry out the reaction to ``change`` in the caller's transaction: its outcomes, for
    the caller to announce with its own."""
    return REACTIONS[type(change)](uow, change, now)
