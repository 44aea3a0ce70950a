"""What happened to the supervision log."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kernel.events import Event


@dataclass(frozen=True)
class EntryLogged(Event):
    """A supervision session or delivery was logged, edited or deleted."""

    author: str
