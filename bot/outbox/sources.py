"""What a feature's writers read when a message is sent: the database as it is then, and the
people Slack knows. A module of its own that imports no writer: ``render`` collects each
feature's ``WRITERS`` and the writers name these sources, not the renderer (no import cycle)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from bot.outbox.sends import Send
from bot.people import People
from domain.kernel.outbox import Message
from domain.kernel.people import Actor
from storage.unit_of_work import UnitOfWorkFactory


class Sources(Protocol):
    @property
    def uow_factory(self) -> UnitOfWorkFactory: ...

    @property
    def people(self) -> People: ...


Writer = Callable[[Message, Actor, Sources, datetime], Send | None]
"""Writes one message for its recipient, as they may see it now; None: nothing to say any more."""

FactWriter = Callable[[Message, Sources, datetime], Send | None]
"""Writes one message from the facts it names (a nomination, a programme), whoever reads it."""
