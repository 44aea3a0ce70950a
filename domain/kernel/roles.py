"""Who may run a programme: its coordinators."""

from __future__ import annotations

from domain.kernel.errors import NotAllowed
from domain.kernel.people import Actor
from domain.kernel.programme import Programme


def require_coordinator(actor: Actor, programme: Programme) -> None:
    if not programme.is_coordinator(actor):
        raise NotAllowed(f"Only the coordinators of {programme.name} can do that.")
